package transport

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"strconv"
)

// SOCKS5 dials through a SOCKS5 proxy (RFC 1928) with the CONNECT command,
// without authentication or with a username and password (RFC 1929).
// Addresses are sent as IPv4, IPv6 or domain names, which the proxy
// resolves.
type SOCKS5 struct {
	Addr     string // host:port of the proxy
	Username string // empty for no authentication
	Password string
	Forward  Dialer // how to reach the proxy; nil means Direct
}

const (
	socksVersion    = 5
	socksNoAuth     = 0
	socksPassword   = 2
	socksNoAccept   = 0xff
	socksConnect    = 1
	socksIPv4       = 1
	socksDomain     = 3
	socksIPv6       = 4
	socksAuthVer    = 1
	socksAuthOK     = 0
	socksReplyOK    = 0
	socksMaxAddrLen = 255
)

// socksReplies are the reply codes of RFC 1928 section 6.
var socksReplies = [...]string{
	1: "general SOCKS server failure",
	2: "connection not allowed by ruleset",
	3: "network unreachable",
	4: "host unreachable",
	5: "connection refused",
	6: "TTL expired",
	7: "command not supported",
	8: "address type not supported",
}

// DialContext connects to addr through the proxy. network must be tcp,
// tcp4 or tcp6.
func (s *SOCKS5) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	switch network {
	case "tcp", "tcp4", "tcp6":
	default:
		return nil, fmt.Errorf("transport: socks5: network %q not supported", network)
	}
	req, err := s.connectRequest(addr)
	if err != nil {
		return nil, err
	}
	conn, err := orDirect(s.Forward).DialContext(ctx, "tcp", s.Addr)
	if err != nil {
		return nil, err
	}
	if err := handshake(ctx, conn, func() error { return s.handshake(conn, req) }); err != nil {
		return nil, fmt.Errorf("transport: socks5 %s: %w", s.Addr, err)
	}
	return conn, nil
}

// connectRequest encodes the CONNECT request for addr.
func (s *SOCKS5) connectRequest(addr string) ([]byte, error) {
	host, portStr, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("transport: socks5: %w", err)
	}
	port, err := strconv.ParseUint(portStr, 10, 16)
	if err != nil {
		return nil, fmt.Errorf("transport: socks5: bad port %q", portStr)
	}
	req := []byte{socksVersion, socksConnect, 0}
	if ip, err := netip.ParseAddr(host); err == nil {
		if ip.Zone() != "" {
			return nil, fmt.Errorf("transport: socks5: zoned address %q not supported", host)
		}
		if ip.Is4() || ip.Is4In6() {
			a := ip.Unmap().As4()
			req = append(append(req, socksIPv4), a[:]...)
		} else {
			a := ip.As16()
			req = append(append(req, socksIPv6), a[:]...)
		}
	} else {
		if len(host) == 0 || len(host) > socksMaxAddrLen {
			return nil, fmt.Errorf("transport: socks5: bad host name length %d", len(host))
		}
		req = append(append(req, socksDomain, byte(len(host))), host...)
	}
	return append(req, byte(port>>8), byte(port)), nil
}

func (s *SOCKS5) handshake(conn net.Conn, req []byte) error {
	auth := s.Username != "" || s.Password != ""
	greeting := []byte{socksVersion, 1, socksNoAuth}
	if auth {
		greeting = []byte{socksVersion, 2, socksNoAuth, socksPassword}
	}
	if _, err := conn.Write(greeting); err != nil {
		return err
	}
	var b [socksMaxAddrLen + 1]byte
	if _, err := io.ReadFull(conn, b[:2]); err != nil {
		return err
	}
	if b[0] != socksVersion {
		return fmt.Errorf("not a SOCKS5 server (version %d)", b[0])
	}
	switch b[1] {
	case socksNoAuth:
	case socksPassword:
		if !auth {
			return errors.New("server demands a password")
		}
		if err := s.authenticate(conn); err != nil {
			return err
		}
	case socksNoAccept:
		return errors.New("server accepts none of the offered authentication methods")
	default:
		return fmt.Errorf("server chose unoffered authentication method %d", b[1])
	}
	if _, err := conn.Write(req); err != nil {
		return err
	}
	if _, err := io.ReadFull(conn, b[:4]); err != nil {
		return err
	}
	if b[0] != socksVersion {
		return fmt.Errorf("bad reply version %d", b[0])
	}
	if code := b[1]; code != socksReplyOK {
		reason := "unknown reply"
		if int(code) < len(socksReplies) && socksReplies[code] != "" {
			reason = socksReplies[code]
		}
		return &ProxyError{Proxy: "socks5", Code: int(code), Reason: reason}
	}
	// Skip BND.ADDR and BND.PORT.
	var n int
	switch b[3] {
	case socksIPv4:
		n = 4
	case socksIPv6:
		n = 16
	case socksDomain:
		if _, err := io.ReadFull(conn, b[:1]); err != nil {
			return err
		}
		n = int(b[0])
	default:
		return fmt.Errorf("bad reply address type %d", b[3])
	}
	_, err := io.ReadFull(conn, b[:n+2])
	return err
}

// authenticate runs the RFC 1929 username/password subnegotiation.
func (s *SOCKS5) authenticate(conn net.Conn) error {
	if len(s.Username) > socksMaxAddrLen || len(s.Password) > socksMaxAddrLen {
		return errors.New("username or password longer than 255 bytes")
	}
	msg := make([]byte, 0, 3+len(s.Username)+len(s.Password))
	msg = append(msg, socksAuthVer, byte(len(s.Username)))
	msg = append(msg, s.Username...)
	msg = append(msg, byte(len(s.Password)))
	msg = append(msg, s.Password...)
	if _, err := conn.Write(msg); err != nil {
		return err
	}
	var b [2]byte
	if _, err := io.ReadFull(conn, b[:]); err != nil {
		return err
	}
	if b[1] != socksAuthOK {
		return &ProxyError{Proxy: "socks5", Code: int(b[1]), Reason: "authentication failed"}
	}
	return nil
}
