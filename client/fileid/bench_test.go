package fileid

import "testing"

// A photo size with a file reference (gotd/td@d0d567ee fileid/decode_test.go,
// Photo).
const benchID = "AgACAgIAAxkBAAM9YZqXG-B0WHEv7lFlQxOQDs6jrGQAAoa7MRvdfNlIhJa73cDxR0kBAAMCAAN4AAMiBA"

func BenchmarkDecode(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(benchID)))
	for b.Loop() {
		if _, err := Decode(benchID); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncode(b *testing.B) {
	f, err := Decode(benchID)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(benchID)))
	for b.Loop() {
		f.Encode()
	}
}

func BenchmarkUniqueID(b *testing.B) {
	f, err := Decode(benchID)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		f.UniqueID()
	}
}
