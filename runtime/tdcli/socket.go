package tdcli

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/luagram/luagram/runtime"
)

// LuaSocket's modules as bots use them: socket (gettime, sleep),
// socket.http and ssl.https (request, over net/http, waiting without
// blocking other handlers), socket.url and mime.

func init() {
	preloads["socket"] = openSocket
	preloads["socket.http"] = openHTTP
	preloads["ssl.https"] = openHTTP
	preloads["ssl"] = func(m *module) (lua.LValue, error) {
		L := m.s.State()
		t := L.CreateTable(0, 1)
		t.RawSetString("_VERSION", lua.LString("LuaSec 0.6 (luagram)"))
		return t, nil
	}
	preloads["socket.url"] = openURL
	preloads["mime"] = openMime
}

func openSocket(m *module) (lua.LValue, error) {
	L := m.s.State()
	t := L.CreateTable(0, 4)
	t.RawSetString("_VERSION", lua.LString("LuaSocket 3.0 (luagram)"))
	t.RawSetString("gettime", L.NewFunction(func(L *lua.LState) int {
		L.Push(lua.LNumber(float64(time.Now().UnixNano()) / 1e9))
		return 1
	}))
	t.RawSetString("sleep", m.s.Func(func(L *lua.LState) int {
		d := time.Duration(float64(L.CheckNumber(1)) * float64(time.Second))
		return runtime.ScriptOf(L).Await(L, "socket.sleep", func(ctx context.Context) runtime.Finish {
			select {
			case <-time.After(d):
			case <-ctx.Done():
			}
			return func(*lua.LState) (lua.LValue, error) { return lua.LNil, nil }
		})
	}))
	return t, nil
}

// httpGlue is the Lua half of socket.http: the two forms of request, with
// LTN12 sources and sinks; raw does the request.
const httpGlue = `
local raw = ...
local concat = table.concat
local M = { TIMEOUT = 60, USERAGENT = "LuaSocket 3.0 (luagram)", PORT = 80 }
function M.request(req, body)
	if type(req) == "string" then
		local headers = {}
		if body then
			headers["content-type"] = "application/x-www-form-urlencoded"
		end
		local r = raw(req, body and "POST" or "GET", headers, body or "", M.TIMEOUT, true, M.USERAGENT)
		if r[1] == nil then
			return nil, r[2]
		end
		return r[1], r[2], r[3], r[4]
	end
	local data = ""
	if req.source then
		local parts = {}
		while true do
			local chunk, err = req.source()
			if err then
				return nil, err
			end
			if not chunk then
				break
			end
			parts[#parts + 1] = chunk
		end
		data = concat(parts)
	end
	local r = raw(req.url, req.method or "GET", req.headers or {}, data, M.TIMEOUT, req.redirect ~= false, M.USERAGENT)
	if r[1] == nil then
		return nil, r[2]
	end
	if req.sink then
		req.sink(r[1])
		req.sink(nil)
	end
	return 1, r[2], r[3], r[4]
end
return M
`

var httpProto = func() func() *lua.FunctionProto {
	var p *lua.FunctionProto
	return func() *lua.FunctionProto {
		if p == nil {
			p = mustCompile(httpGlue, "[socket.http]")
		}
		return p
	}
}()

func openHTTP(m *module) (lua.LValue, error) {
	L := m.s.State()
	raw := m.s.Func(m.httpRaw)
	if err := L.CallByParam(lua.P{Fn: L.NewFunctionFromProto(httpProto()), NRet: 1, Protect: true}, raw); err != nil {
		return nil, err
	}
	v := L.Get(-1)
	L.Pop(1)
	return v, nil
}

// httpRaw(url, method, headers, body, timeout, redirect, agent) does one
// request and returns {body, code, headers, status} or {nil, error}.
func (m *module) httpRaw(L *lua.LState) int {
	target := L.CheckString(1)
	method := strings.ToUpper(L.OptString(2, "GET"))
	hdr := http.Header{}
	if t, ok := L.Get(3).(*lua.LTable); ok {
		t.ForEach(func(k, v lua.LValue) { hdr.Set(k.String(), v.String()) })
	}
	body := L.OptString(4, "")
	timeout := time.Duration(float64(L.OptNumber(5, 60)) * float64(time.Second))
	redirect := lua.LVAsBool(L.Get(6))
	agent := L.OptString(7, "")
	if hdr.Get("User-Agent") == "" && agent != "" {
		hdr.Set("User-Agent", agent)
	}
	return m.s.Await(L, "http.request", func(ctx context.Context) runtime.Finish {
		resp, data, err := doHTTP(ctx, target, method, hdr, body, timeout, redirect)
		return func(L *lua.LState) (lua.LValue, error) {
			t := L.CreateTable(4, 0)
			if err != nil {
				t.RawSetInt(2, lua.LString(err.Error()))
				return t, nil
			}
			headers := L.CreateTable(0, len(resp.Header))
			for k := range resp.Header {
				headers.RawSetString(strings.ToLower(k), lua.LString(resp.Header.Get(k)))
			}
			t.RawSetInt(1, lua.LString(data))
			t.RawSetInt(2, lua.LNumber(resp.StatusCode))
			t.RawSetInt(3, headers)
			t.RawSetInt(4, lua.LString(resp.Proto+" "+resp.Status))
			return t, nil
		}
	})
}

// maxHTTPBody bounds what one request reads.
const maxHTTPBody = 64 << 20

func doHTTP(ctx context.Context, target, method string, hdr http.Header, body string, timeout time.Duration, redirect bool) (*http.Response, []byte, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var rd io.Reader
	if body != "" || method == "POST" || method == "PUT" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, target, rd)
	if err != nil {
		return nil, nil, err
	}
	req.Header = hdr
	c := &http.Client{}
	if !redirect {
		c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	}
	resp, err := c.Do(req)
	if err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			return nil, nil, fmt.Errorf("timeout")
		}
		return nil, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxHTTPBody))
	if err != nil {
		return nil, nil, err
	}
	return resp, data, nil
}

// openURL makes socket.url: escape, unescape, parse, build, absolute.
func openURL(m *module) (lua.LValue, error) {
	L := m.s.State()
	t := L.CreateTable(0, 6)
	t.RawSetString("escape", L.NewFunction(func(L *lua.LState) int {
		s := L.CheckString(1)
		var b strings.Builder
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' {
				b.WriteByte(c)
			} else {
				fmt.Fprintf(&b, "%%%02x", c)
			}
		}
		L.Push(lua.LString(b.String()))
		return 1
	}))
	t.RawSetString("unescape", L.NewFunction(func(L *lua.LState) int {
		s := L.CheckString(1)
		if u, err := url.PathUnescape(s); err == nil {
			s = u
		}
		L.Push(lua.LString(s))
		return 1
	}))
	t.RawSetString("parse", L.NewFunction(func(L *lua.LState) int {
		u, err := url.Parse(L.CheckString(1))
		if err != nil {
			L.Push(lua.LNil)
			L.Push(lua.LString(err.Error()))
			return 2
		}
		r := L.CreateTable(0, 10)
		if d, ok := L.Get(2).(*lua.LTable); ok {
			d.ForEach(func(k, v lua.LValue) { r.RawSet(k, v) })
		}
		set := func(k, v string) {
			if v != "" {
				r.RawSetString(k, lua.LString(v))
			}
		}
		set("scheme", u.Scheme)
		set("host", u.Hostname())
		set("port", u.Port())
		set("authority", u.Host)
		set("path", u.EscapedPath())
		set("query", u.RawQuery)
		set("fragment", u.Fragment)
		if u.User != nil {
			set("userinfo", u.User.String())
			set("user", u.User.Username())
			if p, ok := u.User.Password(); ok {
				set("password", p)
			}
		}
		L.Push(r)
		return 1
	}))
	t.RawSetString("build", L.NewFunction(func(L *lua.LState) int {
		p := L.CheckTable(1)
		get := func(k string) string {
			if v, ok := p.RawGetString(k).(lua.LString); ok {
				return string(v)
			}
			if v, ok := p.RawGetString(k).(lua.LNumber); ok {
				return v.String()
			}
			return ""
		}
		u := &url.URL{Scheme: get("scheme"), Host: get("host"), RawQuery: get("query"), Fragment: get("fragment")}
		if a := get("authority"); u.Host == "" {
			u.Host = a
		} else if port := get("port"); port != "" {
			u.Host += ":" + port
		}
		u.Path, _ = url.PathUnescape(get("path"))
		L.Push(lua.LString(u.String()))
		return 1
	}))
	t.RawSetString("absolute", L.NewFunction(func(L *lua.LState) int {
		base, err1 := url.Parse(L.CheckString(1))
		rel, err2 := url.Parse(L.CheckString(2))
		if err1 != nil || err2 != nil {
			L.Push(L.Get(2))
			return 1
		}
		L.Push(lua.LString(base.ResolveReference(rel).String()))
		return 1
	}))
	return t, nil
}

// openMime makes mime: b64, unb64 (each returning the result and "" as
// the rest, as the filters do at end of input), qp and unqp.
func openMime(m *module) (lua.LValue, error) {
	L := m.s.State()
	t := L.CreateTable(0, 4)
	t.RawSetString("b64", L.NewFunction(func(L *lua.LState) int {
		L.Push(lua.LString(base64.StdEncoding.EncodeToString([]byte(L.CheckString(1)))))
		L.Push(lua.LString(""))
		return 2
	}))
	t.RawSetString("unb64", L.NewFunction(func(L *lua.LState) int {
		s := strings.Map(func(r rune) rune {
			if r == '\n' || r == '\r' || r == ' ' {
				return -1
			}
			return r
		}, L.CheckString(1))
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			b, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "="))
		}
		if err != nil {
			L.Push(lua.LNil)
			return 1
		}
		L.Push(lua.LString(b))
		L.Push(lua.LString(""))
		return 2
	}))
	t.RawSetString("qp", L.NewFunction(func(L *lua.LState) int {
		s := L.CheckString(1)
		var b strings.Builder
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c == '=' || c < 32 && c != '\t' || c > 126 {
				fmt.Fprintf(&b, "=%02X", c)
			} else {
				b.WriteByte(c)
			}
		}
		L.Push(lua.LString(b.String()))
		L.Push(lua.LString(""))
		return 2
	}))
	t.RawSetString("unqp", L.NewFunction(func(L *lua.LState) int {
		s := L.CheckString(1)
		var b strings.Builder
		for i := 0; i < len(s); i++ {
			if s[i] == '=' && i+2 < len(s)+0 && i+2 <= len(s)-1 {
				var c byte
				if _, err := fmt.Sscanf(s[i+1:i+3], "%02X", &c); err == nil {
					b.WriteByte(c)
					i += 2
					continue
				}
			}
			b.WriteByte(s[i])
		}
		L.Push(lua.LString(b.String()))
		L.Push(lua.LString(""))
		return 2
	}))
	return t, nil
}
