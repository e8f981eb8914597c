package transport

import (
	"bufio"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net"
	"net/textproto"
	"strconv"
	"strings"
)

// maxProxyResponse bounds the size of a CONNECT response.
const maxProxyResponse = 64 << 10

// HTTPProxy dials through an HTTP proxy with the CONNECT method, optionally
// with Basic authentication.
type HTTPProxy struct {
	Addr     string // host:port of the proxy
	Username string // empty for no authentication
	Password string
	Forward  Dialer // how to reach the proxy; nil means Direct
}

// DialContext connects to addr through the proxy. network must be tcp,
// tcp4 or tcp6.
func (h *HTTPProxy) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	switch network {
	case "tcp", "tcp4", "tcp6":
	default:
		return nil, fmt.Errorf("transport: http proxy: network %q not supported", network)
	}
	if _, _, err := net.SplitHostPort(addr); err != nil {
		return nil, fmt.Errorf("transport: http proxy: %w", err)
	}
	conn, err := orDirect(h.Forward).DialContext(ctx, "tcp", h.Addr)
	if err != nil {
		return nil, err
	}
	var tunnel net.Conn
	err = handshake(ctx, conn, func() (err error) {
		tunnel, err = h.connect(conn, addr)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("transport: http proxy %s: %w", h.Addr, err)
	}
	return tunnel, nil
}

func (h *HTTPProxy) connect(conn net.Conn, addr string) (net.Conn, error) {
	var req strings.Builder
	fmt.Fprintf(&req, "CONNECT %s HTTP/1.1\r\nHost: %s\r\n", addr, addr)
	if h.Username != "" || h.Password != "" {
		cred := base64.StdEncoding.EncodeToString([]byte(h.Username + ":" + h.Password))
		fmt.Fprintf(&req, "Proxy-Authorization: Basic %s\r\n", cred)
	}
	req.WriteString("\r\n")
	if _, err := conn.Write([]byte(req.String())); err != nil {
		return nil, err
	}
	// The limit bounds a hostile proxy's response headers.
	br := bufio.NewReader(io.LimitReader(conn, maxProxyResponse))
	tp := textproto.NewReader(br)
	line, err := tp.ReadLine()
	if err != nil {
		return nil, err
	}
	proto, status, _ := strings.Cut(line, " ")
	if !strings.HasPrefix(proto, "HTTP/1.") {
		return nil, fmt.Errorf("bad status line %q", line)
	}
	codeStr, reason, _ := strings.Cut(status, " ")
	code, err := strconv.Atoi(codeStr)
	if err != nil || len(codeStr) != 3 {
		return nil, fmt.Errorf("bad status line %q", line)
	}
	if _, err := tp.ReadMIMEHeader(); err != nil {
		return nil, err
	}
	if code < 200 || code > 299 {
		return nil, &ProxyError{Proxy: "http", Code: code, Reason: reason}
	}
	if br.Buffered() > 0 {
		return &bufferedConn{Conn: conn, r: br}, nil
	}
	return conn, nil
}

// bufferedConn returns bytes the proxy sent after its response, which the
// response reader had already buffered, before reading the connection.
type bufferedConn struct {
	net.Conn
	r *bufio.Reader
}

func (c *bufferedConn) Read(p []byte) (int, error) {
	if c.r.Buffered() > 0 {
		return c.r.Read(p)
	}
	return c.Conn.Read(p)
}
