package interop

import (
	"bytes"
	"crypto/rand"
	"io"
	"net"
	"testing"

	"github.com/gotd/td/bin"
	gotdtransport "github.com/gotd/td/transport"

	"github.com/luagram/luagram/mtproto/transport"
)

// gotd v0.93.0 reads padded intermediate as if the padding were 0..3 bytes:
// readIntermediate (internal/proto/codec/intermediate.go:109-112) and
// readPaddedIntermediate (internal/proto/codec/padded_intermediate.go:98-106)
// cut only len%4 bytes off a frame. The transport spec pads with 0..15
// random bytes, and so does luagram; with 4 or more, gotd keeps the rest of
// the padding in the payload, whose encrypted part is then no longer whole
// AES blocks, and its cipher refuses it ("invalid encrypted data padding",
// internal/crypto/cipher_decrypt.go:70-72), which ends the connection.
// gotd's own writer only ever adds 0..3 bytes (padded_intermediate.go:92),
// so gotd against gotd never sees it.
//
// The interop tests therefore (a) give gotd's client, on plain padded
// connections to the sandbox, a codec that reads frames with gotd's own
// padded codec and then cuts the payload to its MTProto length
// (gotdTrimmedPadded), and (b) make the test MTProxy pad at most 3 bytes
// towards gotd (gotdPaddingRand), where gotd's MTProxy resolver leaves no
// way to change its codec. TestGotdPaddedReadKeepsPadding pins the gotd
// behaviour: when it fails after a gotd upgrade, both can go.

// gotdTrimmedPadded is gotd's padded intermediate framing with a reader
// that drops all of the sender's padding.
var gotdTrimmedPadded = gotdtransport.NewProtocol(func() gotdtransport.Codec {
	return trimmedPadded{gotdtransport.PaddedIntermediate.Codec()}
})

type trimmedPadded struct{ gotdtransport.Codec }

func (c trimmedPadded) Read(r io.Reader, b *bin.Buffer) error {
	if err := c.Codec.Read(r, b); err != nil {
		return err
	}
	b.Buf = mtprotoPayload(b.Buf)
	return nil
}

// gotdPaddingRand is a randomness source for luagram's padded codec under
// which it pads 0..3 bytes, as gotd's writer does: the codec draws the
// padding length as the first byte of each draw mod 16.
type gotdPaddingRand struct{}

func (gotdPaddingRand) Read(p []byte) (int, error) {
	n, err := rand.Read(p)
	for i := range p[:n] {
		p[i] &^= 0x0c
	}
	return n, err
}

// TestGotdPaddedReadKeepsPadding shows the gotd bug described above: a
// frame luagram pads by 15 bytes, as the spec allows, comes out of gotd's
// padded codec with 12 bytes of padding still attached.
func TestGotdPaddedReadKeepsPadding(t *testing.T) {
	payload := bytes.Repeat([]byte{0x5a}, 24+32) // an encrypted message's shape
	a, b := net.Pipe()
	defer a.Close()
	defer b.Close()
	go func() {
		w, err := transport.NewServerCodec(transport.PaddedIntermediate, a, transport.Options{Rand: maxPadding{}})
		if err == nil {
			w.WriteFrame(payload)
		}
	}()
	var buf bin.Buffer
	if err := gotdtransport.PaddedIntermediate.Codec().Read(b, &buf); err != nil {
		t.Fatal(err)
	}
	if got, want := len(buf.Buf), len(payload)+12; got != want {
		t.Fatalf("gotd's padded codec returned %d bytes for a %d-byte payload with 15 bytes of padding; "+
			"gotd v0.93.0 returns %d. If gotd now drops the whole padding, remove gotdTrimmedPadded and gotdPaddingRand",
			got, len(payload), want)
	}
	if got := mtprotoPayload(buf.Buf); !bytes.Equal(got, payload) {
		t.Fatalf("trimmed payload differs: %x", got)
	}
}

// maxPadding makes luagram's padded codec pad by 15 bytes.
type maxPadding struct{}

func (maxPadding) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 0xff
	}
	return len(p), nil
}
