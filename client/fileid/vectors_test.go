package fileid

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"testing"
)

func unhex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

func b64hex(s string) string {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

// sameFileID compares the exported fields and the kept legacy bytes.
func sameFileID(a, b FileID) bool {
	return bytes.Equal(a.FileReference, b.FileReference) && bytes.Equal(a.extra, b.extra) &&
		a.Type == b.Type && a.DC == b.DC && a.ID == b.ID && a.AccessHash == b.AccessHash &&
		a.URL == b.URL && a.PhotoSizeSource == b.PhotoSizeSource &&
		a.Version == b.Version && a.SubVersion == b.SubVersion
}

func show(f FileID) string {
	return fmt.Sprintf("%+v ref=%x", f, f.FileReference)
}

func TestDecodeVectors(t *testing.T) {
	for _, tc := range decodedCases {
		t.Run(tc.source+"/"+tc.name, func(t *testing.T) {
			got, err := Decode(tc.fileID)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			cmp := got
			if tc.want.Version == 0 {
				// The published fields do not include the version bytes.
				cmp.Version, cmp.SubVersion = 0, 0
			}
			if s := tc.want.PhotoSizeSource; s.Type == SourceThumbnail && s.VolumeID == 0 && s.LocalID == 0 {
				// Nor the volume and local ids old thumbnails carry.
				cmp.PhotoSizeSource.VolumeID, cmp.PhotoSizeSource.LocalID = 0, 0
			}
			if !sameFileID(cmp, tc.want) {
				t.Errorf("Decode:\n got %s\nwant %s", show(cmp), show(tc.want))
			}
			if enc := got.Encode(); enc != tc.fileID {
				t.Errorf("Encode = %s, want %s", enc, tc.fileID)
			}
		})
	}
}

func TestDecodeUniqueVectors(t *testing.T) {
	for _, tc := range uniqueCases {
		t.Run(tc.uniqueID, func(t *testing.T) {
			got, err := DecodeUniqueID(tc.uniqueID)
			if err != nil {
				t.Fatalf("DecodeUniqueID (%s): %v", tc.source, err)
			}
			if got != tc.want {
				t.Errorf("DecodeUniqueID (%s) = %+v, want %+v", tc.source, got, tc.want)
			}
			if enc := got.Encode(); enc != tc.uniqueID {
				t.Errorf("Encode = %s, want %s", enc, tc.uniqueID)
			}
		})
	}
}

func TestUniqueIDVectors(t *testing.T) {
	for _, tc := range toUniqueCases {
		f, err := Decode(tc.fileID)
		if err != nil {
			t.Errorf("Decode(%s) (%s): %v", tc.fileID, tc.source, err)
			continue
		}
		if got := f.UniqueID(); got != tc.uniqueID {
			t.Errorf("UniqueID of %s (%s) = %s, want %s", tc.fileID, tc.source, got, tc.uniqueID)
		}
	}
}

func TestRLEVectors(t *testing.T) {
	for _, tc := range rleEncodeCases {
		if got := hex.EncodeToString(zeroEncode(unhex(tc.in))); got != tc.out {
			t.Errorf("zeroEncode(%s) = %s, want %s (%s)", tc.in, got, tc.out, tc.source)
		}
	}
	for _, tc := range rleDecodeCases {
		if got := hex.EncodeToString(zeroDecode(unhex(tc.in))); got != tc.out {
			t.Errorf("zeroDecode(%s) = %s, want %s (%s)", tc.in, got, tc.out, tc.source)
		}
	}
}

func TestPyrogramVectors(t *testing.T) {
	for _, tc := range pyrogramCases {
		f, err := Decode(tc.id)
		if err != nil {
			t.Errorf("%s: Decode(%s): %v", tc.name, tc.id, err)
			continue
		}
		if f.Type != tc.typ {
			t.Errorf("%s: type %v, want %v", tc.name, f.Type, tc.typ)
		}
		if enc := f.Encode(); enc != tc.id {
			t.Errorf("%s: Encode = %s, want %s", tc.name, enc, tc.id)
		}
	}
	for _, tc := range pyrogramUniqueCases {
		u, err := DecodeUniqueID(tc.id)
		if err != nil {
			t.Errorf("%s: DecodeUniqueID(%s): %v", tc.name, tc.id, err)
			continue
		}
		if u.Type != tc.typ {
			t.Errorf("%s: type %v, want %v", tc.name, u.Type, tc.typ)
		}
		if enc := u.Encode(); enc != tc.id {
			t.Errorf("%s: Encode = %s, want %s", tc.name, enc, tc.id)
		}
	}
	for _, tc := range pyrogramFailCases {
		f, err := Decode(tc.id)
		if !errors.Is(err, tc.err) {
			t.Errorf("%s: Decode = %s, %v; want error %v", tc.name, show(f), err, tc.err)
		}
		var de *DecodeError
		if !errors.As(err, &de) {
			t.Errorf("%s: error %T is not a *DecodeError", tc.name, err)
		}
	}
}
