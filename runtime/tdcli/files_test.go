package tdcli

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// testFiles writes small media files for the tests to send: a PNG photo,
// a text document, and files named for voice, audio, video, animation and
// sticker. It returns their paths by kind.
func testFiles(t testing.TB) map[string]string {
	t.Helper()
	dir := t.TempDir()
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for y := 0; y < 48; y++ {
		for x := 0; x < 64; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 4), uint8(y * 5), 128, 255})
		}
	}
	var pngData bytes.Buffer
	if err := png.Encode(&pngData, img); err != nil {
		t.Fatal(err)
	}
	var gifData bytes.Buffer
	pal := image.NewPaletted(image.Rect(0, 0, 8, 8), []color.Color{color.Black, color.White})
	if err := gif.EncodeAll(&gifData, &gif.GIF{Image: []*image.Paletted{pal, pal}, Delay: []int{10, 10}}); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"png":  pngData.Bytes(),
		"doc":  []byte("some notes\n"),
		"ogg":  append([]byte("OggS"), bytes.Repeat([]byte{1}, 200)...),
		"mp3":  append([]byte("ID3"), bytes.Repeat([]byte{2}, 300)...),
		"mp4":  append([]byte{0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'}, bytes.Repeat([]byte{3}, 300)...),
		"gif":  gifData.Bytes(),
		"webp": append([]byte("RIFF\x24\x00\x00\x00WEBPVP8 "), bytes.Repeat([]byte{4}, 40)...),
	}
	names := map[string]string{"png": "photo.png", "doc": "notes.txt", "ogg": "voice.ogg", "mp3": "song.mp3",
		"mp4": "clip.mp4", "gif": "anim.gif", "webp": "sticker.webp"}
	out := map[string]string{}
	for kind, data := range files {
		p := filepath.Join(dir, names[kind])
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		out[kind] = p
	}
	return out
}
