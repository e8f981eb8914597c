package settings

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// Lua renders s as a Lua settings file ("return { ... }") holding the
// values that differ from the defaults, which Decode reads back to s.
func (s *Settings) Lua() string {
	var b strings.Builder
	b.WriteString("-- luagram settings: only what differs from the defaults.\nreturn {\n")
	writeDiff(&b, reflect.ValueOf(s).Elem(), reflect.ValueOf(Defaults()).Elem(), "  ")
	b.WriteString("}\n")
	return b.String()
}

func writeDiff(b *strings.Builder, v, def reflect.Value, indent string) {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		key := t.Field(i).Tag.Get("lua")
		f, d := v.Field(i), def.Field(i)
		if reflect.DeepEqual(f.Interface(), d.Interface()) {
			continue
		}
		switch f.Kind() {
		case reflect.Struct:
			fmt.Fprintf(b, "%s%s = {\n", indent, key)
			writeDiff(b, f, d, indent+"  ")
			fmt.Fprintf(b, "%s},\n", indent)
		case reflect.String:
			fmt.Fprintf(b, "%s%s = %s,\n", indent, key, luaString(f.String()))
		case reflect.Bool:
			fmt.Fprintf(b, "%s%s = %t,\n", indent, key, f.Bool())
		case reflect.Int:
			fmt.Fprintf(b, "%s%s = %d,\n", indent, key, f.Int())
		case reflect.Slice:
			fmt.Fprintf(b, "%s%s = {\n", indent, key)
			for j := 0; j < f.Len(); j++ {
				fmt.Fprintf(b, "%s  %s,\n", indent, luaString(f.Index(j).String()))
			}
			fmt.Fprintf(b, "%s},\n", indent)
		case reflect.Map:
			m := f.Interface().(map[int]string)
			ids := make([]int, 0, len(m))
			for id := range m {
				ids = append(ids, id)
			}
			sort.Ints(ids)
			fmt.Fprintf(b, "%s%s = {\n", indent, key)
			for _, id := range ids {
				fmt.Fprintf(b, "%s  [%d] = %s,\n", indent, id, luaString(m[id]))
			}
			fmt.Fprintf(b, "%s},\n", indent)
		}
	}
}

// luaString quotes s as a Lua string literal; multi-line values (PEM keys)
// use long brackets.
func luaString(s string) string {
	if strings.Contains(s, "\n") && !strings.Contains(s, "]]") {
		return "[[\n" + s + "]]"
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\n':
			b.WriteString(`\n`)
		case c < 0x20 || c == 0x7f:
			b.WriteString(`\` + strconv.Itoa(int(c))) // Lua's decimal escape
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}
