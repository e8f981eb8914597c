package bindings

import (
	"strings"
	"testing"

	"github.com/luagram/luagram/internal/tltest"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
	lua "github.com/yuin/gopher-lua"
)

// TestEveryResult decodes a random result of every method through its
// ResultFunc and compares the Lua value with what Push makes of the same
// value.
func TestEveryResult(t *testing.T) {
	L := newState(t, nil)
	f := tltest.NewFiller(7, api.Types)
	byType := map[string][]tl.TypeInfo{}
	for _, ti := range api.Types.All() {
		if !ti.Function {
			byType[ti.Type] = append(byType[ti.Type], ti)
		}
	}
	// sample returns a filled value of a boxed type and its Lua form.
	sample := func(typ string, i int) (func(*tl.Buffer), lua.LValue) {
		switch typ {
		case "Bool":
			return func(b *tl.Buffer) { b.Bool(i%2 == 0) }, lua.LBool(i%2 == 0)
		case "int":
			return func(b *tl.Buffer) { b.Int32(int32(i)) }, lua.LNumber(i)
		case "long":
			v := int64(i) << 60
			return func(b *tl.Buffer) { b.Int64(v) }, long(v)
		case "string":
			return func(b *tl.Buffer) { b.String("s") }, lua.LString("s")
		case "bytes":
			return func(b *tl.Buffer) { b.Bytes([]byte("b")) }, lua.LString("b")
		}
		cs := byType[typ]
		if len(cs) == 0 {
			t.Fatalf("no constructor of %s", typ)
		}
		x := api.Types.New(cs[i%len(cs)].ID)
		f.Fill(x)
		return func(b *tl.Buffer) { b.Object(x, typ) }, Push(L, x)
	}
	checked := 0
	for _, ti := range api.Types.All() {
		if !ti.Function {
			continue
		}
		req := api.Types.New(ti.ID)
		conv := ResultOf(req)
		if innerQuery(req) != nil || strings.HasPrefix(ti.Name, "invoke") || ti.Name == "initConnection" {
			if conv != nil {
				t.Errorf("%s: a wrapper with its own result converter", ti.Name)
			}
			continue
		}
		if conv == nil {
			t.Errorf("%s: no result converter", ti.Name)
			continue
		}
		var b tl.Buffer
		var want lua.LValue
		if elem, ok := strings.CutPrefix(ti.Type, "Vector<"); ok {
			elem = strings.TrimSuffix(elem, ">")
			tbl := L.CreateTable(3, 0)
			b.VectorHeader(3)
			for i := range 3 {
				enc, v := sample(elem, i)
				enc(&b)
				tbl.RawSetInt(i+1, v)
			}
			want = tbl
		} else {
			var enc func(*tl.Buffer)
			enc, want = sample(ti.Type, checked)
			enc(&b)
		}
		if b.Err() != nil {
			t.Fatalf("%s: %v", ti.Name, b.Err())
		}
		got, err := conv(L, tl.NewDecoder(b.Buf))
		if err != nil {
			t.Errorf("%s: %v", ti.Name, err)
			continue
		}
		if !luaEqual(got, want) {
			t.Errorf("%s: result differs from Push", ti.Name)
		}
		checked++
	}
	t.Logf("%d methods' results converted", checked)
}

// luaEqual compares Lua values, tables by content.
func luaEqual(a, b lua.LValue) bool {
	ta, ok1 := a.(*lua.LTable)
	tb, ok2 := b.(*lua.LTable)
	if !ok1 || !ok2 {
		return a == b
	}
	n := 0
	for k, v := ta.Next(lua.LNil); k != lua.LNil; k, v = ta.Next(k) {
		if !luaEqual(v, tb.RawGet(k)) {
			return false
		}
		n++
	}
	for k, _ := tb.Next(lua.LNil); k != lua.LNil; k, _ = tb.Next(k) {
		n--
	}
	return n == 0
}
