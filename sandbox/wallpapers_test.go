package sandbox_test

import (
	"bytes"
	"image/jpeg"
	"testing"

	"github.com/luagram/luagram/mtproto/dcs"
	"github.com/luagram/luagram/sandbox/sandboxtest"
	"github.com/luagram/luagram/tl/api"
)

// TestWallPapers covers account.getWallPapers: the seeded pictures (a
// JPEG document with a thumbnail, downloadable) and plain colors, and the
// hash rule.
func TestWallPapers(t *testing.T) {
	sb := sandboxtest.Start(t, 1)
	c := login(t, sb, "9996610601")
	ctx := testCtx(t)
	res, err := dcs.Call(ctx, c, &api.AccountGetWallPapersRequest{})
	if err != nil {
		t.Fatal(err)
	}
	all, ok := res.(*api.AccountWallPapers)
	if !ok || all.Hash == 0 {
		t.Fatalf("getWallPapers: %v", res)
	}
	var pictures, colors int
	var ids []int64
	for _, wc := range all.Wallpapers {
		switch wp := wc.(type) {
		case *api.WallPaper:
			pictures++
			ids = append(ids, wp.ID)
			d := wp.Document.(*api.Document)
			if wp.Slug == "" || wp.AccessHash == 0 || d.MimeType != "image/jpeg" || len(d.Thumbs) != 1 || wp.Settings == nil {
				t.Errorf("wallPaper %v", wp)
			}
			f, err := dcs.Call(ctx, c, &api.UploadGetFileRequest{Location: docLocation(d), Limit: 1 << 20})
			if err != nil {
				t.Fatal(err)
			}
			data := f.(*api.UploadFile).Bytes
			img, err := jpeg.Decode(bytes.NewReader(data))
			if err != nil || int64(len(data)) != d.Size {
				t.Fatalf("wallpaper %s: %d bytes of %d: %v", wp.Slug, len(data), d.Size, err)
			}
			if b := img.Bounds(); b.Dx() != 320 || b.Dy() != 200 {
				t.Errorf("wallpaper %s is %v", wp.Slug, b)
			}
		case *api.WallPaperNoFile:
			colors++
			ids = append(ids, wp.ID)
			if wp.Settings == nil || !wp.Settings.BackgroundColor.Set {
				t.Errorf("wallPaperNoFile without a color: %v", wp)
			}
		}
	}
	if pictures != 2 || colors != 2 {
		t.Fatalf("%d pictures and %d colors", pictures, colors)
	}
	// The hash of core.telegram.org/api/offsets over the ids.
	var h uint64
	for _, id := range ids {
		h ^= h >> 21
		h ^= h << 35
		h ^= h >> 4
		h += uint64(id)
	}
	if int64(h) != all.Hash {
		t.Errorf("hash %d, want %d", all.Hash, int64(h))
	}
	if res, err := dcs.Call(ctx, c, &api.AccountGetWallPapersRequest{Hash: all.Hash}); err != nil || res.TypeName() != "account.wallPapersNotModified" {
		t.Errorf("with the hash: %v, %v", res, err)
	}
	if res, err := dcs.Call(ctx, c, &api.AccountGetWallPapersRequest{Hash: all.Hash + 1}); err != nil || res.TypeName() != "account.wallPapers" {
		t.Errorf("with another hash: %v, %v", res, err)
	}
	// The same wallpapers for everyone.
	other := login(t, sb, "9996610602")
	res2, err := dcs.Call(ctx, other, &api.AccountGetWallPapersRequest{})
	if err != nil || res2.(*api.AccountWallPapers).Hash != all.Hash {
		t.Errorf("another account: %v, %v", res2, err)
	}
}
