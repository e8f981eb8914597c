// Package tltest fills generated TL types with random values and checks
// that they survive encoding and decoding; the generated packages' tests
// use it for every constructor and function.
package tltest

import (
	"math/rand/v2"
	"reflect"
	"strings"

	"github.com/luagram/luagram/tl"
)

// A Filler sets every field of a generated value to random data, keeping
// the fields that share a flag bit present or absent together, so the value
// is one the wire format can express.
type Filler struct {
	R        *rand.Rand
	Reg      *tl.Registry
	MaxDepth int
	impls    map[reflect.Type][]uint32
}

// NewFiller returns a Filler drawing constructors from reg.
func NewFiller(seed uint64, reg *tl.Registry) *Filler {
	return &Filler{R: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), Reg: reg, MaxDepth: 4,
		impls: map[reflect.Type][]uint32{}}
}

var objectType = reflect.TypeFor[tl.Object]()

// Fill fills o.
func (f *Filler) Fill(o tl.Object) { f.fillStruct(reflect.ValueOf(o).Elem(), 0) }

func (f *Filler) fillStruct(s reflect.Value, depth int) {
	t := s.Type()
	present := map[string]bool{}
	for i := 0; i < t.NumField(); i++ {
		tag := t.Field(i).Tag.Get("tl")
		_, cond, optional := strings.Cut(tag, ",")
		if optional {
			on, seen := present[cond]
			if !seen {
				on = f.R.IntN(2) == 0
				present[cond] = on
			}
			if !on {
				continue
			}
		}
		f.fillValue(s.Field(i), depth, optional)
	}
}

func (f *Filler) fillValue(v reflect.Value, depth int, optional bool) {
	switch v.Kind() {
	case reflect.Bool:
		v.SetBool(optional || f.R.IntN(2) == 0) // a true-flag in a present group is set
	case reflect.Int32:
		v.SetInt(int64(int32(f.R.Uint32())))
	case reflect.Int64:
		v.SetInt(int64(f.R.Uint64()))
	case reflect.Uint32:
		v.SetUint(uint64(f.R.Uint32()))
	case reflect.Float64:
		v.SetFloat(f.R.NormFloat64() * 1e6)
	case reflect.String:
		v.SetString(f.text())
	case reflect.Array:
		for i := 0; i < v.Len(); i++ {
			v.Index(i).SetUint(uint64(f.R.IntN(256)))
		}
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			b := make([]byte, f.length())
			for i := range b {
				b[i] = byte(f.R.IntN(256))
			}
			v.SetBytes(b)
			return
		}
		n := f.R.IntN(4)
		if depth >= f.MaxDepth {
			n = 0
		}
		s := reflect.MakeSlice(v.Type(), n, n)
		for i := 0; i < n; i++ {
			f.fillValue(s.Index(i), depth+1, false)
		}
		v.Set(s)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		f.fillStruct(p.Elem(), depth+1)
		v.Set(p)
	case reflect.Interface:
		if o := f.pick(v.Type(), depth); o != nil {
			v.Set(reflect.ValueOf(o))
		}
	case reflect.Struct:
		if v.Type().NumField() == 2 && v.Type().Field(1).Name == "Set" { // tl.Opt
			f.fillValue(v.Field(0), depth, false)
			v.Field(1).SetBool(true)
			return
		}
		f.fillStruct(v, depth+1)
	}
}

// pick returns a filled constructor implementing iface. Beyond MaxDepth it
// prefers constructors without object fields, so recursive types end.
func (f *Filler) pick(iface reflect.Type, depth int) tl.Object {
	ids, ok := f.impls[iface]
	if !ok {
		for _, ti := range f.Reg.All() {
			o := f.Reg.New(ti.ID)
			switch {
			case o == nil, ti.ID == tl.GzipPackedID, !reflect.TypeOf(o).Implements(iface):
			case iface == objectType && ti.Function:
			default:
				ids = append(ids, ti.ID)
			}
		}
		f.impls[iface] = ids
	}
	if len(ids) == 0 {
		return nil
	}
	id := ids[f.R.IntN(len(ids))]
	if depth >= f.MaxDepth {
		best := -1
		for _, cand := range ids {
			if n := objectFields(reflect.TypeOf(f.Reg.New(cand)).Elem()); best < 0 || n < best {
				best, id = n, cand
			}
		}
	}
	o := f.Reg.New(id)
	f.fillStruct(reflect.ValueOf(o).Elem(), depth+1)
	return o
}

func objectFields(t reflect.Type) int {
	n := 0
	for i := 0; i < t.NumField(); i++ {
		switch t.Field(i).Type.Kind() {
		case reflect.Interface, reflect.Pointer, reflect.Slice, reflect.Struct:
			n++
		}
	}
	return n
}

func (f *Filler) length() int {
	switch f.R.IntN(10) {
	case 0:
		return 0
	case 1:
		return 250 + f.R.IntN(10) // around the one-byte length limit
	default:
		return f.R.IntN(20)
	}
}

var alphabet = []rune("abcXYZ019 _-\"\\\n\t😀ß日本")

func (f *Filler) text() string {
	n := f.length()
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteRune(alphabet[f.R.IntN(len(alphabet))])
	}
	return b.String()
}
