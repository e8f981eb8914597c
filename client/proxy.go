package client

import (
	"fmt"
	"net/url"

	"github.com/luagram/luagram/mtproto/transport"
)

// ParseProxy reads the connection_settings.proxy setting:
// socks5://[user:pass@]host:port, http://[user:pass@]host:port or
// mtproxy://host:port?secret=HEX. An MTProxy comes back as a dialer to the
// proxy plus the secret that keys obfuscated2.
func ParseProxy(s string) (transport.Dialer, *transport.Secret, error) {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return nil, nil, fmt.Errorf("settings: connection_settings.proxy: %q is not scheme://host:port", s)
	}
	user, pass := "", ""
	if u.User != nil {
		user = u.User.Username()
		pass, _ = u.User.Password()
	}
	switch u.Scheme {
	case "socks5":
		return &transport.SOCKS5{Addr: u.Host, Username: user, Password: pass}, nil, nil
	case "http":
		return &transport.HTTPProxy{Addr: u.Host, Username: user, Password: pass}, nil, nil
	case "mtproxy":
		sec, err := transport.ParseSecret(u.Query().Get("secret"))
		if err != nil {
			return nil, nil, fmt.Errorf("settings: connection_settings.proxy: %w", err)
		}
		return fixedAddr{u.Host}, &sec, nil
	}
	return nil, nil, fmt.Errorf("settings: connection_settings.proxy: unknown scheme %q (want socks5, http or mtproxy)", u.Scheme)
}
