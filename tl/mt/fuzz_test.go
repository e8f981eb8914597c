package mt_test

import (
	"bytes"
	"testing"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/mt"
)

// FuzzDecode decodes arbitrary bytes as a boxed object of this schema. It
// must never panic; whatever decodes must re-encode to bytes that decode to
// the same value and encode identically again.
func FuzzDecode(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		d := tl.NewDecoder(data)
		id := d.ID()
		o := mt.Types.New(id)
		if o == nil {
			return
		}
		if d.Enter() {
			o.DecodeBare(d)
			d.Leave()
		}
		if d.Err() != nil {
			return
		}
		enc, err := tl.Encode(o)
		if err != nil {
			t.Fatalf("%s decoded but does not encode: %v", o.TypeName(), err)
		}
		o2 := mt.Types.New(id)
		if err := tl.DecodeBoxed(enc, o2); err != nil {
			t.Fatalf("%s: re-encoded bytes do not decode: %v", o.TypeName(), err)
		}
		enc2, _ := tl.Encode(o2)
		if !bytes.Equal(enc, enc2) {
			t.Fatalf("%s: encodings differ", o.TypeName())
		}
	})
}
