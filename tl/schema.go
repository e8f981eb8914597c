package tl

import (
	"fmt"
	"hash/crc32"
	"strings"
)

// A Schema is the parsed content of one or more TL schema files: the
// constructors (the "types" section) and the functions (RPC methods).
// Built-in declarations such as "int ? = Int" and the vector combinator are
// recognised and left out; they are part of the binary codec, not the schema.
type Schema struct {
	Constructors []*Combinator
	Functions    []*Combinator
	// Layer is the API layer stated by a "// LAYER N" comment, or 0.
	Layer int
	// Mismatches lists explicit ids that differ from the computed ones. They
	// are errors when ParseOptions.VerifyIDs is set.
	Mismatches []*SchemaError
}

// A Combinator is one declaration: a constructor of a type, or a function.
type Combinator struct {
	Name       string // full name, with namespace: "messages.sendMessage"
	ID         uint32 // the explicit #id, or the computed one when absent
	ExplicitID bool   // whether the declaration carried an #id
	TypeParams []Param
	Params     []Param
	Result     TypeRef
	Function   bool
	Pos        Pos
	// Comment holds the "//" lines immediately above the declaration (TD
	// schemas document fields there with @name tags).
	Comment string
}

// A Param is one argument of a combinator.
type Param struct {
	Name string
	Type TypeRef
	// Flag is non-nil for a conditional field "name:flags.N?Type".
	Flag *FlagRef
}

// IsFlags reports whether p is a bit field ("flags:#") other fields refer to.
func (p Param) IsFlags() bool { return p.Type.Name == "#" }

// A FlagRef is the condition of a conditional field.
type FlagRef struct {
	Field string // the "#" field holding the bit, e.g. "flags" or "flags2"
	Bit   int
}

// A TypeRef names the type of a field or the result of a combinator.
type TypeRef struct {
	// Name is the type name as written, without '%' or '!':
	// "int", "Vector", "vector", "Message", "message", "X", "#".
	Name string
	// Bare is set for "%T" and for lower-case (constructor) names.
	Bare bool
	// Generic is set for "!X", a reference to a type parameter.
	Generic bool
	// Elem is the element type of Vector/vector.
	Elem *TypeRef
}

// IsVector reports whether t is Vector<T> or vector<T>.
func (t TypeRef) IsVector() bool { return t.Elem != nil }

// String writes t as it appears in a schema: Vector<long>, %Message, !X.
func (t TypeRef) String() string {
	var b strings.Builder
	t.write(&b, renderSchema)
	return b.String()
}

// A renderMode selects how a declaration is written out.
type renderMode int

const (
	renderSchema   renderMode = iota // as in a schema file
	renderCRC                        // normalised for the id: "Vector T", "string" for "bytes", %T as t
	renderCRCBytes                   // normalised, but "bytes" kept as written
)

// write renders t in the given mode.
func (t TypeRef) write(b *strings.Builder, mode renderMode) {
	crc := mode != renderSchema
	if t.Generic {
		b.WriteByte('!')
	}
	name := t.Name
	if t.Bare && t.Name != "" && isUpper(t.Name) {
		if crc { // %Message is hashed as "message"
			name = lowerFirst(name)
		} else {
			b.WriteByte('%')
		}
	}
	if mode == renderCRC && name == "bytes" {
		name = "string"
	}
	b.WriteString(name)
	if t.Elem != nil {
		if crc {
			b.WriteByte(' ')
			t.Elem.write(b, mode)
		} else {
			b.WriteByte('<')
			t.Elem.write(b, mode)
			b.WriteByte('>')
		}
	}
}

// isUpper reports whether the unqualified part of a type name starts with an
// upper-case letter (boxed types) as opposed to a constructor name (bare).
func isUpper(name string) bool {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	return name != "" && name[0] >= 'A' && name[0] <= 'Z'
}

func lowerFirst(s string) string {
	i := strings.LastIndexByte(s, '.') + 1
	return s[:i] + strings.ToLower(s[i:i+1]) + s[i+1:]
}

// Namespace returns the part of the name before the dot, or "".
func (c *Combinator) Namespace() string {
	if i := strings.LastIndexByte(c.Name, '.'); i >= 0 {
		return c.Name[:i]
	}
	return ""
}

// ShortName returns the part of the name after the namespace.
func (c *Combinator) ShortName() string {
	return c.Name[strings.LastIndexByte(c.Name, '.')+1:]
}

// Declaration renders c back in schema syntax (without the final ';').
func (c *Combinator) Declaration() string {
	return c.render(renderSchema)
}

// ComputeID returns the CRC32 of the normalised declaration, which is what the
// id of a combinator is defined to be (core.telegram.org/mtproto/TL-abstract-types):
// the #id removed, "flags.N?true" arguments dropped, Vector<T> written
// "Vector T", {X:Type} without braces and "bytes" written "string".
func (c *Combinator) ComputeID() uint32 {
	return crc32.ChecksumIEEE([]byte(c.render(renderCRC)))
}

// idCandidates returns the ids a declaration may legitimately carry. Newer
// declarations were hashed with "bytes" as written rather than "string", and
// tdlib keeps superseded constructors under a suffixed name
// (decryptedMessage8, inputStickerSetThumbLegacy) whose id was computed from
// the original name.
func (c *Combinator) idCandidates() []uint32 {
	names := []string{c.Name}
	if base := strings.TrimRight(c.Name, "0123456789"); base != c.Name {
		names = append(names, base)
	}
	if base, ok := strings.CutSuffix(c.Name, "Legacy"); ok {
		names = append(names, base)
	}
	var ids []uint32
	for _, n := range names {
		cc := *c
		cc.Name = n
		ids = append(ids, cc.ComputeID(), crc32.ChecksumIEEE([]byte(cc.render(renderCRCBytes))))
	}
	return ids
}

func (c *Combinator) render(mode renderMode) string {
	crc := mode != renderSchema
	var b strings.Builder
	b.WriteString(c.Name)
	if !crc && c.ExplicitID {
		fmt.Fprintf(&b, "#%08x", c.ID)
	}
	for _, p := range c.TypeParams {
		if crc {
			fmt.Fprintf(&b, " %s:%s", p.Name, p.Type.Name)
		} else {
			fmt.Fprintf(&b, " {%s:%s}", p.Name, p.Type.Name)
		}
	}
	for _, p := range c.Params {
		if crc && p.Flag != nil && p.Type.Name == "true" {
			continue
		}
		b.WriteByte(' ')
		b.WriteString(p.Name)
		b.WriteByte(':')
		if p.Flag != nil {
			fmt.Fprintf(&b, "%s.%d?", p.Flag.Field, p.Flag.Bit)
		}
		p.Type.write(&b, mode)
	}
	b.WriteString(" = ")
	c.Result.write(&b, mode)
	return b.String()
}

// A Pos is a position in a schema file.
type Pos struct {
	File string
	Line int
}

func (p Pos) String() string { return fmt.Sprintf("%s:%d", p.File, p.Line) }
