package tdcli

import (
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
)

func upper(s string) string { return strings.ToUpper(s) }

var (
	errSyntax   = errorReply("ERR syntax error")
	errNotInt   = errorReply("ERR value is not an integer or out of range")
	errNotFloat = errorReply("ERR value is not a valid float")
)

func arity(name string) reply {
	return errorReply("ERR wrong number of arguments for '" + strings.ToLower(name) + "' command")
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// exec runs one command of the embedded store. Call with s.mu held.
func (c *kvConn) exec(args []string) reply {
	name, a := upper(args[0]), args[1:]
	if min, ok := minArgs[name]; ok && len(a) < min {
		return arity(name)
	}
	write := writes[name]
	r := c.run(name, a)
	if write && r.kind != '-' {
		c.s.dirty = true
	}
	return r
}

// minArgs is the least number of arguments of each command.
var minArgs = map[string]int{
	"GET": 1, "SET": 2, "SETEX": 3, "PSETEX": 3, "SETNX": 2, "GETSET": 2, "GETDEL": 1, "MGET": 1, "MSET": 2, "MSETNX": 2,
	"INCR": 1, "DECR": 1, "INCRBY": 2, "DECRBY": 2, "INCRBYFLOAT": 2, "APPEND": 2, "STRLEN": 1, "GETRANGE": 3,
	"DEL": 1, "UNLINK": 1, "EXISTS": 1, "EXPIRE": 2, "PEXPIRE": 2, "EXPIREAT": 2, "PEXPIREAT": 2, "TTL": 1, "PTTL": 1,
	"PERSIST": 1, "TYPE": 1, "RENAME": 2, "RENAMENX": 2, "KEYS": 1, "SELECT": 1, "ECHO": 1, "MOVE": 2, "SCAN": 1,
	"SADD": 2, "SREM": 2, "SMEMBERS": 1, "SISMEMBER": 2, "SCARD": 1, "SPOP": 1, "SRANDMEMBER": 1, "SINTER": 1,
	"SUNION": 1, "SDIFF": 1, "SINTERSTORE": 2, "SUNIONSTORE": 2, "SDIFFSTORE": 2, "SMOVE": 3, "SSCAN": 2,
	"HSET": 3, "HSETNX": 3, "HGET": 2, "HMSET": 3, "HMGET": 2, "HGETALL": 1, "HKEYS": 1, "HVALS": 1, "HDEL": 2,
	"HEXISTS": 2, "HLEN": 1, "HINCRBY": 3, "HINCRBYFLOAT": 3, "HSTRLEN": 2, "HSCAN": 2,
	"LPUSH": 2, "RPUSH": 2, "LPUSHX": 2, "RPUSHX": 2, "LPOP": 1, "RPOP": 1, "LRANGE": 3, "LLEN": 1, "LINDEX": 2,
	"LSET": 3, "LREM": 3, "LTRIM": 3, "RPOPLPUSH": 2,
	"ZADD": 3, "ZREM": 2, "ZSCORE": 2, "ZINCRBY": 3, "ZCARD": 1, "ZCOUNT": 3, "ZRANK": 2, "ZREVRANK": 2, "ZRANGE": 3,
	"ZREVRANGE": 3, "ZRANGEBYSCORE": 3, "ZREVRANGEBYSCORE": 3, "ZREMRANGEBYSCORE": 3, "ZREMRANGEBYRANK": 3,
}

// writes are the commands that change the store.
var writes = map[string]bool{}

func init() {
	for _, n := range strings.Fields(`SET SETEX PSETEX SETNX GETSET GETDEL MSET MSETNX INCR DECR INCRBY DECRBY INCRBYFLOAT
		APPEND DEL UNLINK EXPIRE PEXPIRE EXPIREAT PEXPIREAT PERSIST RENAME RENAMENX MOVE FLUSHDB FLUSHALL SADD SREM
		SPOP SINTERSTORE SUNIONSTORE SDIFFSTORE SMOVE HSET HSETNX HMSET HDEL HINCRBY HINCRBYFLOAT LPUSH RPUSH LPUSHX
		RPUSHX LPOP RPOP LSET LREM LTRIM RPOPLPUSH ZADD ZREM ZINCRBY ZREMRANGEBYSCORE ZREMRANGEBYRANK`) {
		writes[n] = true
	}
}

func (c *kvConn) run(name string, a []string) reply {
	now := c.s.now().UnixMilli()
	db := c.s.dbs[c.db]
	switch name {
	case "PING":
		if len(a) > 0 {
			return bulkReply(a[0])
		}
		return statusReply("PONG")
	case "ECHO":
		return bulkReply(a[0])
	case "AUTH", "QUIT", "SAVE", "BGSAVE", "CLIENT", "READONLY":
		return statusReply("OK")
	case "SELECT":
		n, err := strconv.Atoi(a[0])
		if err != nil || n < 0 || n >= len(c.s.dbs) {
			return errorReply("ERR DB index is out of range")
		}
		c.db = n
		return statusReply("OK")
	case "DBSIZE":
		n := 0
		for k := range db {
			if c.get(k) != nil {
				n++
			}
		}
		return intReply(int64(n))
	case "FLUSHDB":
		c.s.dbs[c.db] = map[string]*entry{}
		return statusReply("OK")
	case "FLUSHALL":
		for i := range c.s.dbs {
			c.s.dbs[i] = map[string]*entry{}
		}
		return statusReply("OK")
	case "TIME":
		return stringsReply([]string{strconv.FormatInt(now/1000, 10), strconv.FormatInt(now%1000*1000, 10)})
	case "INFO":
		return bulkReply("# Server\r\nredis_version:7.0.0\r\nluagram_embedded:1\r\n")
	case "CONFIG":
		return arrayReply(nil)
	}
	if r, ok := c.keyCmd(name, a, now); ok {
		return r
	}
	if r, ok := c.stringCmd(name, a, now); ok {
		return r
	}
	if r, ok := c.setCmd(name, a); ok {
		return r
	}
	if r, ok := c.hashCmd(name, a); ok {
		return r
	}
	if r, ok := c.listCmd(name, a); ok {
		return r
	}
	if r, ok := c.zsetCmd(name, a); ok {
		return r
	}
	return errorReply("ERR unknown command '" + strings.ToLower(name) + "'")
}

func (c *kvConn) keyCmd(name string, a []string, now int64) (reply, bool) {
	db := c.s.dbs[c.db]
	switch name {
	case "DEL", "UNLINK":
		n := 0
		for _, k := range a {
			if c.get(k) != nil {
				delete(db, k)
				n++
			}
		}
		return intReply(int64(n)), true
	case "EXISTS":
		n := 0
		for _, k := range a {
			if c.get(k) != nil {
				n++
			}
		}
		return intReply(int64(n)), true
	case "EXPIRE", "PEXPIRE", "EXPIREAT", "PEXPIREAT":
		v, err := strconv.ParseInt(a[1], 10, 64)
		if err != nil {
			return errNotInt, true
		}
		e := c.get(a[0])
		if e == nil {
			return intReply(0), true
		}
		switch name {
		case "EXPIRE":
			v = now + v*1000
		case "PEXPIRE":
			v = now + v
		case "EXPIREAT":
			v *= 1000
		}
		if v <= now {
			delete(db, a[0])
		} else {
			e.Expire = v
		}
		return intReply(1), true
	case "TTL", "PTTL":
		e := c.get(a[0])
		switch {
		case e == nil:
			return intReply(-2), true
		case e.Expire == 0:
			return intReply(-1), true
		case name == "TTL":
			return intReply((e.Expire - now + 500) / 1000), true
		}
		return intReply(e.Expire - now), true
	case "PERSIST":
		e := c.get(a[0])
		if e == nil || e.Expire == 0 {
			return intReply(0), true
		}
		e.Expire = 0
		return intReply(1), true
	case "TYPE":
		if e := c.get(a[0]); e != nil {
			return statusReply(e.Kind), true
		}
		return statusReply("none"), true
	case "RENAME", "RENAMENX":
		e := c.get(a[0])
		if e == nil {
			return errorReply("ERR no such key"), true
		}
		if name == "RENAMENX" && c.get(a[1]) != nil {
			return intReply(0), true
		}
		delete(db, a[0])
		db[a[1]] = e
		if name == "RENAMENX" {
			return intReply(1), true
		}
		return statusReply("OK"), true
	case "MOVE":
		n, err := strconv.Atoi(a[1])
		e := c.get(a[0])
		if err != nil || n < 0 || n >= len(c.s.dbs) || e == nil || c.s.dbs[n][a[0]] != nil {
			return intReply(0), true
		}
		delete(db, a[0])
		c.s.dbs[n][a[0]] = e
		return intReply(1), true
	case "KEYS", "SCAN", "RANDOMKEY":
		pattern := "*"
		if name == "KEYS" {
			pattern = a[0]
		}
		for i := 1; name == "SCAN" && i+1 < len(a); i += 2 {
			if upper(a[i]) == "MATCH" {
				pattern = a[i+1]
			}
		}
		var keys []string
		for k := range db {
			if c.get(k) != nil && globMatch(pattern, k) {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		switch name {
		case "SCAN":
			return arrayReply([]reply{bulkReply("0"), stringsReply(keys)}), true
		case "RANDOMKEY":
			if len(keys) == 0 {
				return nilReply, true
			}
			return bulkReply(keys[rand.IntN(len(keys))]), true
		}
		return stringsReply(keys), true
	}
	return reply{}, false
}

func (c *kvConn) stringCmd(name string, a []string, now int64) (reply, bool) {
	db := c.s.dbs[c.db]
	str := func(k string) (*entry, reply, bool) {
		e, wrong := c.typed(k, "string")
		if wrong {
			return nil, wrongType, false
		}
		return e, reply{}, true
	}
	switch name {
	case "GET", "GETDEL":
		e, r, ok := str(a[0])
		if !ok {
			return r, true
		}
		if e == nil {
			return nilReply, true
		}
		if name == "GETDEL" {
			delete(db, a[0])
		}
		return bulkReply(e.Str), true
	case "SET":
		var expire int64
		nx, xx, keep, get := false, false, false, false
		for i := 2; i < len(a); i++ {
			switch upper(a[i]) {
			case "NX":
				nx = true
			case "XX":
				xx = true
			case "KEEPTTL":
				keep = true
			case "GET":
				get = true
			case "EX", "PX", "EXAT", "PXAT":
				if i+1 >= len(a) {
					return errSyntax, true
				}
				v, err := strconv.ParseInt(a[i+1], 10, 64)
				if err != nil || v <= 0 {
					return errorReply("ERR invalid expire time in 'set' command"), true
				}
				switch upper(a[i]) {
				case "EX":
					expire = now + v*1000
				case "PX":
					expire = now + v
				case "EXAT":
					expire = v * 1000
				default:
					expire = v
				}
				i++
			default:
				return errSyntax, true
			}
		}
		old := c.get(a[0])
		var prev reply = nilReply
		if get && old != nil {
			if old.Kind != "string" {
				return wrongType, true
			}
			prev = bulkReply(old.Str)
		}
		if nx && old != nil || xx && old == nil {
			if get {
				return prev, true
			}
			return nilReply, true
		}
		e := &entry{Kind: "string", Str: a[1], Expire: expire}
		if keep && old != nil {
			e.Expire = old.Expire
		}
		db[a[0]] = e
		if get {
			return prev, true
		}
		return statusReply("OK"), true
	case "SETEX", "PSETEX":
		v, err := strconv.ParseInt(a[1], 10, 64)
		if err != nil || v <= 0 {
			return errorReply("ERR invalid expire time in '" + strings.ToLower(name) + "' command"), true
		}
		if name == "SETEX" {
			v *= 1000
		}
		db[a[0]] = &entry{Kind: "string", Str: a[2], Expire: now + v}
		return statusReply("OK"), true
	case "SETNX":
		if c.get(a[0]) != nil {
			return intReply(0), true
		}
		db[a[0]] = &entry{Kind: "string", Str: a[1]}
		return intReply(1), true
	case "GETSET":
		e, r, ok := str(a[0])
		if !ok {
			return r, true
		}
		db[a[0]] = &entry{Kind: "string", Str: a[1]}
		if e == nil {
			return nilReply, true
		}
		return bulkReply(e.Str), true
	case "MGET":
		out := make([]reply, len(a))
		for i, k := range a {
			if e, wrong := c.typed(k, "string"); e != nil && !wrong {
				out[i] = bulkReply(e.Str)
			} else {
				out[i] = nilReply
			}
		}
		return arrayReply(out), true
	case "MSET", "MSETNX":
		if len(a)%2 != 0 {
			return arity(name), true
		}
		if name == "MSETNX" {
			for i := 0; i < len(a); i += 2 {
				if c.get(a[i]) != nil {
					return intReply(0), true
				}
			}
		}
		for i := 0; i < len(a); i += 2 {
			db[a[i]] = &entry{Kind: "string", Str: a[i+1]}
		}
		if name == "MSETNX" {
			return intReply(1), true
		}
		return statusReply("OK"), true
	case "INCR", "DECR", "INCRBY", "DECRBY":
		by := int64(1)
		if len(a) > 1 {
			v, err := strconv.ParseInt(a[1], 10, 64)
			if err != nil {
				return errNotInt, true
			}
			by = v
		}
		if name[0] == 'D' {
			by = -by
		}
		e, r, ok := str(a[0])
		if !ok {
			return r, true
		}
		var cur int64
		if e != nil {
			v, err := strconv.ParseInt(e.Str, 10, 64)
			if err != nil {
				return errNotInt, true
			}
			cur = v
		} else {
			e = &entry{Kind: "string"}
			db[a[0]] = e
		}
		cur += by
		e.Str = strconv.FormatInt(cur, 10)
		return intReply(cur), true
	case "INCRBYFLOAT":
		by, err := strconv.ParseFloat(a[1], 64)
		if err != nil {
			return errNotFloat, true
		}
		e, r, ok := str(a[0])
		if !ok {
			return r, true
		}
		var cur float64
		if e != nil {
			if cur, err = strconv.ParseFloat(e.Str, 64); err != nil {
				return errNotFloat, true
			}
		} else {
			e = &entry{Kind: "string"}
			db[a[0]] = e
		}
		e.Str = formatFloat(cur + by)
		return bulkReply(e.Str), true
	case "APPEND":
		e, r, ok := str(a[0])
		if !ok {
			return r, true
		}
		if e == nil {
			e = &entry{Kind: "string"}
			db[a[0]] = e
		}
		e.Str += a[1]
		return intReply(int64(len(e.Str))), true
	case "STRLEN":
		e, r, ok := str(a[0])
		if !ok {
			return r, true
		}
		if e == nil {
			return intReply(0), true
		}
		return intReply(int64(len(e.Str))), true
	case "GETRANGE":
		e, r, ok := str(a[0])
		if !ok {
			return r, true
		}
		s := ""
		if e != nil {
			s = e.Str
		}
		lo, hi, ok := span(a[1], a[2], len(s))
		if !ok {
			return errNotInt, true
		}
		if lo > hi {
			return bulkReply(""), true
		}
		return bulkReply(s[lo : hi+1]), true
	}
	return reply{}, false
}

// span turns Redis start/stop indexes (negative from the end, inclusive)
// into a clamped range; lo > hi when empty.
func span(start, stop string, n int) (int, int, bool) {
	lo, err1 := strconv.Atoi(start)
	hi, err2 := strconv.Atoi(stop)
	if err1 != nil || err2 != nil {
		return 0, 0, false
	}
	if lo < 0 {
		lo += n
	}
	if hi < 0 {
		hi += n
	}
	lo = max(lo, 0)
	hi = min(hi, n-1)
	return lo, hi, true
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (c *kvConn) setCmd(name string, a []string) (reply, bool) {
	members := func(k string) (map[string]bool, bool) {
		e, wrong := c.typed(k, "set")
		if wrong {
			return nil, false
		}
		if e == nil {
			return map[string]bool{}, true
		}
		return e.Set, true
	}
	combine := func(keys []string) (map[string]bool, reply, bool) {
		out := map[string]bool{}
		for i, k := range keys {
			m, ok := members(k)
			if !ok {
				return nil, wrongType, false
			}
			switch {
			case name == "SUNION" || name == "SUNIONSTORE" || i == 0:
				for x := range m {
					out[x] = true
				}
			case name == "SINTER" || name == "SINTERSTORE":
				for x := range out {
					if !m[x] {
						delete(out, x)
					}
				}
			default: // difference
				for x := range m {
					delete(out, x)
				}
			}
		}
		return out, reply{}, true
	}
	switch name {
	case "SADD":
		e, wrong := c.create(a[0], "set")
		if wrong {
			return wrongType, true
		}
		n := 0
		for _, m := range a[1:] {
			if !e.Set[m] {
				e.Set[m] = true
				n++
			}
		}
		return intReply(int64(n)), true
	case "SREM":
		e, wrong := c.typed(a[0], "set")
		if wrong {
			return wrongType, true
		}
		n := 0
		if e != nil {
			for _, m := range a[1:] {
				if e.Set[m] {
					delete(e.Set, m)
					n++
				}
			}
			c.drop(a[0], e)
		}
		return intReply(int64(n)), true
	case "SMEMBERS", "SSCAN":
		m, ok := members(a[0])
		if !ok {
			return wrongType, true
		}
		list := stringsReply(sortedKeys(m))
		if name == "SSCAN" {
			return arrayReply([]reply{bulkReply("0"), list}), true
		}
		return list, true
	case "SISMEMBER":
		m, ok := members(a[0])
		if !ok {
			return wrongType, true
		}
		return boolReply(m[a[1]]), true
	case "SCARD":
		m, ok := members(a[0])
		if !ok {
			return wrongType, true
		}
		return intReply(int64(len(m))), true
	case "SPOP", "SRANDMEMBER":
		e, wrong := c.typed(a[0], "set")
		if wrong {
			return wrongType, true
		}
		count, many := 1, len(a) > 1
		if many {
			n, err := strconv.Atoi(a[1])
			if err != nil {
				return errNotInt, true
			}
			count = n
		}
		var keys []string
		if e != nil {
			keys = sortedKeys(e.Set)
			rand.Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
		}
		if count < 0 {
			count = -count
		}
		keys = keys[:min(count, len(keys))]
		if name == "SPOP" && e != nil {
			for _, k := range keys {
				delete(e.Set, k)
			}
			c.drop(a[0], e)
		}
		if many {
			return stringsReply(keys), true
		}
		if len(keys) == 0 {
			return nilReply, true
		}
		return bulkReply(keys[0]), true
	case "SINTER", "SUNION", "SDIFF":
		m, r, ok := combine(a)
		if !ok {
			return r, true
		}
		return stringsReply(sortedKeys(m)), true
	case "SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE":
		m, r, ok := combine(a[1:])
		if !ok {
			return r, true
		}
		delete(c.s.dbs[c.db], a[0])
		if len(m) > 0 {
			c.s.dbs[c.db][a[0]] = &entry{Kind: "set", Set: m}
		}
		return intReply(int64(len(m))), true
	case "SMOVE":
		src, wrong := c.typed(a[0], "set")
		if wrong {
			return wrongType, true
		}
		if src == nil || !src.Set[a[2]] {
			return intReply(0), true
		}
		dst, wrong := c.create(a[1], "set")
		if wrong {
			return wrongType, true
		}
		delete(src.Set, a[2])
		dst.Set[a[2]] = true
		c.drop(a[0], src)
		return intReply(1), true
	}
	return reply{}, false
}

func (c *kvConn) hashCmd(name string, a []string) (reply, bool) {
	hash := func(k string) (*entry, bool) { return c.typed(k, "hash") }
	switch name {
	case "HSET", "HMSET":
		if len(a)%2 != 1 {
			return arity(name), true
		}
		e, wrong := c.create(a[0], "hash")
		if wrong {
			return wrongType, true
		}
		n := 0
		for i := 1; i < len(a); i += 2 {
			if _, had := e.Hash[a[i]]; !had {
				n++
			}
			e.Hash[a[i]] = a[i+1]
		}
		if name == "HMSET" {
			return statusReply("OK"), true
		}
		return intReply(int64(n)), true
	case "HSETNX":
		e, wrong := c.create(a[0], "hash")
		if wrong {
			return wrongType, true
		}
		if _, had := e.Hash[a[1]]; had {
			return intReply(0), true
		}
		e.Hash[a[1]] = a[2]
		return intReply(1), true
	case "HGET", "HEXISTS", "HSTRLEN":
		e, wrong := hash(a[0])
		if wrong {
			return wrongType, true
		}
		v, ok := "", false
		if e != nil {
			v, ok = e.Hash[a[1]]
		}
		switch name {
		case "HEXISTS":
			return boolReply(ok), true
		case "HSTRLEN":
			return intReply(int64(len(v))), true
		}
		if !ok {
			return nilReply, true
		}
		return bulkReply(v), true
	case "HMGET":
		e, wrong := hash(a[0])
		if wrong {
			return wrongType, true
		}
		out := make([]reply, len(a)-1)
		for i, f := range a[1:] {
			out[i] = nilReply
			if e != nil {
				if v, ok := e.Hash[f]; ok {
					out[i] = bulkReply(v)
				}
			}
		}
		return arrayReply(out), true
	case "HGETALL", "HKEYS", "HVALS", "HLEN", "HSCAN":
		e, wrong := hash(a[0])
		if wrong {
			return wrongType, true
		}
		var m map[string]string
		if e != nil {
			m = e.Hash
		}
		keys := sortedKeys(m)
		switch name {
		case "HLEN":
			return intReply(int64(len(keys))), true
		case "HKEYS":
			return stringsReply(keys), true
		case "HVALS":
			vals := make([]string, len(keys))
			for i, k := range keys {
				vals[i] = m[k]
			}
			return stringsReply(vals), true
		}
		flat := make([]string, 0, 2*len(keys))
		for _, k := range keys {
			flat = append(flat, k, m[k])
		}
		if name == "HSCAN" {
			return arrayReply([]reply{bulkReply("0"), stringsReply(flat)}), true
		}
		return stringsReply(flat), true
	case "HDEL":
		e, wrong := hash(a[0])
		if wrong {
			return wrongType, true
		}
		n := 0
		if e != nil {
			for _, f := range a[1:] {
				if _, ok := e.Hash[f]; ok {
					delete(e.Hash, f)
					n++
				}
			}
			c.drop(a[0], e)
		}
		return intReply(int64(n)), true
	case "HINCRBY", "HINCRBYFLOAT":
		e, wrong := c.create(a[0], "hash")
		if wrong {
			return wrongType, true
		}
		if name == "HINCRBY" {
			by, err := strconv.ParseInt(a[2], 10, 64)
			if err != nil {
				return errNotInt, true
			}
			cur, err := strconv.ParseInt(orZero(e.Hash[a[1]]), 10, 64)
			if err != nil {
				return errorReply("ERR hash value is not an integer"), true
			}
			e.Hash[a[1]] = strconv.FormatInt(cur+by, 10)
			return intReply(cur + by), true
		}
		by, err := strconv.ParseFloat(a[2], 64)
		if err != nil {
			return errNotFloat, true
		}
		cur, err := strconv.ParseFloat(orZero(e.Hash[a[1]]), 64)
		if err != nil {
			return errorReply("ERR hash value is not a float"), true
		}
		e.Hash[a[1]] = formatFloat(cur + by)
		return bulkReply(e.Hash[a[1]]), true
	}
	return reply{}, false
}

func orZero(s string) string {
	if s == "" {
		return "0"
	}
	return s
}

func (c *kvConn) listCmd(name string, a []string) (reply, bool) {
	switch name {
	case "LPUSH", "RPUSH", "LPUSHX", "RPUSHX":
		if strings.HasSuffix(name, "X") {
			if e, wrong := c.typed(a[0], "list"); wrong {
				return wrongType, true
			} else if e == nil {
				return intReply(0), true
			}
		}
		e, wrong := c.create(a[0], "list")
		if wrong {
			return wrongType, true
		}
		for _, v := range a[1:] {
			if name[0] == 'L' {
				e.List = append([]string{v}, e.List...)
			} else {
				e.List = append(e.List, v)
			}
		}
		return intReply(int64(len(e.List))), true
	case "RPOPLPUSH":
		src, wrong := c.typed(a[0], "list")
		if wrong {
			return wrongType, true
		}
		if src == nil || len(src.List) == 0 {
			return nilReply, true
		}
		v := src.List[len(src.List)-1]
		src.List = src.List[:len(src.List)-1]
		c.drop(a[0], src)
		dst, wrong := c.create(a[1], "list")
		if wrong {
			return wrongType, true
		}
		dst.List = append([]string{v}, dst.List...)
		return bulkReply(v), true
	}
	switch name {
	case "LPOP", "RPOP", "LLEN", "LRANGE", "LINDEX", "LSET", "LREM", "LTRIM":
	default:
		return reply{}, false
	}
	e, wrong := c.typed(a[0], "list")
	if wrong {
		return wrongType, true
	}
	var list []string
	if e != nil {
		list = e.List
	}
	switch name {
	case "LPOP", "RPOP":
		if len(list) == 0 {
			return nilReply, true
		}
		var v string
		if name == "LPOP" {
			v, e.List = list[0], list[1:]
		} else {
			v, e.List = list[len(list)-1], list[:len(list)-1]
		}
		c.drop(a[0], e)
		return bulkReply(v), true
	case "LLEN":
		return intReply(int64(len(list))), true
	case "LRANGE":
		lo, hi, ok := span(a[1], a[2], len(list))
		if !ok {
			return errNotInt, true
		}
		if lo > hi {
			return arrayReply([]reply{}), true
		}
		return stringsReply(list[lo : hi+1]), true
	case "LINDEX":
		i, err := strconv.Atoi(a[1])
		if err != nil {
			return errNotInt, true
		}
		if i < 0 {
			i += len(list)
		}
		if i < 0 || i >= len(list) {
			return nilReply, true
		}
		return bulkReply(list[i]), true
	case "LSET":
		i, err := strconv.Atoi(a[1])
		if err != nil {
			return errNotInt, true
		}
		if i < 0 {
			i += len(list)
		}
		if e == nil {
			return errorReply("ERR no such key"), true
		}
		if i < 0 || i >= len(list) {
			return errorReply("ERR index out of range"), true
		}
		list[i] = a[2]
		return statusReply("OK"), true
	case "LREM":
		n, err := strconv.Atoi(a[1])
		if err != nil {
			return errNotInt, true
		}
		if e == nil {
			return intReply(0), true
		}
		removed := 0
		keep := func(i int) bool {
			if list[i] != a[2] || n != 0 && removed >= abs(n) {
				return true
			}
			removed++
			return false
		}
		var out []string
		if n >= 0 {
			for i := range list {
				if keep(i) {
					out = append(out, list[i])
				}
			}
		} else {
			for i := len(list) - 1; i >= 0; i-- {
				if keep(i) {
					out = append([]string{list[i]}, out...)
				}
			}
		}
		e.List = out
		c.drop(a[0], e)
		return intReply(int64(removed)), true
	case "LTRIM":
		lo, hi, ok := span(a[1], a[2], len(list))
		if !ok {
			return errNotInt, true
		}
		if e != nil {
			if lo > hi {
				e.List = nil
			} else {
				e.List = append([]string(nil), list[lo:hi+1]...)
			}
			c.drop(a[0], e)
		}
		return statusReply("OK"), true
	}
	return reply{}, false
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// A scored is a member of a sorted set.
type scored struct {
	m string
	s float64
}

func ranked(z map[string]float64) []scored {
	out := make([]scored, 0, len(z))
	for m, s := range z {
		out = append(out, scored{m, s})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].s != out[j].s {
			return out[i].s < out[j].s
		}
		return out[i].m < out[j].m
	})
	return out
}

// parseScore reads a score bound: a number, (number for exclusive,
// -inf/+inf.
func parseScore(s string) (float64, bool, bool) {
	excl := strings.HasPrefix(s, "(")
	s = strings.TrimPrefix(s, "(")
	switch strings.ToLower(s) {
	case "-inf":
		return math.Inf(-1), excl, true
	case "+inf", "inf":
		return math.Inf(1), excl, true
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, excl, err == nil
}

func scoredReply(list []scored, withScores bool) reply {
	out := make([]reply, 0, len(list)*2)
	for _, x := range list {
		out = append(out, bulkReply(x.m))
		if withScores {
			out = append(out, bulkReply(formatFloat(x.s)))
		}
	}
	return arrayReply(out)
}

func (c *kvConn) zsetCmd(name string, a []string) (reply, bool) {
	if name == "ZADD" || name == "ZINCRBY" {
		e, wrong := c.create(a[0], "zset")
		if wrong {
			return wrongType, true
		}
		if name == "ZINCRBY" {
			by, err := strconv.ParseFloat(a[1], 64)
			if err != nil {
				return errNotFloat, true
			}
			e.ZSet[a[2]] += by
			return bulkReply(formatFloat(e.ZSet[a[2]])), true
		}
		i, nx, xx := 1, false, false
		for ; i < len(a); i++ {
			switch upper(a[i]) {
			case "NX":
				nx = true
				continue
			case "XX":
				xx = true
				continue
			case "CH", "GT", "LT":
				continue
			}
			break
		}
		if (len(a)-i)%2 != 0 || len(a) == i {
			return errSyntax, true
		}
		n := 0
		for ; i+1 < len(a); i += 2 {
			s, err := strconv.ParseFloat(a[i], 64)
			if err != nil {
				return errNotFloat, true
			}
			_, had := e.ZSet[a[i+1]]
			if nx && had || xx && !had {
				continue
			}
			if !had {
				n++
			}
			e.ZSet[a[i+1]] = s
		}
		c.drop(a[0], e)
		return intReply(int64(n)), true
	}
	e, wrong := c.typed(a[0], "zset")
	if wrong {
		return wrongType, true
	}
	var z map[string]float64
	if e != nil {
		z = e.ZSet
	}
	withScores := false
	for _, x := range a {
		if upper(x) == "WITHSCORES" {
			withScores = true
		}
	}
	switch name {
	case "ZREM":
		n := 0
		for _, m := range a[1:] {
			if _, ok := z[m]; ok {
				delete(z, m)
				n++
			}
		}
		if e != nil {
			c.drop(a[0], e)
		}
		return intReply(int64(n)), true
	case "ZSCORE":
		s, ok := z[a[1]]
		if !ok {
			return nilReply, true
		}
		return bulkReply(formatFloat(s)), true
	case "ZCARD":
		return intReply(int64(len(z))), true
	case "ZRANK", "ZREVRANK":
		list := ranked(z)
		for i, x := range list {
			if x.m == a[1] {
				if name == "ZREVRANK" {
					i = len(list) - 1 - i
				}
				return intReply(int64(i)), true
			}
		}
		return nilReply, true
	case "ZRANGE", "ZREVRANGE", "ZREMRANGEBYRANK":
		list := ranked(z)
		if name == "ZREVRANGE" {
			for i, j := 0, len(list)-1; i < j; i, j = i+1, j-1 {
				list[i], list[j] = list[j], list[i]
			}
		}
		lo, hi, ok := span(a[1], a[2], len(list))
		if !ok {
			return errNotInt, true
		}
		if lo > hi {
			list = nil
		} else {
			list = list[lo : hi+1]
		}
		if name == "ZREMRANGEBYRANK" {
			for _, x := range list {
				delete(z, x.m)
			}
			if e != nil {
				c.drop(a[0], e)
			}
			return intReply(int64(len(list))), true
		}
		return scoredReply(list, withScores), true
	case "ZCOUNT", "ZRANGEBYSCORE", "ZREVRANGEBYSCORE", "ZREMRANGEBYSCORE":
		minS, maxS := a[1], a[2]
		if name == "ZREVRANGEBYSCORE" {
			minS, maxS = maxS, minS
		}
		lo, loEx, ok1 := parseScore(minS)
		hi, hiEx, ok2 := parseScore(maxS)
		if !ok1 || !ok2 {
			return errorReply("ERR min or max is not a float"), true
		}
		var hits []scored
		for _, x := range ranked(z) {
			if (x.s > lo || !loEx && x.s == lo) && (x.s < hi || !hiEx && x.s == hi) {
				hits = append(hits, x)
			}
		}
		switch name {
		case "ZCOUNT":
			return intReply(int64(len(hits))), true
		case "ZREMRANGEBYSCORE":
			for _, x := range hits {
				delete(z, x.m)
			}
			if e != nil {
				c.drop(a[0], e)
			}
			return intReply(int64(len(hits))), true
		case "ZREVRANGEBYSCORE":
			for i, j := 0, len(hits)-1; i < j; i, j = i+1, j-1 {
				hits[i], hits[j] = hits[j], hits[i]
			}
		}
		for i := 3; i+2 < len(a); i++ {
			if upper(a[i]) == "LIMIT" {
				off, err1 := strconv.Atoi(a[i+1])
				cnt, err2 := strconv.Atoi(a[i+2])
				if err1 != nil || err2 != nil {
					return errNotInt, true
				}
				off = min(max(off, 0), len(hits))
				hits = hits[off:]
				if cnt >= 0 && cnt < len(hits) {
					hits = hits[:cnt]
				}
			}
		}
		return scoredReply(hits, withScores), true
	}
	return reply{}, false
}

// globMatch matches Redis glob patterns: *, ?, [abc], [^a], [a-z] and \x.
func globMatch(pattern, s string) bool {
	for len(pattern) > 0 {
		switch pattern[0] {
		case '*':
			for len(pattern) > 0 && pattern[0] == '*' {
				pattern = pattern[1:]
			}
			if pattern == "" {
				return true
			}
			for i := 0; i <= len(s); i++ {
				if globMatch(pattern, s[i:]) {
					return true
				}
			}
			return false
		case '?':
			if s == "" {
				return false
			}
			pattern, s = pattern[1:], s[1:]
		case '[':
			if s == "" {
				return false
			}
			end := strings.IndexByte(pattern[1:], ']')
			if end < 0 {
				if s[0] != '[' {
					return false
				}
				pattern, s = pattern[1:], s[1:]
				continue
			}
			class := pattern[1 : end+1]
			neg := strings.HasPrefix(class, "^")
			if neg {
				class = class[1:]
			}
			hit := false
			for i := 0; i < len(class); i++ {
				if i+2 < len(class) && class[i+1] == '-' {
					if s[0] >= class[i] && s[0] <= class[i+2] {
						hit = true
					}
					i += 2
				} else if class[i] == s[0] {
					hit = true
				}
			}
			if hit == neg {
				return false
			}
			pattern, s = pattern[end+2:], s[1:]
		case '\\':
			if len(pattern) > 1 {
				pattern = pattern[1:]
			}
			fallthrough
		default:
			if s == "" || s[0] != pattern[0] {
				return false
			}
			pattern, s = pattern[1:], s[1:]
		}
	}
	return s == ""
}
