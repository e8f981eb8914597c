package tl

import (
	"encoding/hex"
	"math"
	"reflect"
	"strconv"
	"strings"
)

// Format renders o as JSON with the constructor name under "_" and the
// fields in schema order; absent optional fields are left out. Byte strings
// and int128/int256 are written as hex. It is what generated String methods
// return and what `luagram tl decode` prints.
func Format(o Object) string {
	var b strings.Builder
	writeValue(&b, reflect.ValueOf(o))
	return b.String()
}

// MarshalJSON returns Format(o) as bytes.
func MarshalJSON(o Object) []byte { return []byte(Format(o)) }

var (
	objectType = reflect.TypeFor[Object]()
	int128Type = reflect.TypeFor[Int128]()
	int256Type = reflect.TypeFor[Int256]()
)

func writeValue(b *strings.Builder, v reflect.Value) {
	switch v.Kind() {
	case reflect.Interface, reflect.Pointer:
		if v.IsNil() {
			b.WriteString("null")
			return
		}
		if v.Kind() == reflect.Interface {
			writeValue(b, v.Elem())
			return
		}
		writeObject(b, v)
	case reflect.Struct:
		if v.CanAddr() && v.Addr().Type().Implements(objectType) {
			writeObject(b, v.Addr())
			return
		}
		if v.NumField() == 2 && v.Type().Field(1).Name == "Set" { // Opt[T]
			writeValue(b, v.Field(0))
			return
		}
		b.WriteString("null")
	case reflect.Array:
		if v.Type() == int128Type || v.Type() == int256Type {
			b.WriteByte('"')
			for i := 0; i < v.Len(); i++ {
				b.WriteString(hex.EncodeToString([]byte{byte(v.Index(i).Uint())}))
			}
			b.WriteByte('"')
			return
		}
		b.WriteString("null")
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			b.WriteString(strconv.Quote(hex.EncodeToString(v.Bytes())))
			return
		}
		b.WriteByte('[')
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			writeValue(b, v.Index(i))
		}
		b.WriteByte(']')
	case reflect.String:
		writeJSONString(b, v.String())
	case reflect.Bool:
		b.WriteString(strconv.FormatBool(v.Bool()))
	case reflect.Int32, reflect.Int64, reflect.Int:
		b.WriteString(strconv.FormatInt(v.Int(), 10))
	case reflect.Uint32, reflect.Uint64:
		b.WriteString(strconv.FormatUint(v.Uint(), 10))
	case reflect.Float64:
		f := v.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			b.WriteString(strconv.Quote(strconv.FormatFloat(f, 'g', -1, 64)))
			return
		}
		b.WriteString(strconv.FormatFloat(f, 'g', -1, 64))
	default:
		b.WriteString("null")
	}
}

func writeObject(b *strings.Builder, p reflect.Value) {
	o := p.Interface().(Object)
	b.WriteString(`{"_":`)
	writeJSONString(b, o.TypeName())
	s := p.Elem()
	t := s.Type()
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		tag := sf.Tag.Get("tl")
		if tag == "" {
			continue
		}
		name, _, optional := strings.Cut(tag, ",") // "name,flags.N" for conditional fields
		fv := s.Field(i)
		if optional && absent(fv) {
			continue
		}
		b.WriteByte(',')
		writeJSONString(b, name)
		b.WriteByte(':')
		writeValue(b, fv)
	}
	b.WriteByte('}')
}

// absent reports whether an optional field holds no value.
func absent(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Bool:
		return !v.Bool()
	case reflect.Interface, reflect.Pointer, reflect.Slice:
		return v.IsNil()
	case reflect.Struct:
		if f := v.FieldByName("Set"); f.IsValid() {
			return !f.Bool()
		}
	}
	return false
}

func writeJSONString(b *strings.Builder, s string) {
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x2028 || r == 0x2029:
			b.WriteString(`\u`)
			h := strconv.FormatInt(int64(r), 16)
			b.WriteString(strings.Repeat("0", 4-len(h)) + h)
		case r == 0xFFFD:
			b.WriteString(`\ufffd`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
}
