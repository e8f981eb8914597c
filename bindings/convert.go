package bindings

import (
	"math"
	"strconv"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
	lua "github.com/yuin/gopher-lua"
)

// A cx carries one conversion from Lua to Go: the state, the hooks, and the nesting depth and object count, which bound cyclic
// and shared tables.
type cx struct {
	L      *lua.LState
	h      Hooks
	depth  int
	tables int // objects converted so far
}

// maxDepth bounds the nesting of tables, as tl.MaxDepth bounds that of
// decoded objects.
const maxDepth = tl.MaxDepth

// maxTables bounds the objects of one conversion. A table used several
// times is converted each time, so a few shared tables can stand for
// exponentially many objects; this keeps such a value from stalling the
// script's goroutine (no real request comes near).
const maxTables = 1 << 16

// table returns v as the table of one object and enters it. cx.fields
// leaves (depth--) only on success: an error ends the conversion.
func (c *cx) table(v lua.LValue, want string) (*lua.LTable, error) {
	t, ok := v.(*lua.LTable)
	if !ok {
		return nil, expected(want, v)
	}
	c.depth++
	c.tables++
	switch {
	case c.depth > maxDepth:
		return nil, &ArgError{Msg: "tables nested deeper than " + strconv.Itoa(maxDepth) + " (is one inside itself?)"}
	case c.tables > maxTables:
		return nil, &ArgError{Msg: "more than " + strconv.Itoa(maxTables) + " objects (a table used n times counts n times)"}
	}
	return t, nil
}

// isName checks the "_" field of a table converted as name.
func isName(v lua.LValue, name string) error {
	if s, ok := v.(lua.LString); ok && string(s) == name {
		return nil
	}
	return &ArgError{Msg: strconv.Quote(name) + " expected, got " + describe(v)}
}

// A desc describes the table of one constructor or function for cx.fields.
// The generated d<Name> variables are the descriptors.
type desc struct {
	name     string   // TL name, the value of "_"
	want     string   // what a non-table is reported to lack
	fields   []string // "name:type" of each field, in schema order
	required bits     // fields that must be present
	trues    bits     // flags.N?true fields: present only when true
	groups   []group
	fills    []fill
	parse    *parse // where parse_mode applies; nil: nowhere
}

// bits is a set of field indexes.
type bits [2]uint64

func (b *bits) add(i int)     { b[i>>6] |= 1 << (i & 63) }
func (b bits) has(i int) bool { return b[i>>6]&(1<<(i&63)) != 0 }

// A group is the set of conditional fields sharing one flag bit, at least
// one of which has a value: on the wire all the valued ones are present or
// none, and the true-flags among them are implied by them.
type group struct {
	flag   string // "flags.3"
	values bits
	trues  bits
}

// A fill names a required field filled with random data when absent.
type fill struct {
	field int
	kind  fillKind
	ids   int // fillLongs: the field whose length it takes
}

type fillKind int

const (
	fillInt   fillKind = iota + 1 // random_id:int
	fillLong                      // random_id:long
	fillLongs                     // random_id:Vector<long>, one per id
)

// index returns the field whose name is k, or -1.
func (d *desc) index(k string) int {
	for i, f := range d.fields {
		if len(f) > len(k) && f[len(k)] == ':' && f[:len(k)] == k {
			return i
		}
	}
	return -1
}

// fields fills o from the table lv as d describes, set assigning each
// field. Unknown keys, a wrong "_", missing required fields and split flag
// groups are errors.
func (c *cx) fields(lv lua.LValue, d *desc, set setter, o tl.Object) error {
	t, err := c.table(lv, d.want)
	if err != nil {
		return err
	}
	var seen bits
	var mode lua.LValue
	for k, v := t.Next(lua.LNil); k != lua.LNil; k, v = t.Next(k) {
		s, ok := k.(lua.LString)
		i := -1
		if ok {
			i = d.index(string(s))
		}
		switch {
		case i >= 0:
			if v != lua.LFalse || !d.trues.has(i) {
				seen.add(i)
			}
			err = set(c, i, v, o)
		case ok && s == "_":
			err = isName(v, d.name)
		case ok && s == "parse_mode" && d.parse != nil:
			mode = v
		default:
			err = unknown(k, d.fields)
		}
		if err != nil {
			return at(err, k)
		}
	}
	if mode != nil {
		if err := c.parseMode(mode, t, d, set, o, &seen); err != nil {
			return err
		}
	}
	for _, f := range d.fills {
		if seen.has(f.field) {
			continue
		}
		if err := set(c, f.field, f.value(c.L, t, d), o); err != nil {
			return err
		}
		seen.add(f.field)
	}
	if seen[0]&d.required[0] != d.required[0] || seen[1]&d.required[1] != d.required[1] {
		return missing(seen, d)
	}
	for _, g := range d.groups {
		if err := g.check(seen, d); err != nil {
			return err
		}
	}
	c.depth--
	return nil
}

// --- scalars ---

// maxExact is the largest magnitude up to which every integer is a float64.
const maxExact = 1 << 53

func toInt(_ *cx, v lua.LValue) (int32, error) {
	n, ok := v.(lua.LNumber)
	if !ok {
		return 0, expected("int", v)
	}
	f := float64(n)
	switch {
	case f != math.Trunc(f):
		return 0, badValue("int", v, "not an integer")
	case f < math.MinInt32 || f > math.MaxInt32:
		return 0, badValue("int", v, "out of the int32 range")
	}
	return int32(f), nil
}

// toLong accepts a number that is an exact integer within ±2^53 or a
// decimal string holding any int64; see the package comment.
func toLong(_ *cx, v lua.LValue) (int64, error) {
	switch n := v.(type) {
	case lua.LNumber:
		f := float64(n)
		switch {
		case f != math.Trunc(f):
			return 0, badValue("long", v, "not an integer")
		case f > maxExact || f < -maxExact:
			return 0, badValue("long", v, "beyond ±2^53, where numbers lose bits: pass a decimal string")
		}
		return int64(f), nil
	case lua.LString:
		i, err := strconv.ParseInt(string(n), 10, 64)
		if err != nil {
			why := "not a decimal integer"
			if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
				why = "out of the int64 range"
			}
			return 0, badValue("long", v, why)
		}
		return i, nil
	}
	return 0, expected("long", v)
}

func toDouble(_ *cx, v lua.LValue) (float64, error) {
	if n, ok := v.(lua.LNumber); ok {
		return float64(n), nil
	}
	return 0, expected("double", v)
}

func toString(_ *cx, v lua.LValue) (string, error) {
	if s, ok := v.(lua.LString); ok {
		return string(s), nil
	}
	return "", expected("string", v)
}

// toBytes never returns nil, so that an empty value differs from an absent
// conditional field.
func toBytes(_ *cx, v lua.LValue) ([]byte, error) {
	if s, ok := v.(lua.LString); ok {
		return append([]byte{}, s...), nil
	}
	return nil, expected("bytes", v)
}

func toInt128(_ *cx, v lua.LValue) (x tl.Int128, err error) {
	s, ok := v.(lua.LString)
	if !ok {
		return x, expected("int128", v)
	}
	if len(s) != len(x) {
		return x, badValue("int128", v, "not 16 bytes")
	}
	copy(x[:], s)
	return x, nil
}

func toInt256(_ *cx, v lua.LValue) (x tl.Int256, err error) {
	s, ok := v.(lua.LString)
	if !ok {
		return x, expected("int256", v)
	}
	if len(s) != len(x) {
		return x, badValue("int256", v, "not 32 bytes")
	}
	copy(x[:], s)
	return x, nil
}

func toBool(_ *cx, v lua.LValue) (bool, error) {
	if b, ok := v.(lua.LBool); ok {
		return bool(b), nil
	}
	return false, expected("Bool", v)
}

// toTrue converts a flags.N?true field: true sets the bit, false does not.
func toTrue(_ *cx, v lua.LValue) (bool, error) {
	if b, ok := v.(lua.LBool); ok {
		return bool(b), nil
	}
	return false, expected("boolean", v)
}

// opt marks a converted conditional scalar present.
func opt[T any](v T, err error) (tl.Opt[T], error) { return tl.Opt[T]{Value: v, Set: true}, err }

// --- vectors ---

// seq returns the length of the Lua sequence v, which must have no other
// keys.
func seq(v lua.LValue, want string) (*lua.LTable, int, error) {
	t, ok := v.(*lua.LTable)
	if !ok {
		return nil, 0, expected(want, v)
	}
	n := t.Len()
	var k lua.LValue
	if n == 0 {
		k, _ = t.Next(lua.LNil) // Next(0) would skip the first hash key
	} else {
		k, _ = t.Next(number(int64(n)))
	}
	if k != lua.LNil {
		return nil, 0, at(&ArgError{Msg: "unexpected key in " + want + ", a sequence {v1, v2, …}"}, k)
	}
	return t, n, nil
}

func list[T any](c *cx, v lua.LValue, want string, f func(*cx, lua.LValue) (T, error)) ([]T, error) {
	t, n, err := seq(v, want)
	if err != nil {
		return nil, err
	}
	out := make([]T, n)
	for i := range out {
		if out[i], err = f(c, t.RawGetInt(i+1)); err != nil {
			return nil, atIndex(err, i+1)
		}
	}
	return out, nil
}

func classes[T any](c *cx, v lua.LValue, want, typ string) ([]T, error) {
	t, n, err := seq(v, want)
	if err != nil {
		return nil, err
	}
	out := make([]T, n)
	for i := range out {
		if out[i], err = class[T](c, t.RawGetInt(i+1), typ); err != nil {
			return nil, atIndex(err, i+1)
		}
	}
	return out, nil
}

func structs[T any, PT interface {
	*T
	tl.Object
}](c *cx, v lua.LValue, want string, d *desc, set setter) ([]T, error) {
	t, n, err := seq(v, want)
	if err != nil {
		return nil, err
	}
	out := make([]T, n)
	for i := range out {
		if err := c.fields(t.RawGetInt(i+1), d, set, PT(&out[i])); err != nil {
			return nil, atIndex(err, i+1)
		}
	}
	return out, nil
}

func structPtrs[T any, PT interface {
	*T
	tl.Object
}](c *cx, v lua.LValue, want string, d *desc, set setter) ([]*T, error) {
	t, n, err := seq(v, want)
	if err != nil {
		return nil, err
	}
	out := make([]*T, n)
	for i := range out {
		out[i] = new(T)
		if err := c.fields(t.RawGetInt(i+1), d, set, PT(out[i])); err != nil {
			return nil, atIndex(err, i+1)
		}
	}
	return out, nil
}

// --- objects ---

// class converts a table whose "_" names a constructor of the type typ,
// whose Go interface is T. It is kept out of line, like the setters of
// push.go.
//
//go:noinline
func class[T any](c *cx, v lua.LValue, typ string) (T, error) {
	o, err := c.boxed(v, typ)
	x, _ := o.(T)
	return x, err
}

// boxed converts a table whose "_" names a constructor of the type typ.
func (c *cx) boxed(v lua.LValue, typ string) (tl.Object, error) {
	t, ok := v.(*lua.LTable)
	if !ok {
		return nil, expected(typ, v)
	}
	o, k, err := newByName(t, typ)
	if err != nil {
		return nil, err
	}
	return o, k.check(c, t, o)
}

// newByName returns a zero value of the constructor the "_" field of t
// names, which must be one of the type typ ("" for any constructor or
// function), and its converters.
func newByName(t *lua.LTable, typ string) (tl.Object, *conv, error) {
	want := typ
	if want == "" {
		want = "object"
	}
	lv := t.RawGetString("_")
	name, ok := lv.(lua.LString)
	if !ok {
		if lv == lua.LNil {
			return nil, nil, &ArgError{Msg: want + " expected, got a table without _ (the constructor's name)"}
		}
		return nil, nil, at(expected("constructor name", lv), lua.LString("_"))
	}
	e := theIndex().byName[string(name)]
	if e == nil || (typ != "" && (e.function || e.typ != typ)) {
		return nil, nil, notConstructor(string(name), typ)
	}
	return api.Types.New(e.id), e.conv, nil
}

// query converts the wrapped call of invokeWithLayer, invokeWithTakeout, …:
// a table whose "_" names a method. (The TL type is !X, any object; the
// method functions insist on a method, see function.call.)
func query(c *cx, v lua.LValue) (tl.Object, error) {
	t, ok := v.(*lua.LTable)
	if !ok {
		return nil, expected("method call {_ = \"ns.method\", …}", v)
	}
	o, k, err := newByName(t, "")
	if err != nil {
		return nil, err
	}
	return o, k.check(c, t, o)
}
