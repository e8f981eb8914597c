package apidoc

import (
	"fmt"
	"sort"
	"strings"
)

// An Entry is a method or a constructor.
type Entry struct {
	Name   string
	ID     uint32
	Type   string // the constructor's type, or the method's result
	Params []Param
}

// A Param is one parameter.
type Param struct {
	Name string
	Type string
	Flag string // "flags.N" for optional parameters, "" otherwise
}

// Optional reports whether the parameter may be left out.
func (p Param) Optional() bool { return p.Flag != "" }

// Layer returns the API layer described.
func Layer() int { return layer }

// Methods returns every method, in schema order.
func Methods() []Entry { return methods }

// Method finds a method by TL name.
func Method(name string) (Entry, bool) { return find(methods, name) }

// Constructor finds a constructor by TL name.
func Constructor(name string) (Entry, bool) { return find(constructors, name) }

func find(list []Entry, name string) (Entry, bool) {
	for _, e := range list {
		if e.Name == name {
			return e, true
		}
	}
	return Entry{}, false
}

// ConstructorsOf lists the constructors of a type.
func ConstructorsOf(typ string) []Entry {
	var out []Entry
	for _, c := range constructors {
		if c.Type == typ {
			out = append(out, c)
		}
	}
	return out
}

// Errors returns the errors the sandbox can answer to a method (those of
// its handler and of every query), sorted.
func Errors(method string) []string {
	set := map[string]bool{}
	for _, e := range sandboxErrors[method] {
		set[e] = true
	}
	for _, e := range commonErrors {
		set[e] = true
	}
	out := make([]string, 0, len(set))
	for e := range set {
		out = append(out, e)
	}
	sort.Strings(out)
	return out
}

// Implemented reports whether the sandbox implements a method.
func Implemented(method string) bool {
	_, ok := sandboxErrors[method]
	return ok
}

// Markdown renders the page of a method.
func Markdown(m Entry) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", m.Name)
	fmt.Fprintf(&b, "Returns `%s` (constructor id `#%08x`, layer %d).\n\n", m.Type, m.ID, layer)
	if len(m.Params) == 0 {
		b.WriteString("No parameters.\n\n")
	} else {
		b.WriteString("| parameter | type | required |\n|---|---|---|\n")
		for _, p := range m.Params {
			req := "yes"
			if p.Optional() {
				req = "optional (" + p.Flag + ")"
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s |\n", p.Name, typeLink(p.Type), req)
		}
		b.WriteString("\n")
	}
	b.WriteString("## Lua\n\n```lua\n")
	b.WriteString(LuaExample(m))
	b.WriteString("\n```\n\n")
	if res := ConstructorsOf(strings.TrimPrefix(m.Type, "Vector<")); len(res) > 0 && !strings.HasPrefix(m.Type, "Vector<") {
		b.WriteString("The result is a table whose `_` is one of: ")
		for i, c := range res {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "`%s`", c.Name)
		}
		b.WriteString(".\n\n")
	}
	b.WriteString("## Errors\n\n")
	if !Implemented(m.Name) {
		b.WriteString("The sandbox does not implement this method; it answers `400 SANDBOX_METHOD_UNSUPPORTED`. Against Telegram, see core.telegram.org/method/" + m.Name + ".\n")
		return b.String()
	}
	b.WriteString("What the sandbox can answer (errors are raised in Lua with `code`, `type`, `argument`, `message`; catch them with `pcall`):\n\n")
	for _, e := range Errors(m.Name) {
		fmt.Fprintf(&b, "- `%s`\n", e)
	}
	return b.String()
}

func typeLink(t string) string { return "`" + t + "`" }

// LuaExample writes a call with every required parameter.
func LuaExample(m Entry) string {
	var args []string
	for _, p := range m.Params {
		if p.Optional() {
			continue
		}
		args = append(args, fmt.Sprintf("%s = %s", p.Name, exampleValue(p.Name, p.Type, 0)))
	}
	call := m.Name + "{" + strings.Join(args, ", ") + "}"
	if len(args) > 2 {
		call = m.Name + "{\n  " + strings.Join(args, ",\n  ") + ",\n}"
	}
	return "local result = " + call
}

func exampleValue(name, typ string, depth int) string {
	switch {
	case typ == "InputPeer" || typ == "InputUser" || typ == "InputChannel":
		return `"@username"`
	case typ == "string":
		if strings.Contains(name, "message") || name == "text" {
			return `"Hello!"`
		}
		return `"…"`
	case typ == "bytes":
		return `"\0"`
	case typ == "int" || typ == "double":
		return "0"
	case typ == "long":
		if name == "random_id" {
			return "math.random(2^31)"
		}
		return "0"
	case typ == "Bool" || typ == "true":
		return "true"
	case strings.HasPrefix(typ, "Vector<") || strings.HasPrefix(typ, "vector<"):
		return "{}"
	case typ == "int128" || typ == "int256":
		return `"` + strings.Repeat(`\0`, 4) + `…"`
	}
	ctors := ConstructorsOf(typ)
	if len(ctors) == 0 || depth > 1 {
		return "{ --[[ " + typ + " ]] }"
	}
	c := ctors[0]
	for _, cand := range ctors { // prefer the simplest constructor
		if len(cand.Params) < len(c.Params) {
			c = cand
		}
	}
	parts := []string{fmt.Sprintf("_ = %q", c.Name)}
	for _, p := range c.Params {
		if !p.Optional() {
			parts = append(parts, fmt.Sprintf("%s = %s", p.Name, exampleValue(p.Name, p.Type, depth+1)))
		}
	}
	return "{" + strings.Join(parts, ", ") + "}"
}
