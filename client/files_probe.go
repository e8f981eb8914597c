package client

import (
	"bytes"
	"encoding/binary"
	"image"
	_ "image/gif" // dimensions of GIF images
	_ "image/jpeg"
	_ "image/png"
	"io"
	"mime"
	"net/http"
	"path/filepath"
	"strings"
)

// mediaInfo is what can be learnt of a file from its bytes.
type mediaInfo struct {
	mime     string
	width    int
	height   int
	duration float64 // seconds
}

// detectMIME returns the MIME type of a file: what its first bytes say
// (net/http's content sniffing), else what its extension says, else
// application/octet-stream.
func detectMIME(head []byte, name string) string {
	sniffed := http.DetectContentType(head)
	if i := strings.IndexByte(sniffed, ';'); i >= 0 {
		sniffed = sniffed[:i]
	}
	switch sniffed {
	case "application/ogg":
		sniffed = "audio/ogg"
	case "audio/wave":
		sniffed = "audio/x-wav"
	}
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".tgs" {
		return "application/x-tgsticker"
	}
	if sniffed != "application/octet-stream" && sniffed != "text/plain" {
		return sniffed
	}
	if byExt := mime.TypeByExtension(ext); byExt != "" {
		if i := strings.IndexByte(byExt, ';'); i >= 0 {
			byExt = byExt[:i]
		}
		return byExt
	}
	return sniffed
}

// probe reads what it can of a file's dimensions and duration: image
// sizes (JPEG, PNG, GIF, WebP), MP4/QuickTime movie headers, Ogg (Opus,
// Vorbis) and WAV durations. r holds size bytes (for streams only the
// first part may be known; the probes then do what they can).
func probe(r io.ReaderAt, size int64, mimeType string) mediaInfo {
	info := mediaInfo{mime: mimeType}
	switch {
	case mimeType == "image/webp":
		info.width, info.height = webpSize(r)
	case strings.HasPrefix(mimeType, "image/"):
		if cfg, _, err := image.DecodeConfig(io.NewSectionReader(r, 0, size)); err == nil {
			info.width, info.height = cfg.Width, cfg.Height
		}
	case mimeType == "video/mp4" || mimeType == "video/quicktime" || mimeType == "audio/mp4":
		info.duration, info.width, info.height = mp4Info(r, size)
	case mimeType == "audio/ogg" || mimeType == "video/ogg":
		info.duration = oggDuration(r, size)
	case mimeType == "audio/x-wav" || mimeType == "audio/wav":
		info.duration = wavDuration(r, size)
	}
	return info
}

// webpSize reads the canvas size of a WebP image (RIFF "WEBP" with a
// VP8, VP8L or VP8X chunk first).
func webpSize(r io.ReaderAt) (int, int) {
	var b [30]byte
	if n, _ := r.ReadAt(b[:], 0); n < 30 || string(b[0:4]) != "RIFF" || string(b[8:12]) != "WEBP" {
		return 0, 0
	}
	switch string(b[12:16]) {
	case "VP8X":
		w := int(b[24]) | int(b[25])<<8 | int(b[26])<<16
		h := int(b[27]) | int(b[28])<<8 | int(b[29])<<16
		return w + 1, h + 1
	case "VP8 ":
		if b[23] == 0x9d && b[24] == 0x01 && b[25] == 0x2a {
			return int(binary.LittleEndian.Uint16(b[26:]) & 0x3fff), int(binary.LittleEndian.Uint16(b[28:]) & 0x3fff)
		}
	case "VP8L":
		if b[20] == 0x2f {
			v := binary.LittleEndian.Uint32(b[21:])
			return int(v&0x3fff) + 1, int(v>>14&0x3fff) + 1
		}
	}
	return 0, 0
}

// mp4Info reads the duration (mvhd) and the video track's size (tkhd) of
// an ISO base media file.
func mp4Info(r io.ReaderAt, size int64) (dur float64, w, h int) {
	var walk func(start, end int64, depth int)
	walk = func(start, end int64, depth int) {
		var hdr [16]byte
		for off := start; off+8 <= end && depth < 6; {
			if n, _ := r.ReadAt(hdr[:8], off); n < 8 {
				return
			}
			boxSize := int64(binary.BigEndian.Uint32(hdr[0:]))
			typ := string(hdr[4:8])
			body := off + 8
			switch boxSize {
			case 0:
				boxSize = end - off
			case 1:
				if n, _ := r.ReadAt(hdr[8:16], off+8); n < 8 {
					return
				}
				boxSize = int64(binary.BigEndian.Uint64(hdr[8:]))
				body = off + 16
			}
			if boxSize < body-off || off+boxSize > end {
				return
			}
			switch typ {
			case "moov", "trak":
				walk(body, off+boxSize, depth+1)
			case "mvhd":
				var b [32]byte
				if n, _ := r.ReadAt(b[:], body); n >= 20 {
					if b[0] == 1 && n >= 32 {
						scale := binary.BigEndian.Uint32(b[20:])
						if d := binary.BigEndian.Uint64(b[24:]); scale > 0 {
							dur = float64(d) / float64(scale)
						}
					} else if scale := binary.BigEndian.Uint32(b[12:]); scale > 0 {
						dur = float64(binary.BigEndian.Uint32(b[16:])) / float64(scale)
					}
				}
			case "tkhd":
				var b [96]byte
				if n, _ := r.ReadAt(b[:], body); n >= 84 {
					p := 76 // width and height, 16.16 fixed point, at the end
					if b[0] == 1 {
						p = 88
					}
					if p+8 <= n {
						tw := int(binary.BigEndian.Uint32(b[p:]) >> 16)
						th := int(binary.BigEndian.Uint32(b[p+4:]) >> 16)
						if tw > 0 && th > 0 && w == 0 {
							w, h = tw, th
						}
					}
				}
			}
			off += boxSize
		}
	}
	walk(0, size, 0)
	return dur, w, h
}

// oggDuration reads the duration of an Ogg stream: the granule position
// of its last page over the sample rate of its first (48 kHz for Opus,
// the header's rate for Vorbis).
func oggDuration(r io.ReaderAt, size int64) float64 {
	var first [64]byte
	n, _ := r.ReadAt(first[:], 0)
	if n < 27 || string(first[:4]) != "OggS" || 27+int(first[26]) >= n {
		return 0
	}
	payload := first[27+int(first[26]) : n]
	rate := 0.0
	switch {
	case bytes.HasPrefix(payload, []byte("OpusHead")):
		rate = 48000
	case bytes.HasPrefix(payload, []byte("\x01vorbis")) && len(payload) >= 16:
		rate = float64(binary.LittleEndian.Uint32(payload[12:]))
	}
	if rate == 0 {
		return 0
	}
	tail := int64(64 << 10)
	if tail > size {
		tail = size
	}
	buf := make([]byte, tail)
	k, _ := r.ReadAt(buf, size-tail)
	buf = buf[:k]
	i := bytes.LastIndex(buf, []byte("OggS"))
	if i < 0 || i+14 > len(buf) {
		return 0
	}
	granule := binary.LittleEndian.Uint64(buf[i+6:])
	if granule == ^uint64(0) {
		return 0
	}
	if rate == 48000 && bytes.HasPrefix(payload, []byte("OpusHead")) && len(payload) >= 12 {
		preSkip := binary.LittleEndian.Uint16(payload[10:])
		if granule > uint64(preSkip) {
			granule -= uint64(preSkip)
		}
	}
	return float64(granule) / rate
}

// wavDuration reads the duration of a RIFF WAVE file from its fmt and
// data chunks.
func wavDuration(r io.ReaderAt, size int64) float64 {
	var hdr [12]byte
	if n, _ := r.ReadAt(hdr[:], 0); n < 12 || string(hdr[0:4]) != "RIFF" || string(hdr[8:12]) != "WAVE" {
		return 0
	}
	var byteRate uint32
	for off := int64(12); off+8 <= size; {
		var ch [8]byte
		if n, _ := r.ReadAt(ch[:], off); n < 8 {
			return 0
		}
		n := int64(binary.LittleEndian.Uint32(ch[4:]))
		switch string(ch[:4]) {
		case "fmt ":
			var f [16]byte
			if k, _ := r.ReadAt(f[:], off+8); k < 16 {
				return 0
			}
			byteRate = binary.LittleEndian.Uint32(f[8:])
		case "data":
			if byteRate == 0 {
				return 0
			}
			return float64(n) / float64(byteRate)
		}
		off += 8 + n + n&1
	}
	return 0
}
