package fileid

import (
	"bytes"
	"testing"
)

// FuzzDecode checks that every id Decode accepts encodes to an id that
// decodes to the same fields and encodes to itself again, and that nothing
// derived from it panics.
func FuzzDecode(f *testing.F) {
	for _, tc := range decodedCases {
		f.Add(tc.fileID)
	}
	for _, tc := range pyrogramCases {
		f.Add(tc.id)
	}
	for _, tc := range pyrogramFailCases {
		f.Add(tc.id)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := Decode(s)
		if err != nil {
			return
		}
		enc := id.Encode()
		back, err := Decode(enc)
		if err != nil {
			t.Fatalf("Decode(%q) = %s; its encoding %q does not decode: %v", s, show(id), enc, err)
		}
		if !sameFileID(id, back) {
			t.Fatalf("Decode(%q):\n got %s\nthen %s", s, show(id), show(back))
		}
		if again := back.Encode(); again != enc {
			t.Fatalf("encoding %q re-encodes to %q", enc, again)
		}
		u := id.Unique()
		if ub, err := DecodeUniqueID(u.Encode()); err != nil || ub != u {
			t.Fatalf("unique id %+v of %q came back as %+v, %v", u, s, ub, err)
		}
		id.Location()
		id.Input()
	})
}

// FuzzDecodeUniqueID checks that every unique id DecodeUniqueID accepts
// encodes to an id that decodes to the same fields.
func FuzzDecodeUniqueID(f *testing.F) {
	for _, tc := range uniqueCases {
		f.Add(tc.uniqueID)
	}
	for _, tc := range pyrogramUniqueCases {
		f.Add(tc.id)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, err := DecodeUniqueID(s)
		if err != nil {
			return
		}
		enc := u.Encode()
		back, err := DecodeUniqueID(enc)
		if err != nil || back != u {
			t.Fatalf("DecodeUniqueID(%q) = %+v; its encoding %q gives %+v, %v", s, u, enc, back, err)
		}
	})
}

// FuzzZeroRLE checks that zero-run decoding inverts encoding, and that
// decoding arbitrary bytes does not panic.
func FuzzZeroRLE(f *testing.F) {
	for _, tc := range rleDecodeCases {
		f.Add(unhex(tc.out))
		f.Add(unhex(tc.in))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if got := zeroDecode(zeroEncode(b)); !bytes.Equal(got, b) {
			t.Fatalf("zeroDecode(zeroEncode(%x)) = %x", b, got)
		}
		zeroDecode(b)
	})
}
