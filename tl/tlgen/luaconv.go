package tlgen

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/luagram/luagram/tl"
)

// The converters of one combinator: pushK (Go → Lua), the descriptor dK
// and the field setter checkK (Lua → Go).

// --- Go → Lua ---

// setScalar names the setter of a required scalar field and of a
// conditional one (tl.Opt, or nil bytes).
var setScalar = map[kind][2]string{
	kInt32: {"setInt", "setOptInt"}, kInt64: {"setLong", "setOptLong"},
	kDouble: {"setDouble", "setOptDouble"}, kString: {"setString", "setOptString"},
	kBytes: {"setBytes", "setOptBytes"}, kInt128: {"setInt128", "setOptInt128"},
	kInt256: {"setInt256", "setOptInt256"}, kBool: {"setBool", "setOptBool"},
	kTrue: {"setTrue", "setTrue"},
}

// push writes pushK: one setter call per field, so that the function stays
// small (the setters are not inlined).
func (g *luaGen) push(w *bytes.Buffer, k *ctor) {
	fields := luaFields(k)
	fmt.Fprintf(w, "// push%s converts %s to a Lua table.\n", k.GoName, k.c.Name)
	fmt.Fprintf(w, "func push%s(L *lua.LState, o tl.Object) lua.LValue {\n", k.GoName)
	hint := 0
	for _, f := range fields {
		if !f.optional {
			hint++
		}
	}
	fmt.Fprintf(w, "x, _ := o.(*api.%s)\nif x == nil {\nreturn lua.LNil\n}\n", k.GoName)
	if len(fields) == 0 {
		fmt.Fprintf(w, "return named(L, lua.LString(%q), 0)\n}\n\n", k.c.Name)
		return
	}
	fmt.Fprintf(w, "t := named(L, lua.LString(%q), %d)\n", k.c.Name, hint)
	for _, f := range fields {
		name := strconv.Quote(f.p.Name)
		x := "x." + f.GoName
		if set, ok := setScalar[f.t.kind]; ok {
			if f.optional {
				fmt.Fprintf(w, "%s(t, %s, %s)\n", set[1], name, x)
			} else {
				fmt.Fprintf(w, "%s(t, %s, %s)\n", set[0], name, x)
			}
			continue
		}
		if f.optional && (f.t.kind == kVector || f.t.kind == kBareVector) {
			fmt.Fprintf(w, "if %s != nil {\nt.RawSetString(%s, %s)\n}\n", x, name, g.pushExpr(f.t, x))
			continue
		}
		fmt.Fprintf(w, "setValue(t, %s, %s)\n", name, g.pushExpr(f.t, x))
	}
	w.WriteString("return t\n}\n\n")
}

// pushElem names the element converter of vectors of scalars.
var pushElem = map[kind]string{
	kInt32: "elemInt", kInt64: "elemLong", kDouble: "elemDouble", kString: "elemString",
	kBytes: "elemBytes", kInt128: "elemInt128", kInt256: "elemInt256", kBool: "elemBool",
}

// pushExpr converts the Go value x of type t to a lua.LValue; nil objects
// become lua.LNil.
func (g *luaGen) pushExpr(t gtype, x string) string {
	switch t.kind {
	case kInt32, kDouble:
		return "lua.LNumber(" + x + ")"
	case kInt64:
		return "long(" + x + ")"
	case kString, kBytes:
		return "lua.LString(" + x + ")"
	case kInt128, kInt256:
		return "lua.LString(" + x + "[:])"
	case kBool:
		return "lua.LBool(" + x + ")"
	case kClass, kObject:
		return "pushAny(L, " + x + ")"
	case kSingle, kBare:
		if t.ptr {
			return "push" + t.ctor.GoName + "(L, " + x + ")"
		}
		return "push" + t.ctor.GoName + "(L, &" + x + ")"
	case kVector, kBareVector:
		e := *t.elem
		switch e.kind {
		case kClass, kObject:
			return "objectsOf(L, " + x + ")"
		case kSingle, kBare:
			if e.ptr {
				return "listOf(L, " + x + ", func(L *lua.LState, v *api." + e.ctor.GoName + ") lua.LValue { return push" + e.ctor.GoName + "(L, v) })"
			}
			return "structsOf(L, " + x + ", push" + e.ctor.GoName + ")"
		case kVector, kBareVector:
			return fmt.Sprintf("listOf(L, %s, func(L *lua.LState, v %s) lua.LValue { return %s })", x, g.apiType(e), g.pushExpr(e, "v"))
		}
		return "listOf(L, " + x + ", " + pushElem[e.kind] + ")"
	}
	panic(fmt.Sprintf("tlgen: lua: cannot push kind %d", t.kind))
}

// apiType is the Go type of t as written in the bindings package.
func (g *luaGen) apiType(t gtype) string {
	s := t.goType(false)
	lead := strings.TrimLeft(s, "[]*")
	switch {
	case strings.HasPrefix(lead, "tl."), lead == "bool", lead == "string", lead == "byte",
		lead == "int32", lead == "int64", lead == "float64":
		return s
	}
	return s[:len(s)-len(lead)] + "api." + lead
}

// --- Lua → Go ---

// checkScalar names the converter of a scalar Lua value.
var checkScalar = map[kind]string{
	kInt32: "toInt", kInt64: "toLong", kDouble: "toDouble", kString: "toString", kBytes: "toBytes",
	kInt128: "toInt128", kInt256: "toInt256", kBool: "toBool", kTrue: "toTrue",
}

// checkExpr is an expression of type (T, error) converting the Lua value v
// to t, whose TL spelling is ref.
func (g *luaGen) checkExpr(t gtype, ref tl.TypeRef) string {
	if call, ok := checkScalar[t.kind]; ok {
		return call + "(c, v)"
	}
	switch t.kind {
	case kClass:
		if r, ok := luaResolved[t.class.Name]; ok {
			return r + "(c, v)"
		}
		return fmt.Sprintf("class[api.%s](c, v, %q)", t.class.GoName, t.class.Name)
	case kObject:
		return "query(c, v)"
	case kVector, kBareVector:
		return g.vectorExpr(*t.elem, ref)
	}
	panic(fmt.Sprintf("tlgen: lua: cannot check kind %d", t.kind))
}

// vectorExpr converts a Lua sequence whose elements are of type e; ref is
// the vector type.
func (g *luaGen) vectorExpr(e gtype, ref tl.TypeRef) string {
	want := strconv.Quote(docName(ref))
	if call, ok := checkScalar[e.kind]; ok {
		return "list(c, v, " + want + ", " + call + ")"
	}
	switch e.kind {
	case kClass:
		if r, ok := luaResolved[e.class.Name]; ok {
			return "list(c, v, " + want + ", " + r + ")"
		}
		return fmt.Sprintf("classes[api.%s](c, v, %s, %q)", e.class.GoName, want, e.class.Name)
	case kObject:
		return "list(c, v, " + want + ", query)"
	case kSingle, kBare:
		args := "(c, v, " + want + ", &d" + e.ctor.GoName + ", " + g.setter(e.ctor) + ")"
		if e.ptr {
			return "structPtrs[api." + e.ctor.GoName + "]" + args
		}
		return "structs[api." + e.ctor.GoName + "]" + args
	case kVector, kBareVector:
		return fmt.Sprintf("list(c, v, %s, func(c *cx, v lua.LValue) (%s, error) { return %s })",
			want, g.apiType(e), g.vectorExpr(*e.elem, *ref.Elem))
	}
	panic(fmt.Sprintf("tlgen: lua: cannot check a vector of kind %d", e.kind))
}

// want is what an error says the table of k should have been.
func want(k *ctor) string {
	if k.class != nil && k.class.single() {
		return k.class.Name
	}
	return k.c.Name
}

// fillKind says how a missing required field is filled with random data,
// or "" if it is not: random_id of functions (but not the secret-chat ones,
// whose random_id must match the encrypted payload) and of Input*
// constructors.
func fillKind(k *ctor, f *field) string {
	if f.p.Name != "random_id" || f.optional {
		return ""
	}
	if k.c.Function {
		for _, o := range k.fields {
			if o.t.kind == kClass && o.t.class.Name == "InputEncryptedChat" {
				return ""
			}
		}
	} else if !strings.HasPrefix(k.c.Result.Name, "Input") {
		return ""
	}
	switch {
	case f.t.kind == kInt32:
		return "fillInt"
	case f.t.kind == kInt64:
		return "fillLong"
	case f.t.kind == kVector && f.t.elem.kind == kInt64 && idsField(k) >= 0:
		return "fillLongs"
	}
	return ""
}

// parseFields returns the indexes of the text and entities fields that the
// parse_mode parameter rewrites, or -1, -1: methods and Input* constructors
// with message (or caption) and entities:flags.N?Vector<MessageEntity>.
func parseFields(k *ctor) (text, entities int) {
	if !k.c.Function && !strings.HasPrefix(k.c.Result.Name, "Input") {
		return -1, -1
	}
	text, entities = -1, -1
	for i, f := range luaFields(k) {
		switch {
		case (f.p.Name == "message" || f.p.Name == "caption") && f.t.kind == kString:
			text = i
		case f.p.Name == "entities" && f.optional && f.t.kind == kVector && f.t.elem.kind == kClass &&
			f.t.elem.class.Name == "MessageEntity":
			entities = i
		}
	}
	if text < 0 || entities < 0 {
		return -1, -1
	}
	return text, entities
}

// idsField is the index of the "id:Vector<…>" parameter that
// random_id:Vector<long> follows, or -1.
func idsField(k *ctor) int {
	for i, f := range luaFields(k) {
		if f.p.Name == "id" && f.t.kind == kVector && !f.optional {
			return i
		}
	}
	return -1
}

// bits is a set of field indexes, written as the Go literal of a
// [2]uint64.
type bits [2]uint64

func (b *bits) add(i int)     { b[i/64] |= 1 << (i % 64) }
func (b bits) String() string { return fmt.Sprintf("{%#x, %#x}", b[0], b[1]) }
func (b bits) empty() bool    { return b == bits{} }

// maxLuaFields bounds the fields of a combinator (bits holds 128).
const maxLuaFields = 128

// check writes the descriptor of k's table (field names and types,
// required fields, flag groups, filled fields) and checkK, which sets field
// i; the hand-written cx.fields does the rest.
func (g *luaGen) check(w *bytes.Buffer, k *ctor) error {
	fields := luaFields(k)
	if len(fields) > maxLuaFields {
		return fmt.Errorf("tlgen: lua: %s: %s has more than %d fields", k.c.Pos, k.c.Name, maxLuaFields)
	}
	var names []string
	var required, trues bits
	index := map[*field]int{}
	for i, f := range fields {
		index[f] = i
		names = append(names, strconv.Quote(f.p.Name+":"+luaTypeName(f)))
		if !f.optional {
			required.add(i)
		}
		if f.t.kind == kTrue {
			trues.add(i)
		}
	}
	// Conditional fields sharing a flag bit with at least one valued field:
	// the wire holds all the valued ones or none.
	byFlag := map[string][]*field{}
	var flagOrder []string
	for _, f := range fields {
		if f.optional {
			key := f.p.Flag.Field + "." + strconv.Itoa(f.p.Flag.Bit)
			if byFlag[key] == nil {
				flagOrder = append(flagOrder, key)
			}
			byFlag[key] = append(byFlag[key], f)
		}
	}
	var groups []string
	for _, key := range flagOrder {
		fs := byFlag[key]
		var values, trus bits
		for _, f := range fs {
			if f.t.kind == kTrue {
				trus.add(index[f])
			} else {
				values.add(index[f])
			}
		}
		if len(fs) < 2 || values.empty() {
			continue
		}
		groups = append(groups, fmt.Sprintf("{%q, bits%v, bits%v}", key, values, trus))
	}
	var fills []string
	for i, f := range fields {
		if fk := fillKind(k, f); fk != "" {
			fills = append(fills, fmt.Sprintf("{%d, %s, %d}", i, fk, idsField(k)))
		}
	}
	fmt.Fprintf(w, "var d%s = desc{name: %q, want: %q", k.GoName, k.c.Name, want(k))
	if len(names) > 0 {
		fmt.Fprintf(w, ",\nfields: []string{%s}", strings.Join(names, ", "))
	}
	if !required.empty() {
		fmt.Fprintf(w, ",\nrequired: bits%v", required)
	}
	if !trues.empty() {
		fmt.Fprintf(w, ",\ntrues: bits%v", trues)
	}
	if len(groups) > 0 {
		fmt.Fprintf(w, ",\ngroups: []group{%s}", strings.Join(groups, ", "))
	}
	if len(fills) > 0 {
		fmt.Fprintf(w, ",\nfills: []fill{%s}", strings.Join(fills, ", "))
	}
	if text, ents := parseFields(k); text >= 0 {
		fmt.Fprintf(w, ",\nparse: &parse{%d, %d}", text, ents)
	}
	w.WriteString("}\n\n")

	if len(fields) == 0 {
		return nil
	}
	fmt.Fprintf(w, "// check%s sets field i of %s from v.\n", k.GoName, k.c.Name)
	fmt.Fprintf(w, "func check%s(c *cx, i int, v lua.LValue, o tl.Object) (err error) {\n", k.GoName)
	fmt.Fprintf(w, "x := o.(*api.%s)\nswitch i {\n", k.GoName)
	for i, f := range fields {
		fmt.Fprintf(w, "case %d:\n", i)
		x := "x." + f.GoName
		switch {
		case (f.t.kind == kSingle || f.t.kind == kBare) && !f.t.ptr:
			fmt.Fprintf(w, "err = c.fields(v, &d%s, %s, &%s)\n", f.t.ctor.GoName, g.setter(f.t.ctor), x)
		case f.t.kind == kSingle || f.t.kind == kBare:
			fmt.Fprintf(w, "%s = new(api.%s)\nerr = c.fields(v, &d%s, %s, %s)\n", x, f.t.ctor.GoName, f.t.ctor.GoName, g.setter(f.t.ctor), x)
		case isOpt(f):
			fmt.Fprintf(w, "%s, err = opt(%s)\n", x, g.checkExpr(f.t, f.p.Type))
		default:
			fmt.Fprintf(w, "%s, err = %s\n", x, g.checkExpr(f.t, f.p.Type))
		}
	}
	w.WriteString("}\nreturn err\n}\n\n")
	return nil
}
