package tdcli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// A reply is a Redis reply (RESP2).
type reply struct {
	kind byte // '+' status, '-' error, ':' integer, '$' bulk, '*' array, 'n' nil
	str  string
	n    int64
	arr  []reply
}

var nilReply = reply{kind: 'n'}

func statusReply(s string) reply { return reply{kind: '+', str: s} }
func errorReply(s string) reply  { return reply{kind: '-', str: s} }
func intReply(n int64) reply     { return reply{kind: ':', n: n} }
func bulkReply(s string) reply   { return reply{kind: '$', str: s} }
func arrayReply(a []reply) reply { return reply{kind: '*', arr: a} }
func boolReply(b bool) reply {
	if b {
		return intReply(1)
	}
	return intReply(0)
}

func stringsReply(list []string) reply {
	out := make([]reply, len(list))
	for i, s := range list {
		out[i] = bulkReply(s)
	}
	return arrayReply(out)
}

// A redisConn carries commands to a store: the embedded one or a server.
type redisConn interface {
	do(args []string) (reply, error)
	close() error
}

// respConn is a connection to a Redis server.
type respConn struct {
	c net.Conn
	r *bufio.Reader
	w *bufio.Writer
}

// dialRedis connects to addr: "host:port", "redis://[:password@]host:port[/db]"
// or "unix:/path" (also unix:///path).
func dialRedis(addr string) (*respConn, error) {
	network, address, password, db := "tcp", addr, "", ""
	switch {
	case strings.HasPrefix(addr, "unix:"):
		network, address = "unix", strings.TrimPrefix(strings.TrimPrefix(addr, "unix:"), "//")
	case strings.HasPrefix(addr, "redis://"):
		u, err := url.Parse(addr)
		if err != nil {
			return nil, err
		}
		address = u.Host
		if !strings.Contains(address, ":") {
			address += ":6379"
		}
		if u.User != nil {
			password, _ = u.User.Password()
			if password == "" {
				password = u.User.Username()
			}
		}
		db = strings.TrimPrefix(u.Path, "/")
	}
	c, err := net.DialTimeout(network, address, 5*time.Second)
	if err != nil {
		return nil, err
	}
	rc := &respConn{c: c, r: bufio.NewReader(c), w: bufio.NewWriter(c)}
	if password != "" {
		if r, err := rc.do([]string{"AUTH", password}); err != nil || r.kind == '-' {
			rc.close()
			return nil, fmt.Errorf("redis: AUTH: %s", r.str)
		}
	}
	if db != "" {
		if r, err := rc.do([]string{"SELECT", db}); err != nil || r.kind == '-' {
			rc.close()
			return nil, fmt.Errorf("redis: SELECT %s: %s", db, r.str)
		}
	}
	return rc, nil
}

func (rc *respConn) send(args []string) {
	fmt.Fprintf(rc.w, "*%d\r\n", len(args))
	for _, a := range args {
		fmt.Fprintf(rc.w, "$%d\r\n%s\r\n", len(a), a)
	}
}

func (rc *respConn) do(args []string) (reply, error) {
	rc.send(args)
	if err := rc.w.Flush(); err != nil {
		return reply{}, err
	}
	return readReply(rc.r)
}

// pipeline sends commands at once and reads their replies.
func (rc *respConn) pipeline(cmds [][]string) ([]reply, error) {
	for _, args := range cmds {
		rc.send(args)
	}
	if err := rc.w.Flush(); err != nil {
		return nil, err
	}
	out := make([]reply, len(cmds))
	for i := range cmds {
		r, err := readReply(rc.r)
		if err != nil {
			return nil, err
		}
		out[i] = r
	}
	return out, nil
}

func (rc *respConn) close() error { return rc.c.Close() }

var errProtocol = errors.New("redis: protocol error")

// readReply reads one RESP2 reply.
func readReply(r *bufio.Reader) (reply, error) {
	line, err := r.ReadString('\n')
	if err != nil {
		return reply{}, err
	}
	line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
	if line == "" {
		return reply{}, errProtocol
	}
	body := line[1:]
	switch line[0] {
	case '+':
		return statusReply(body), nil
	case '-':
		return errorReply(body), nil
	case ':':
		n, err := strconv.ParseInt(body, 10, 64)
		if err != nil {
			return reply{}, errProtocol
		}
		return intReply(n), nil
	case '$':
		n, err := strconv.Atoi(body)
		if err != nil {
			return reply{}, errProtocol
		}
		if n < 0 {
			return nilReply, nil
		}
		buf := make([]byte, n+2)
		if _, err := io.ReadFull(r, buf); err != nil {
			return reply{}, err
		}
		return bulkReply(string(buf[:n])), nil
	case '*':
		n, err := strconv.Atoi(body)
		if err != nil {
			return reply{}, errProtocol
		}
		if n < 0 {
			return nilReply, nil
		}
		arr := make([]reply, n)
		for i := range arr {
			if arr[i], err = readReply(r); err != nil {
				return reply{}, err
			}
		}
		return arrayReply(arr), nil
	}
	return reply{}, errProtocol
}
