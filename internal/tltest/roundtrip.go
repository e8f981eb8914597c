package tltest

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/luagram/luagram/tl"
)

// RoundTripAll fills every constructor and function of reg with random
// values rounds times and checks that decode(encode(x)) equals x and that
// encoding the result gives identical bytes.
func RoundTripAll(t *testing.T, reg *tl.Registry, rounds int) {
	t.Helper()
	checked := 0
	for round := 0; round < rounds; round++ {
		f := NewFiller(uint64(round)+1, reg)
		for _, ti := range reg.All() {
			if ti.ID == tl.GzipPackedID {
				continue // unwrapped by the decoder itself; see tl's gzip tests
			}
			x := reg.New(ti.ID)
			if x == nil {
				t.Errorf("%s: registry has no value for #%08x", ti.Name, ti.ID)
				continue
			}
			f.Fill(x)
			if !RoundTrip(t, reg, x) {
				return
			}
			checked++
		}
	}
	t.Logf("%d values of %d types round-tripped", checked, len(reg.All()))
}

// RoundTrip checks one value; it reports failures and returns false on one.
func RoundTrip(t *testing.T, reg *tl.Registry, x tl.Object) bool {
	t.Helper()
	enc, err := tl.Encode(x)
	if err != nil {
		t.Errorf("%s: encode: %v", x.TypeName(), err)
		return false
	}
	y := reg.New(x.TypeID())
	if err := tl.DecodeBoxed(enc, y); err != nil {
		t.Errorf("%s: decode: %v\nvalue: %v", x.TypeName(), err, x)
		return false
	}
	if !reflect.DeepEqual(x, y) {
		t.Errorf("%s: decoded value differs\n got %v\nwant %v", x.TypeName(), y, x)
		return false
	}
	enc2, err := tl.Encode(y)
	if err != nil || !bytes.Equal(enc, enc2) {
		t.Errorf("%s: re-encoding differs (%v)", x.TypeName(), err)
		return false
	}
	return true
}
