package sandbox

import (
	"bytes"
	"image"
	"image/draw"
	_ "image/gif" // photos may be uploaded as GIF
	"image/jpeg"
	_ "image/png" // or PNG
	"io"
)

// photoBoxes are the sizes Telegram makes of a photo: each fits in a
// square of the given side.
var photoBoxes = []struct {
	typ  string
	side int
}{{"s", 100}, {"m", 320}, {"x", 800}, {"y", 1280}, {"w", 2560}}

// maxPhotoFile is the largest photo file (10 MB).
const maxPhotoFile = 10 << 20

// newPhoto makes a photo of an uploaded image, as Telegram does: one
// JPEG per standard size smaller than the image, and the largest size the
// image itself, kept byte for byte when it is a JPEG that fits in 2560 px.
func (fs *fileStore) newPhoto(sf *storedFile, dc int, date int32) (*photo, error) {
	decoded, format, err := decodeImage(sf, maxPhotoFile)
	if err != nil {
		return nil, err
	}
	img := toRGBA(decoded)
	w, h := img.Rect.Dx(), img.Rect.Dy()
	// Photos "must have a width + height of at most 10000 pixels and a
	// width/height ratio of at most 20".
	if w+h > 10000 || max(w, h) > 20*min(w, h) {
		return nil, rpcError(400, "PHOTO_INVALID_DIMENSIONS")
	}
	p := &photo{dc: dc, date: date}
	for _, box := range photoBoxes {
		last := box.side >= max(w, h) || box.typ == "w"
		var s *photoSize
		if last && format == "jpeg" && box.side >= max(w, h) {
			s = &photoSize{typ: box.typ, w: int32(w), h: int32(h), file: sf}
		} else {
			scaled := fit(img, box.side)
			var out bytes.Buffer
			if err := jpeg.Encode(&out, scaled, &jpeg.Options{Quality: 87}); err != nil {
				return nil, err
			}
			f, err := fs.storeBytes(out.Bytes())
			if err != nil {
				return nil, err
			}
			sb := scaled.Bounds()
			s = &photoSize{typ: box.typ, w: int32(sb.Dx()), h: int32(sb.Dy()), file: f}
		}
		p.sizes = append(p.sizes, s)
		if last {
			break
		}
	}
	return fs.addPhoto(p), nil
}

// thumbnail makes the thumbnail of a document ("m", at most 320 px) from
// an uploaded image.
func (fs *fileStore) thumbnail(sf *storedFile) (*photoSize, error) {
	img, _, err := decodeImage(sf, 1<<20)
	if err != nil {
		return nil, err
	}
	scaled := fit(toRGBA(img), 320)
	var out bytes.Buffer
	if err := jpeg.Encode(&out, scaled, &jpeg.Options{Quality: 87}); err != nil {
		return nil, err
	}
	f, err := fs.storeBytes(out.Bytes())
	if err != nil {
		return nil, err
	}
	b := scaled.Bounds()
	return &photoSize{typ: "m", w: int32(b.Dx()), h: int32(b.Dy()), file: f}, nil
}

// decodeImage decodes a stored image of at most limit bytes, checking its
// dimensions before it allocates pixels.
func decodeImage(sf *storedFile, limit int64) (image.Image, string, error) {
	if sf.size == 0 || sf.size > limit {
		return nil, "", rpcError(400, "IMAGE_PROCESS_FAILED")
	}
	cfg, _, err := image.DecodeConfig(io.NewSectionReader(sf.f, 0, sf.size))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, "", rpcError(400, "IMAGE_PROCESS_FAILED")
	}
	if cfg.Width+cfg.Height > 10000 {
		return nil, "", rpcError(400, "PHOTO_INVALID_DIMENSIONS")
	}
	img, format, err := image.Decode(io.NewSectionReader(sf.f, 0, sf.size))
	if err != nil {
		return nil, "", rpcError(400, "IMAGE_PROCESS_FAILED")
	}
	return img, format, nil
}

// toRGBA converts an image to RGBA, with its origin at (0, 0).
func toRGBA(img image.Image) *image.RGBA {
	if x, ok := img.(*image.RGBA); ok && x.Rect.Min == (image.Point{}) {
		return x
	}
	b := img.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(dst, dst.Bounds(), img, b.Min, draw.Src)
	return dst
}

// fit scales src down, keeping its proportions, to fit in a square of
// side pixels (a box filter: each output pixel is the mean of the input
// pixels it covers). A smaller image is returned as it is.
func fit(src *image.RGBA, side int) *image.RGBA {
	sw, sh := src.Rect.Dx(), src.Rect.Dy()
	if max(sw, sh) <= side {
		return src
	}
	dw, dh := side, side
	if sw >= sh {
		dh = max(1, sh*side/sw)
	} else {
		dw = max(1, sw*side/sh)
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := 0; y < dh; y++ {
		y0, y1 := y*sh/dh, max((y+1)*sh/dh, y*sh/dh+1)
		for x := 0; x < dw; x++ {
			x0, x1 := x*sw/dw, max((x+1)*sw/dw, x*sw/dw+1)
			var sum [4]int
			for sy := y0; sy < y1; sy++ {
				row := src.Pix[sy*src.Stride+x0*4 : sy*src.Stride+x1*4]
				for i := 0; i < len(row); i += 4 {
					sum[0] += int(row[i])
					sum[1] += int(row[i+1])
					sum[2] += int(row[i+2])
					sum[3] += int(row[i+3])
				}
			}
			n := (y1 - y0) * (x1 - x0)
			o := dst.Pix[y*dst.Stride+x*4:]
			for i := range 4 {
				o[i] = uint8(sum[i] / n)
			}
		}
	}
	return dst
}
