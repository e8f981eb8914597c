package tlgen

import (
	"fmt"
	"sort"
	"strings"

	"github.com/luagram/luagram/tl"
)

// A kind is how a TL type is represented in Go.
type kind int

const (
	kInt32      kind = iota // int
	kInt64                  // long (and TD's int53)
	kDouble                 // double
	kString                 // string
	kBytes                  // bytes
	kInt128                 // int128
	kInt256                 // int256
	kBool                   // Bool (boxed boolTrue/boolFalse)
	kTrue                   // flags.N?true: a bit, no data
	kClass                  // a boxed type with several constructors: a Go interface
	kSingle                 // a boxed type with one constructor: its struct
	kBare                   // a bare constructor (%T or a lower-case name): its struct, no id
	kObject                 // Object or !X: any boxed object, decoded by the registry
	kVector                 // Vector<T>
	kBareVector             // vector<T>
)

// A gtype is a resolved field or result type.
type gtype struct {
	kind  kind
	class *class // kClass, kSingle
	ctor  *ctor  // kSingle (the only constructor), kBare
	elem  *gtype // vectors
	// ptr is set for kSingle/kBare held through a pointer: optional fields,
	// and required fields of types that contain themselves.
	ptr bool
}

// A class is a boxed TL type ("Peer") with its constructors.
type class struct {
	Name   string // TL name
	GoName string // interface name (XClass); for single-constructor types, the struct
	ctors  []*ctor
	// inline says a single-constructor type is embedded by value in required
	// fields; false when it (transitively) contains itself by value.
	inline bool
}

func (c *class) single() bool { return len(c.ctors) == 1 }

// A ctor is a constructor or a function.
type ctor struct {
	c       *tl.Combinator
	GoName  string
	class   *class // constructors only
	fields  []*field
	result  *gtype // functions only; nil for generic results (!X)
	generic bool   // a function whose result is its type parameter
}

// A field is one parameter of a combinator. "#" parameters are fields with
// flagsField set; they are computed on encoding and have no Go field.
type field struct {
	p          tl.Param
	GoName     string
	t          gtype
	flagsField bool
	optional   bool
}

type model struct {
	ctors   []*ctor // constructors, in schema order
	funcs   []*ctor
	classes map[string]*class
	byName  map[string]*ctor
}

// reservedNames are methods of generated types; a field with such a name is
// renamed with a trailing underscore-free suffix.
var reservedNames = map[string]bool{
	"TypeID": true, "TypeName": true, "EncodeBare": true, "DecodeBare": true,
	"String": true, "DecodeResult": true,
}

func buildModel(s *tl.Schema) (*model, error) {
	m := &model{classes: map[string]*class{}, byName: map[string]*ctor{}}
	goNames := map[string]string{}
	claim := func(goName, what string) error {
		if prev, ok := goNames[goName]; ok {
			return fmt.Errorf("tlgen: Go name %s of %s collides with %s", goName, what, prev)
		}
		goNames[goName] = what
		return nil
	}
	s, err := dropPseudo(s)
	if err != nil {
		return nil, err
	}
	for _, c := range s.Constructors {
		k := &ctor{c: c, GoName: goName(c.Name)}
		if err := claim(k.GoName, c.Name); err != nil {
			return nil, err
		}
		m.ctors = append(m.ctors, k)
		m.byName[c.Name] = k
		cl := m.classes[c.Result.Name]
		if cl == nil {
			cl = &class{Name: c.Result.Name}
			m.classes[c.Result.Name] = cl
		}
		cl.ctors = append(cl.ctors, k)
		k.class = cl
	}
	for _, cl := range m.classes {
		if cl.single() {
			cl.GoName = cl.ctors[0].GoName
			continue
		}
		cl.GoName = goName(cl.Name) + "Class"
		if err := claim(cl.GoName, "type "+cl.Name); err != nil {
			return nil, err
		}
		if err := claim("Decode"+goName(cl.Name), "decoder of "+cl.Name); err != nil {
			return nil, err
		}
	}
	for _, c := range s.Functions {
		k := &ctor{c: c, GoName: goName(c.Name) + "Request"}
		if err := claim(k.GoName, c.Name); err != nil {
			return nil, err
		}
		m.funcs = append(m.funcs, k)
	}
	// Resolve fields (inline decided afterwards, so first assume inline).
	for _, cl := range m.classes {
		cl.inline = true
	}
	for _, k := range append(append([]*ctor{}, m.ctors...), m.funcs...) {
		if err := m.resolveFields(k); err != nil {
			return nil, err
		}
		if k.c.Function {
			if isGenericResult(k.c) {
				k.generic = true
			} else {
				t, err := m.resolve(k.c.Result)
				if err != nil {
					return nil, fmt.Errorf("tlgen: %s: result of %s: %w", k.c.Pos, k.c.Name, err)
				}
				if t.kind == kSingle {
					t.ptr = true
				}
				k.result = &t
			}
		}
	}
	m.markCycles()
	return m, nil
}

// dropPseudo removes declarations that reuse the id of another one and whose
// id is not their own CRC: tdlib declares "invokeWithReCaptchaPrefix#adbb0f94
// token:string = Error" to describe the prefix of invokeWithReCaptcha#adbb0f94,
// which is the real method. Any other id collision is an error.
func dropPseudo(s *tl.Schema) (*tl.Schema, error) {
	all := append(append([]*tl.Combinator{}, s.Constructors...), s.Functions...)
	byID := map[uint32][]*tl.Combinator{}
	for _, c := range all {
		byID[c.ID] = append(byID[c.ID], c)
	}
	mismatched := map[*tl.Combinator]bool{}
	for _, m := range s.Mismatches {
		for _, c := range all {
			if c.Pos == m.Pos {
				mismatched[c] = true
			}
		}
	}
	drop := map[*tl.Combinator]bool{}
	for id, cs := range byID {
		if len(cs) < 2 {
			continue
		}
		kept := 0
		for _, c := range cs {
			if mismatched[c] {
				drop[c] = true
			} else {
				kept++
			}
		}
		if kept != 1 {
			return nil, fmt.Errorf("tlgen: %s: id #%08x is used by %d declarations", cs[1].Pos, id, len(cs))
		}
	}
	out := *s
	out.Constructors, out.Functions = nil, nil
	for _, c := range s.Constructors {
		if !drop[c] {
			out.Constructors = append(out.Constructors, c)
		}
	}
	for _, c := range s.Functions {
		if !drop[c] {
			out.Functions = append(out.Functions, c)
		}
	}
	return &out, nil
}

// isGenericResult reports whether the result is a type parameter (!X = X).
func isGenericResult(c *tl.Combinator) bool {
	for _, tp := range c.TypeParams {
		if tp.Name == c.Result.Name {
			return true
		}
	}
	return false
}

func (m *model) resolveFields(k *ctor) error {
	names := map[string]bool{}
	for _, p := range k.c.Params {
		f := &field{p: p, GoName: goName(p.Name)}
		if reservedNames[f.GoName] {
			f.GoName += "Value"
		}
		if p.IsFlags() {
			f.flagsField = true
			k.fields = append(k.fields, f)
			continue
		}
		if names[f.GoName] {
			return fmt.Errorf("tlgen: %s: two fields of %s are named %s in Go", k.c.Pos, k.c.Name, f.GoName)
		}
		names[f.GoName] = true
		t, err := m.resolve(p.Type)
		if err != nil {
			return fmt.Errorf("tlgen: %s: field %s of %s: %w", k.c.Pos, p.Name, k.c.Name, err)
		}
		if t.kind == kTrue && p.Flag == nil {
			return fmt.Errorf("tlgen: %s: field %s of %s has type true without a flag", k.c.Pos, p.Name, k.c.Name)
		}
		f.t = t
		f.optional = p.Flag != nil
		if f.optional && (t.kind == kSingle || t.kind == kBare) {
			f.t.ptr = true
		}
		k.fields = append(k.fields, f)
	}
	return nil
}

func (m *model) resolve(t tl.TypeRef) (gtype, error) {
	if t.Elem != nil {
		e, err := m.resolve(*t.Elem)
		if err != nil {
			return gtype{}, err
		}
		if e.kind == kTrue {
			return gtype{}, fmt.Errorf("vector of true")
		}
		k := kVector
		if t.Name == "vector" {
			k = kBareVector
		}
		return gtype{kind: k, elem: &e}, nil
	}
	if t.Generic {
		return gtype{kind: kObject}, nil
	}
	switch t.Name {
	case "int":
		return gtype{kind: kInt32}, nil
	case "long", "int53":
		return gtype{kind: kInt64}, nil
	case "double":
		return gtype{kind: kDouble}, nil
	case "string":
		return gtype{kind: kString}, nil
	case "bytes":
		return gtype{kind: kBytes}, nil
	case "int128":
		return gtype{kind: kInt128}, nil
	case "int256":
		return gtype{kind: kInt256}, nil
	case "Bool":
		return gtype{kind: kBool}, nil
	case "true":
		return gtype{kind: kTrue}, nil
	case "Object":
		return gtype{kind: kObject}, nil
	}
	if t.Bare {
		name := t.Name
		if k := m.byName[name]; k != nil {
			return gtype{kind: kBare, ctor: k}, nil
		}
		// %Message: the bare form of a type with exactly one constructor.
		if cl := m.classes[name]; cl != nil && cl.single() {
			return gtype{kind: kBare, ctor: cl.ctors[0]}, nil
		}
		return gtype{}, fmt.Errorf("unknown bare type %q", t.String())
	}
	cl := m.classes[t.Name]
	if cl == nil {
		return gtype{}, fmt.Errorf("unknown type %q", t.Name)
	}
	if cl.single() {
		return gtype{kind: kSingle, class: cl, ctor: cl.ctors[0]}, nil
	}
	return gtype{kind: kClass, class: cl}, nil
}

// markCycles finds single-constructor types that contain themselves through
// required by-value fields (which Go cannot express) and holds those through
// pointers everywhere.
func (m *model) markCycles() {
	var visit func(k *ctor, path map[*ctor]bool) bool
	visit = func(k *ctor, path map[*ctor]bool) bool {
		if path[k] {
			return true
		}
		path[k] = true
		defer delete(path, k)
		for _, f := range k.fields {
			if (f.t.kind == kSingle || f.t.kind == kBare) && !f.t.ptr {
				if visit(f.t.ctor, path) {
					return true
				}
			}
		}
		return false
	}
	cyclic := map[*ctor]bool{}
	for _, k := range m.ctors {
		if visit(k, map[*ctor]bool{}) {
			cyclic[k] = true
		}
	}
	for _, k := range append(append([]*ctor{}, m.ctors...), m.funcs...) {
		for _, f := range k.fields {
			if (f.t.kind == kSingle || f.t.kind == kBare) && cyclic[f.t.ctor] {
				f.t.ptr = true
			}
		}
	}
}

// sortedClasses returns the multi-constructor classes in name order.
func (m *model) sortedClasses() []*class {
	var out []*class
	for _, cl := range m.classes {
		if !cl.single() && cl.Name != "Object" && cl.Name != "Bool" {
			out = append(out, cl)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// goType is the Go type of a value of t; optional selects the representation
// of a conditional field.
func (t gtype) goType(optional bool) string {
	var s string
	switch t.kind {
	case kInt32:
		s = "int32"
	case kInt64:
		s = "int64"
	case kDouble:
		s = "float64"
	case kString:
		s = "string"
	case kBytes:
		return "[]byte"
	case kInt128:
		s = "tl.Int128"
	case kInt256:
		s = "tl.Int256"
	case kBool:
		s = "bool"
	case kTrue:
		return "bool"
	case kClass:
		return t.class.GoName
	case kSingle, kBare:
		if t.ptr {
			return "*" + t.ctor.GoName
		}
		return t.ctor.GoName
	case kObject:
		return "tl.Object"
	case kVector, kBareVector:
		return "[]" + t.elem.goType(false)
	}
	if optional {
		return "tl.Opt[" + s + "]"
	}
	return s
}

// minSize is the fewest bytes a value of t can take on the wire; it bounds
// vector lengths before allocation.
func (t gtype) minSize() int {
	switch t.kind {
	case kInt64, kDouble:
		return 8
	case kInt128:
		return 16
	case kInt256:
		return 32
	case kVector:
		return 8
	case kBare:
		if t.ptr {
			return 0 // may contain itself; 0 is a safe lower bound
		}
		n := 0
		for _, f := range t.ctor.fields {
			switch {
			case f.flagsField:
				n += 4
			case !f.optional:
				n += f.t.minSize()
			}
		}
		return n
	default:
		return 4
	}
}

// docName is how a type is named in generated comments.
func docName(t tl.TypeRef) string { return strings.TrimSpace(t.String()) }
