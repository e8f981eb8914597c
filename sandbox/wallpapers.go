package sandbox

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// Chat backgrounds: account.getWallPapers lists the sandbox's wallpapers,
// seeded on first use: two pictures (wallPaper with a JPEG document and a
// thumbnail) and two plain colors (wallPaperNoFile), with the hash rule of
// core.telegram.org/api/offsets#hash-generation over their ids.

func init() {
	handlers[api.AccountGetWallPapersRequestTypeID] = (*call).accountGetWallPapers
}

// A wallpaper is one of the sandbox's chat backgrounds.
type wallpaper struct {
	id, accessHash int64
	slug           string
	doc            *document // nil: a plain color
	color          int32     // RGB24 background color
	dark, def      bool
}

// The seeded wallpapers: pictures of two colors blended, and plain colors.
var wallpaperSeeds = []struct {
	slug         string
	from, to     int32 // RGB24; to == -1: a plain color
	dark, isDflt bool
}{
	{"sandbox-dawn", 0xf0a060, 0x6080c0, false, true},
	{"sandbox-night", 0x101830, 0x403060, true, false},
	{"", 0xdbddbb, -1, false, false},
	{"", 0x1c2733, -1, true, false},
}

// wallpapers returns the sandbox's wallpapers, seeding them. Call with
// w.mu held.
func (c *call) wallpapers() ([]*wallpaper, error) {
	sw := c.dc.sb.world.security()
	if sw.wallpapers != nil {
		return sw.wallpapers, nil
	}
	fs := c.dc.sb.files
	var out []*wallpaper
	for _, s := range wallpaperSeeds {
		wp := &wallpaper{id: newFileID(), accessHash: randomInt64(), slug: s.slug, color: s.from, dark: s.dark, def: s.isDflt}
		if s.to >= 0 {
			full, err := fs.storeBytes(gradientJPEG(320, 200, s.from, s.to))
			if err != nil {
				return nil, err
			}
			thumb, err := fs.storeBytes(gradientJPEG(80, 50, s.from, s.to))
			if err != nil {
				return nil, err
			}
			wp.doc = fs.addDocument(&document{dc: 1, date: c.now(), mime: "image/jpeg", file: full,
				attrs: []api.DocumentAttributeClass{&api.DocumentAttributeImageSize{W: 320, H: 200},
					&api.DocumentAttributeFilename{FileName: s.slug + ".jpg"}},
				thumbs: []*photoSize{{typ: "m", w: 80, h: 50, file: thumb}}})
			wp.id, wp.accessHash = wp.doc.id, wp.doc.accessHash
		}
		out = append(out, wp)
	}
	sw.wallpapers = out
	return out, nil
}

// gradientJPEG draws a vertical blend of two RGB24 colors.
func gradientJPEG(w, h int, from, to int32) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	ch := func(c int32, shift uint) int { return int(c>>shift) & 0xff }
	for y := range h {
		mix := func(shift uint) uint8 { return uint8(ch(from, shift) + (ch(to, shift)-ch(from, shift))*y/max(h-1, 1)) }
		col := color.RGBA{mix(16), mix(8), mix(0), 0xff}
		for x := range w {
			img.Set(x, y, col)
		}
	}
	var b bytes.Buffer
	jpeg.Encode(&b, img, &jpeg.Options{Quality: 80})
	return b.Bytes()
}

func (wp *wallpaper) object(fs *fileStore) api.WallPaperClass {
	settings := &api.WallPaperSettings{BackgroundColor: tl.Some(wp.color)}
	if wp.doc == nil {
		return &api.WallPaperNoFile{ID: wp.id, Default: wp.def, Dark: wp.dark, Settings: settings}
	}
	return &api.WallPaper{ID: wp.id, AccessHash: wp.accessHash, Default: wp.def, Dark: wp.dark, Slug: wp.slug,
		Document: fs.documentObject(wp.doc), Settings: settings}
}

func (c *call) accountGetWallPapers(q tl.Object) (any, error) {
	r := q.(*api.AccountGetWallPapersRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		wps, err := c.wallpapers()
		if err != nil {
			return nil, rpcError(500, "INTERNAL")
		}
		var h uint64
		for _, wp := range wps {
			h = hashUpdate(h, uint64(wp.id))
		}
		if r.Hash != 0 && r.Hash == int64(h) {
			return &api.AccountWallPapersNotModified{}, nil
		}
		res := &api.AccountWallPapers{Hash: int64(h), Wallpapers: make([]api.WallPaperClass, 0, len(wps))}
		for _, wp := range wps {
			res.Wallpapers = append(res.Wallpapers, wp.object(c.dc.sb.files))
		}
		return res, nil
	})
}
