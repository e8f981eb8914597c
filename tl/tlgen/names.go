package tlgen

import (
	"strings"
	"unicode"
)

// initialisms are written in capitals in Go names, as Go style asks:
// user_id → UserID, url → URL.
var initialisms = map[string]string{
	"id": "ID", "ids": "IDs", "url": "URL", "urls": "URLs", "dc": "DC", "api": "API",
	"ip": "IP", "ipv4": "IPv4", "ipv6": "IPv6", "ttl": "TTL", "json": "JSON", "http": "HTTP",
	"https": "HTTPS", "uri": "URI", "md5": "MD5", "pq": "PQ", "dh": "DH", "sms": "SMS",
	"qr": "QR", "cdn": "CDN", "rsa": "RSA", "sha256": "SHA256", "sha1": "SHA1",
	"mtproto": "MTProto", "gif": "GIF", "utf8": "UTF8", "html": "HTML", "pdf": "PDF",
	"tcp": "TCP", "udp": "UDP", "rpc": "RPC",
}

// goName turns a TL identifier (possibly namespaced) into an exported Go
// identifier: messages.sendMessage → MessagesSendMessage,
// p_q_inner_data_dc → PQInnerDataDC, req_DH_params → ReqDHParams.
func goName(tl string) string {
	var b strings.Builder
	for _, part := range strings.Split(tl, ".") {
		for _, w := range words(part) {
			b.WriteString(titleWord(w))
		}
	}
	return b.String()
}

// words splits an identifier at underscores and at lower→upper case changes.
func words(s string) []string {
	var out []string
	for _, chunk := range strings.Split(s, "_") {
		start := 0
		rs := []rune(chunk)
		for i := 1; i < len(rs); i++ {
			if unicode.IsUpper(rs[i]) && !unicode.IsUpper(rs[i-1]) {
				out = append(out, string(rs[start:i]))
				start = i
			}
		}
		if start < len(rs) {
			out = append(out, string(rs[start:]))
		}
	}
	return out
}

func titleWord(w string) string {
	if v, ok := initialisms[strings.ToLower(w)]; ok {
		return v
	}
	return strings.ToUpper(w[:1]) + w[1:]
}

// lowerFirst is used for unexported names.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
