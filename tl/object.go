package tl

// Constructor ids the codec itself knows.
const (
	VectorID     uint32 = 0x1cb5c415
	BoolTrueID   uint32 = 0x997275b5
	BoolFalseID  uint32 = 0xbc799737
	GzipPackedID uint32 = 0x3072cfa1
)

// Int128 and Int256 hold the wire bytes of int128/int256 (nonces).
type (
	Int128 [16]byte
	Int256 [32]byte
)

// An Object is a TL constructor value. Generated types implement it with a
// pointer receiver.
type Object interface {
	// TypeID returns the constructor id.
	TypeID() uint32
	// TypeName returns the TL name, e.g. "messages.sendMessage".
	TypeName() string
	// EncodeBare writes the fields, without the constructor id.
	EncodeBare(b *Buffer)
	// DecodeBare reads the fields (the id was read already). Errors are
	// recorded in d.
	DecodeBare(d *Decoder)
	// String renders the value as JSON (see Format).
	String() string
}

// A Method is an RPC request whose result decodes to R.
type Method[R any] interface {
	Object
	// DecodeResult decodes the (boxed) result of the request.
	DecodeResult(d *Decoder) R
}

// An Opt is an optional value of a conditional field ("flags.N?int"): Set
// says whether the field is present. Optional objects use nil instead, and
// optional vectors nil versus non-nil.
type Opt[T any] struct {
	Value T
	Set   bool
}

// Some returns a present optional value.
func Some[T any](v T) Opt[T] { return Opt[T]{Value: v, Set: true} }

// Get returns the value and whether it is present.
func (o Opt[T]) Get() (T, bool) { return o.Value, o.Set }

// Encode returns the boxed encoding of o.
func Encode(o Object) ([]byte, error) {
	var b Buffer
	b.Object(o, o.TypeName())
	return b.Buf, b.err
}

// DecodeBoxed decodes data, which must hold exactly one boxed o, into o.
func DecodeBoxed(data []byte, o Object) error {
	d := NewDecoder(data)
	if id := d.ID(); id != o.TypeID() {
		d.BadID(id, o.TypeName())
		return d.err
	}
	if d.Enter() {
		o.DecodeBare(d)
		d.Leave()
	}
	return d.End()
}

// Raw is an already-encoded boxed object. It lets a wrapper such as
// invokeWithLayer carry a query that is only available as bytes; it can be
// encoded but not decoded.
type Raw []byte

// TypeID returns the constructor id in the first four bytes.
func (r Raw) TypeID() uint32 {
	if len(r) < 4 {
		return 0
	}
	return uint32(r[0]) | uint32(r[1])<<8 | uint32(r[2])<<16 | uint32(r[3])<<24
}

// TypeName names the raw object.
func (r Raw) TypeName() string { return "raw" }

// EncodeBare writes the bytes after the constructor id.
func (r Raw) EncodeBare(b *Buffer) {
	if len(r) >= 4 {
		b.Raw(r[4:])
	}
}

// DecodeBare fails: a raw object has no known length.
func (r Raw) DecodeBare(d *Decoder) { d.Fail(ErrUnexpectedID, "raw objects cannot be decoded") }

// String returns the bytes in hex.
func (r Raw) String() string { return `{"_":"raw","hex":"` + hexString(r) + `"}` }

func hexString(p []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 2*len(p))
	for i, c := range p {
		out[2*i], out[2*i+1] = digits[c>>4], digits[c&15]
	}
	return string(out)
}
