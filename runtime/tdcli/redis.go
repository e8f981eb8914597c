package tdcli

import (
	"math"
	"strconv"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// The redis module has the API of redis-lua (github.com/nrk/redis-lua),
// which tdcli bots used: redis.connect(host, port) (or a table {host,
// port}, or a URL), then client:command(args…) for every Redis command, as
// redis-lua converts replies — status OK is true, integers are numbers,
// missing values nil, errors raised as "redis error: …", and the
// commands redis-lua answers with booleans (exists, sismember, hset,
// expire, …) or tables (hgetall) answer so here — plus client:pipeline
// and client:transaction. Commands go to the Redis server of
// Config.Redis, or else to the embedded store.

func init() {
	preloads["redis"] = openRedis
}

// booleanReplies are the commands whose integer reply redis-lua turns into
// a boolean (1 is true).
var booleanReplies = map[string]bool{
	"exists": true, "renamenx": true, "expire": true, "pexpire": true, "expireat": true, "pexpireat": true,
	"move": true, "persist": true, "setnx": true, "msetnx": true, "smove": true, "sismember": true,
	"hset": true, "hsetnx": true, "hexists": true,
}

// A redisClient is one connection of a script.
type redisClient struct {
	conn   redisConn
	m      *module
	closed bool
}

func (c *redisClient) close() {
	if !c.closed {
		c.closed = true
		c.conn.close()
	}
}

func openRedis(m *module) (lua.LValue, error) {
	L := m.s.State()
	t := L.CreateTable(0, 6)
	commands := L.CreateTable(0, 0)
	m.redisCommands = commands
	t.RawSetString("_VERSION", lua.LString("redis-lua 2.0.4 (luagram)"))
	t.RawSetString("connect", L.NewFunction(m.redisConnect))
	t.RawSetString("commands", commands)
	// command(name [, {request = …, response = …}]) makes a command as
	// redis-lua's does; put in redis.commands it replaces the built-in one
	// (bots redefine hgetall so).
	t.RawSetString("command", L.NewFunction(func(L *lua.LState) int {
		L.Push(m.customCommand(L, L.CheckString(1), L.OptTable(2, nil)))
		return 1
	}))
	t.RawSetString("define_command", L.NewFunction(func(L *lua.LState) int {
		name := L.CheckString(1)
		commands.RawSetString(strings.ToLower(name), m.customCommand(L, name, L.OptTable(2, nil)))
		return 0
	}))
	t.RawSetString("undefine_command", L.NewFunction(func(L *lua.LState) int {
		commands.RawSetString(strings.ToLower(L.CheckString(1)), lua.LNil)
		return 0
	}))
	t.RawSetString("error", L.NewFunction(func(L *lua.LState) int {
		L.RaiseError("%s", L.CheckString(1))
		return 0
	}))
	return t, nil
}

// customCommand makes a command of redis.command: the reply, as redis-lua
// reads it, goes through opts.response(reply, command, args…) if given.
func (m *module) customCommand(L *lua.LState, name string, opts *lua.LTable) *lua.LFunction {
	var response *lua.LFunction
	if opts != nil {
		response, _ = opts.RawGetString("response").(*lua.LFunction)
	}
	cmd := strings.ToUpper(name)
	return L.NewFunction(func(L *lua.LState) int {
		c, ok := L.CheckUserData(1).Value.(*redisClient)
		if !ok {
			L.ArgError(1, "redis client expected")
		}
		args := redisArgs(L, strings.ToLower(name))
		args[0] = cmd
		r, err := c.conn.do(args)
		if err != nil {
			L.RaiseError("connection error: %s", err.Error())
		}
		if r.kind == '-' {
			L.RaiseError("redis error: %s", r.str)
		}
		v := replyValue(L, r)
		if response == nil {
			L.Push(v)
			return 1
		}
		L.Push(response)
		L.Push(v)
		L.Push(lua.LString(cmd))
		for _, a := range args[1:] {
			L.Push(lua.LString(a))
		}
		L.Call(2+len(args)-1, 1)
		return 1
	})
}

// redisConnect(host, port) | redisConnect{host=, port=} | redisConnect(url).
func (m *module) redisConnect(L *lua.LState) int {
	target := "127.0.0.1:6379"
	switch v := L.Get(1).(type) {
	case *lua.LTable:
		host := lua.LVAsString(v.RawGetString("host"))
		if host == "" {
			host = "127.0.0.1"
		}
		port := lua.LVAsString(v.RawGetString("port"))
		if port == "" {
			port = "6379"
		}
		target = host + ":" + port
		if p := lua.LVAsString(v.RawGetString("path")); p != "" {
			target = "unix:" + p
		}
	case lua.LString:
		target = string(v)
		if !strings.Contains(target, ":") || strings.HasPrefix(target, "/") {
			port := lua.LVAsString(L.Get(2))
			if port == "" {
				port = "6379"
			}
			target += ":" + port
		}
	}
	var conn redisConn
	if m.e.kv != nil {
		conn = m.e.kv.conn()
	} else {
		rc, err := dialRedis(m.e.cfg.Redis)
		if err != nil {
			L.RaiseError("could not connect to %s [%s]", m.e.cfg.Redis, err.Error())
		}
		conn = rc
	}
	_ = target // the script's address; Config decides where commands go
	c := &redisClient{conn: conn, m: m}
	m.r = append(m.r, c)
	L.Push(m.redisObject(L, c, nil))
	return 1
}

// redisObject makes the Lua object of a client. With queue set, commands
// are queued (pipelines, transactions) and return nothing.
func (m *module) redisObject(L *lua.LState, c *redisClient, queue *[]queuedCmd) *lua.LUserData {
	obj := L.NewUserData()
	obj.Value = c
	mt := L.CreateTable(0, 2)
	methods := map[string]lua.LGFunction{
		"pipeline":    func(L *lua.LState) int { return m.redisBatch(L, c, false) },
		"transaction": func(L *lua.LState) int { return m.redisBatch(L, c, true) },
		"quit": func(L *lua.LState) int {
			c.close()
			L.Push(lua.LTrue)
			return 1
		},
		"raw_cmd": func(L *lua.LState) int {
			args := strings.Fields(L.CheckString(2))
			if len(args) == 0 {
				L.ArgError(2, "command expected")
			}
			return m.redisRun(L, c, strings.ToLower(args[0]), args)
		},
	}
	mt.RawSetString("__index", L.NewFunction(func(L *lua.LState) int {
		name := strings.ToLower(L.CheckString(2))
		if fn, ok := methods[name]; ok && queue == nil {
			L.Push(L.NewFunction(fn))
			return 1
		}
		if m.redisCommands != nil && queue == nil {
			if fn, ok := m.redisCommands.RawGetString(name).(*lua.LFunction); ok {
				L.Push(fn)
				return 1
			}
		}
		L.Push(L.NewFunction(func(L *lua.LState) int {
			args := redisArgs(L, name)
			if queue != nil {
				*queue = append(*queue, queuedCmd{name: name, args: args})
				return 0
			}
			return m.redisRun(L, c, name, args)
		}))
		return 1
	}))
	mt.RawSetString("__tostring", L.NewFunction(func(L *lua.LState) int {
		L.Push(lua.LString("redis client (luagram)"))
		return 1
	}))
	obj.Metatable = mt
	return obj
}

type queuedCmd struct {
	name string
	args []string
}

// redisArgs flattens the arguments of a call (after self) as redis-lua
// does: nil and false become "", a single table argument stands for its
// elements, and the hash and multi-set commands take a table of pairs.
func redisArgs(L *lua.LState, name string) []string {
	out := []string{strings.ToUpper(name)}
	vals := make([]lua.LValue, 0, L.GetTop())
	for i := 2; i <= L.GetTop(); i++ {
		vals = append(vals, L.Get(i))
	}
	pairs := name == "hmset" || name == "mset" || name == "msetnx" || name == "hset"
	if len(vals) == 1 {
		if t, ok := vals[0].(*lua.LTable); ok && t.Len() > 0 {
			vals = nil
			for i := 1; i <= t.Len(); i++ {
				vals = append(vals, t.RawGetInt(i))
			}
		}
	}
	for _, v := range vals {
		if t, ok := v.(*lua.LTable); ok && pairs {
			t.ForEach(func(k, x lua.LValue) { out = append(out, argString(k), argString(x)) })
			continue
		}
		out = append(out, argString(v))
	}
	return out
}

func argString(v lua.LValue) string {
	switch x := v.(type) {
	case *lua.LNilType:
		return ""
	case lua.LBool:
		if !x {
			return ""
		}
		return "true"
	case lua.LNumber:
		f := float64(x)
		if f == math.Trunc(f) && math.Abs(f) < 1e18 {
			return strconv.FormatInt(int64(f), 10)
		}
		return x.String()
	}
	return v.String()
}

// redisRun runs one command and pushes its result.
func (m *module) redisRun(L *lua.LState, c *redisClient, name string, args []string) int {
	if c.closed {
		L.RaiseError("redis: the connection is closed")
	}
	r, err := c.conn.do(args)
	if err != nil {
		L.RaiseError("connection error: %s", err.Error())
	}
	L.Push(m.redisValue(L, name, args, r))
	return 1
}

// redisValue converts a reply as redis-lua does, raising errors.
func (m *module) redisValue(L *lua.LState, name string, args []string, r reply) lua.LValue {
	if r.kind == '-' {
		L.RaiseError("redis error: %s", r.str)
	}
	if r.kind == '+' && r.str == "QUEUED" {
		t := L.CreateTable(0, 1)
		t.RawSetString("queued", lua.LTrue)
		return t
	}
	v := replyValue(L, r)
	switch {
	case booleanReplies[name]:
		return lua.LBool(r.kind == ':' && r.n == 1)
	case name == "ping":
		return lua.LBool(r.kind == '+' && r.str == "PONG")
	case name == "hgetall":
		return pairsTable(L, r)
	case name == "incrbyfloat" || name == "zincrby" || name == "hincrbyfloat":
		if f, err := strconv.ParseFloat(r.str, 64); err == nil {
			return lua.LNumber(f)
		}
	case (name == "zrange" || name == "zrevrange" || name == "zrangebyscore" || name == "zrevrangebyscore") && hasWord(args, "WITHSCORES"):
		t := L.CreateTable(len(r.arr)/2, 0)
		for i := 0; i+1 < len(r.arr); i += 2 {
			p := L.CreateTable(2, 0)
			p.RawSetInt(1, lua.LString(r.arr[i].str))
			f, _ := strconv.ParseFloat(r.arr[i+1].str, 64)
			p.RawSetInt(2, lua.LNumber(f))
			t.Append(p)
		}
		return t
	}
	return v
}

func hasWord(args []string, w string) bool {
	for _, a := range args[1:] {
		if strings.EqualFold(a, w) {
			return true
		}
	}
	return false
}

func pairsTable(L *lua.LState, r reply) lua.LValue {
	t := L.CreateTable(0, len(r.arr)/2)
	for i := 0; i+1 < len(r.arr); i += 2 {
		t.RawSetString(r.arr[i].str, lua.LString(r.arr[i+1].str))
	}
	return t
}

// replyValue converts a reply without the command's rules.
func replyValue(L *lua.LState, r reply) lua.LValue {
	switch r.kind {
	case '+':
		if r.str == "OK" {
			return lua.LTrue
		}
		return lua.LString(r.str)
	case ':':
		return lua.LNumber(r.n)
	case '$':
		return lua.LString(r.str)
	case '*':
		t := L.CreateTable(len(r.arr), 0)
		for i, x := range r.arr {
			t.RawSetInt(i+1, replyValue(L, x))
		}
		return t
	case '-':
		return lua.LString(r.str)
	}
	return lua.LNil
}

// redisBatch runs client:pipeline(block) or client:transaction([opts,]
// block): the block queues commands on the object it is given; they are
// sent together (in MULTI/EXEC for a transaction), and the replies are
// returned in order, with their count.
func (m *module) redisBatch(L *lua.LState, c *redisClient, tx bool) int {
	var block *lua.LFunction
	var watch []string
	for i := 2; i <= L.GetTop(); i++ {
		switch v := L.Get(i).(type) {
		case *lua.LFunction:
			block = v
		case *lua.LTable:
			if w, ok := v.RawGetString("watch").(*lua.LTable); ok {
				w.ForEach(func(_, k lua.LValue) { watch = append(watch, k.String()) })
			} else if w, ok := v.RawGetString("watch").(lua.LString); ok {
				watch = append(watch, string(w))
			}
		}
	}
	if block == nil {
		L.ArgError(2, "function expected")
	}
	var queue []queuedCmd
	L.Push(block)
	L.Push(m.redisObject(L, c, &queue))
	L.Call(1, 0)
	cmds := make([][]string, 0, len(queue)+3)
	if tx {
		if len(watch) > 0 {
			cmds = append(cmds, append([]string{"WATCH"}, watch...))
		}
		cmds = append(cmds, []string{"MULTI"})
	}
	for _, q := range queue {
		cmds = append(cmds, q.args)
	}
	if tx {
		cmds = append(cmds, []string{"EXEC"})
	}
	var replies []reply
	if rc, ok := c.conn.(*respConn); ok {
		var err error
		if replies, err = rc.pipeline(cmds); err != nil {
			L.RaiseError("connection error: %s", err.Error())
		}
	} else {
		for _, args := range cmds {
			r, err := c.conn.do(args)
			if err != nil {
				L.RaiseError("connection error: %s", err.Error())
			}
			replies = append(replies, r)
		}
	}
	if tx {
		exec := replies[len(replies)-1]
		if exec.kind == 'n' {
			L.RaiseError("MULTI/EXEC transaction aborted by the server")
		}
		if exec.kind == '-' {
			L.RaiseError("redis error: %s", exec.str)
		}
		replies = exec.arr
	}
	out := L.CreateTable(len(queue), 0)
	for i, q := range queue {
		if i < len(replies) {
			out.RawSetInt(i+1, m.redisValue(L, q.name, q.args, replies[i]))
		}
	}
	L.Push(out)
	L.Push(lua.LNumber(len(queue)))
	return 2
}
