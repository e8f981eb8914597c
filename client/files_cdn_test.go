package client_test

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/luagram/luagram/client"
	"github.com/luagram/luagram/sandbox"
	"github.com/luagram/luagram/tl/api"
)

// cdnClient starts a sandbox whose every non-empty document is served by
// its CDN DC, and logs a user in.
func cdnClient(t *testing.T, phone string) (*sandbox.Sandbox, *client.Client) {
	t.Helper()
	sb, c := filesClient(t, phone)
	sb.SetCDNPolicy(sandbox.CDNPolicy{Everywhere: true, MinSize: 1})
	return sb, c
}

// cdnDelta runs f and returns what the CDN machinery served meanwhile.
func cdnDelta(sb *sandbox.Sandbox, f func()) sandbox.CDNStats {
	before := sb.CDNStats()
	f()
	after := sb.CDNStats()
	return sandbox.CDNStats{Redirects: after.Redirects - before.Redirects, Parts: after.Parts - before.Parts,
		Reuploads: after.Reuploads - before.Reuploads, HashQueries: after.HashQueries - before.HashQueries}
}

func TestCDNDownloadSizes(t *testing.T) {
	sb, c := cdnClient(t, "9996610401")
	const kb = 1 << 10
	sizes := []int{0, 1, 128*kb - 1, 128 * kb, 128*kb + 1, 512*kb - 1, 512 * kb, 512*kb + 1, 3<<20 + 5}
	dir := t.TempDir()
	for _, n := range sizes {
		data := testData(n, uint64(n)+400)
		msg := sendDocument(t, c, data, "cdn.bin")
		for _, parallel := range []int{1, 4} {
			var percents []float64
			var got int64
			var err error
			path := filepath.Join(dir, "out.bin")
			st := cdnDelta(sb, func() {
				got, err = c.DownloadToFile(longCtx(t, time.Minute), msg, path, &client.DownloadOptions{Parallel: parallel,
					Progress: func(p float64) { percents = append(percents, p) }})
			})
			if err != nil {
				t.Fatalf("%d bytes, %d parallel: %v", n, parallel, err)
			}
			checkProgress(t, percents)
			back, _ := os.ReadFile(path)
			if got != int64(n) || sha256.Sum256(back) != sha256.Sum256(data) {
				t.Fatalf("%d bytes, %d parallel: got %d bytes, hash differs: %v", n, parallel, got, !bytes.Equal(back, data))
			}
			switch {
			case n == 0 && st.Redirects != 0:
				t.Errorf("an empty file was redirected: %+v", st)
			case n > 0 && (st.Redirects == 0 || st.Parts == 0):
				t.Errorf("%d bytes, %d parallel: not downloaded through the CDN: %+v", n, parallel, st)
			case n > 0 && parallel == 1 && st.Reuploads != 1:
				// The CDN DC lacks each file the first time.
				t.Errorf("%d bytes: %d reuploads on the first download", n, st.Reuploads)
			case parallel == 4 && st.Reuploads != 0:
				t.Errorf("%d bytes: reuploaded again: %+v", n, st)
			}
			// Every part is one request: the hashes' 128 KB ranges fit in
			// the 512 KB parts.
			if want := (n + 512*kb - 1) / (512 * kb); n > 128*kb && st.Parts != want {
				t.Errorf("%d bytes, %d parallel: %d CDN requests, want %d", n, parallel, st.Parts, want)
			}
		}
	}
	if c.DCs().CDNConns(201) == 0 {
		t.Error("no connection to the CDN DC")
	}
}

func TestCDNDownloadRanges(t *testing.T) {
	sb, c := cdnClient(t, "9996610402")
	const size = 3<<20 + 777
	const kb, mb = 1 << 10, 1 << 20
	data := testData(size, 402)
	msg := sendDocument(t, c, data, "ranges.bin")
	type rng struct{ lo, hi int64 }
	ranges := []rng{{0, 1}, {0, 4096}, {1, 2}, {100, 5000}, {4095, 4097}, {128*kb - 1, 128*kb + 1}, {128 * kb, 256 * kb},
		{500 * kb, 600 * kb}, {512*kb - 1, 512*kb + 1}, {mb - 1, mb + 1}, {mb - 4096, 2*mb + 4096}, {2 * mb, 0}, {3 * mb, 0},
		{size - 1, 0}, {size - 1000, size}, {10, size - 10}, {0, 0}}
	for _, r := range ranges {
		for _, parallel := range []int{1, 4} {
			var buf bytes.Buffer
			var n int64
			var err error
			st := cdnDelta(sb, func() {
				n, err = c.DownloadToStream(longCtx(t, time.Minute), msg, &buf, &client.DownloadOptions{Offset: r.lo, End: r.hi, Parallel: parallel})
			})
			hi := r.hi
			if hi == 0 {
				hi = size
			}
			if err != nil || n != hi-r.lo || !bytes.Equal(buf.Bytes(), data[r.lo:hi]) {
				t.Fatalf("range [%d, %d), %d parallel: %d bytes, %v", r.lo, r.hi, parallel, n, err)
			}
			if st.Parts == 0 {
				t.Fatalf("range [%d, %d): not through the CDN: %+v", r.lo, r.hi, st)
			}
		}
	}
}

// A file id does not tell the size: the download ends where the file
// hashes end.
func TestCDNDownloadUnknownSize(t *testing.T) {
	sb, c := cdnClient(t, "9996610403")
	for _, size := range []int{1, 128 << 10, 512 << 10, 1<<20 + 5} {
		data := testData(size, uint64(size))
		msg := sendDocument(t, c, data, "u.bin")
		id, err := client.FileIDOf(msg.Media)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		st := cdnDelta(sb, func() { _, err = c.DownloadToStream(ctx(t), id.Encode(), &buf, nil) })
		if err != nil || !bytes.Equal(buf.Bytes(), data) {
			t.Fatalf("%d bytes by file id: got %d, %v", size, buf.Len(), err)
		}
		if st.Parts == 0 {
			t.Fatalf("%d bytes by file id: not through the CDN: %+v", size, st)
		}
	}
}

// The CDN DC drops the file in the middle of a download: it is reuploaded,
// once for all the workers.
func TestCDNReuploadInTheMiddle(t *testing.T) {
	sb, c := cdnClient(t, "9996610404")
	data := testData(4<<20+3, 404)
	msg := sendDocument(t, c, data, "evict.bin")
	var buf bytes.Buffer
	var once sync.Once
	w := writerFunc(func(p []byte) (int, error) {
		once.Do(sb.EvictCDN)
		return buf.Write(p)
	})
	st := cdnDelta(sb, func() {
		if _, err := c.DownloadToStream(longCtx(t, time.Minute), msg, w, &client.DownloadOptions{Parallel: 4}); err != nil || !bytes.Equal(buf.Bytes(), data) {
			t.Fatalf("download: %d bytes, %v", buf.Len(), err)
		}
	})
	if st.Reuploads != 2 {
		t.Fatalf("%d reuploads, want one at the start and one after the eviction", st.Reuploads)
	}
	if st.HashQueries == 0 {
		t.Error("no upload.getCdnFileHashes for a file of 4 MB")
	}
}

// A tampering CDN DC: the download fails with a *CDNHashError, and only
// verified bytes were written.
func TestCDNCorruptedBytes(t *testing.T) {
	sb, c := cdnClient(t, "9996610405")
	const size = 3 << 20
	data := testData(size, 405)
	msg := sendDocument(t, c, data, "bad.bin")
	const kb, mb = 1 << 10, 1 << 20
	cases := []struct {
		name     string
		parallel int
		at       int64 // a byte the CDN DC gets wrong, -1: every answer
	}{
		{"every part", 4, -1},
		{"the first byte", 1, 0},
		{"a byte of the first part", 4, 200 * kb},
		{"a byte in the middle", 1, mb + 5},
		{"a byte in the middle, in parallel", 4, 2*mb + 300*kb},
		{"the last byte", 4, size - 1},
	}
	for _, tc := range cases {
		if tc.at < 0 {
			sb.CDNFaults().CorruptParts(-1)
		} else {
			sb.CDNFaults().CorruptAt(tc.at)
		}
		var buf bytes.Buffer
		_, err := c.DownloadToStream(longCtx(t, time.Minute), msg, &buf, &client.DownloadOptions{Parallel: tc.parallel})
		sb.CDNFaults().CorruptParts(0)
		sb.CDNFaults().CorruptAt(-1)
		var hashErr *client.CDNHashError
		if !errors.As(err, &hashErr) {
			t.Fatalf("%s: got %v, want a *CDNHashError", tc.name, err)
		}
		if hashErr.DC != 201 || hashErr.Offset < 0 || hashErr.Offset >= size || hashErr.Offset%(128*kb) != 0 || hashErr.Limit != 128*kb {
			t.Errorf("%s: %+v", tc.name, hashErr)
		}
		if tc.at >= 0 && (tc.at < hashErr.Offset || tc.at >= hashErr.Offset+int64(hashErr.Limit)) {
			t.Errorf("%s: the error names [%d, +%d)", tc.name, hashErr.Offset, hashErr.Limit)
		}
		// Only verified bytes were written: a prefix of the file that
		// stops before the bad range.
		if !bytes.Equal(buf.Bytes(), data[:buf.Len()]) || int64(buf.Len()) > hashErr.Offset {
			t.Errorf("%s: %d bytes written, the range from %d failed", tc.name, buf.Len(), hashErr.Offset)
		}
		if tc.at >= 0 && tc.at < 512*kb && buf.Len() != 0 {
			t.Errorf("%s: %d bytes written", tc.name, buf.Len())
		}
	}
	// Nothing is left under the file's name; with the CDN honest again
	// the file comes whole.
	sb.CDNFaults().CorruptParts(-1)
	dir := t.TempDir()
	path := filepath.Join(dir, "bad.bin")
	if _, err := c.DownloadToFile(ctx(t), msg, path, nil); !errors.As(err, new(*client.CDNHashError)) {
		t.Fatalf("DownloadToFile: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("left behind: %v", entries)
	}
	sb.CDNFaults().CorruptParts(0)
	if _, err := c.DownloadToFile(ctx(t), msg, path, nil); err != nil {
		t.Fatal(err)
	}
	if back, _ := os.ReadFile(path); !bytes.Equal(back, data) {
		t.Fatal("content differs")
	}
}

// The file token expires in the middle of a download: the rest comes from
// the file's DC with upload.getFile.
func TestCDNTokenExpiredFallsBack(t *testing.T) {
	sb, c := cdnClient(t, "9996610406")
	data := testData(3<<20+1, 406)
	msg := sendDocument(t, c, data, "expire.bin")
	for _, parallel := range []int{1, 4} {
		var buf bytes.Buffer
		var once sync.Once
		w := writerFunc(func(p []byte) (int, error) {
			once.Do(sb.ExpireCDNTokens)
			return buf.Write(p)
		})
		st := cdnDelta(sb, func() {
			if _, err := c.DownloadToStream(longCtx(t, time.Minute), msg, w, &client.DownloadOptions{Parallel: parallel}); err != nil || !bytes.Equal(buf.Bytes(), data) {
				t.Fatalf("%d parallel: %d bytes, %v", parallel, buf.Len(), err)
			}
		})
		if st.Redirects == 0 || st.Parts == 0 || st.Parts >= 7 {
			t.Errorf("%d parallel: %+v: the CDN served all or nothing", parallel, st)
		}
	}
}

// By default, documents of 1 MB and more posted in public channels go
// through the CDN; others do not.
func TestCDNDefaultPolicy(t *testing.T) {
	sb, c := filesClient(t, "9996610407")
	upd, err := client.Call(ctx(t), c, &api.ChannelsCreateChannelRequest{Title: "Popular", Broadcast: true})
	if err != nil {
		t.Fatal(err)
	}
	ch := upd.(*api.Updates).Chats[0].(*api.Channel)
	if _, err := client.Call(ctx(t), c, &api.ChannelsUpdateUsernameRequest{
		Channel: &api.InputChannel{ChannelID: ch.ID, AccessHash: ch.AccessHash.Value}, Username: "popular_cdn"}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		size int
		peer any
		cdn  bool
	}{
		{"2 MB in a public channel", 2<<20 + 1, ch, true},
		{"1 MB - 1 in a public channel", 1<<20 - 1, ch, false},
		{"2 MB in Saved Messages", 2<<20 + 1, "me", false},
	} {
		data := testData(tc.size, uint64(tc.size))
		msg, err := c.SendMedia(ctx(t), tc.peer, data, &client.MediaOptions{FileName: "p.bin"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		st := cdnDelta(sb, func() { _, err = c.DownloadToStream(ctx(t), msg, &buf, nil) })
		if err != nil || !bytes.Equal(buf.Bytes(), data) {
			t.Fatalf("%s: %d bytes, %v", tc.name, buf.Len(), err)
		}
		if got := st.Parts > 0; got != tc.cdn {
			t.Errorf("%s: through the CDN %v, want %v (%+v)", tc.name, got, tc.cdn, st)
		}
	}
}

// A document of DC 2 downloaded by a user of DC 1: DC 2 redirects, and
// the reupload and the hashes are asked of DC 2.
func TestCDNDownloadFromAnotherDC(t *testing.T) {
	sb, _ := cdnClient(t, "9996610408")
	if _, err := sb.CreateUser("9996620409", "Ann", "", "ann_cdn", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := sb.CreateUser("9996610410", "Bob", "", "bob_cdn", ""); err != nil {
		t.Fatal(err)
	}
	ann := newClient(t, sb, "", nil)
	loginUser(t, ann, "9996620409")
	bob := newClient(t, sb, "", nil)
	loginUser(t, bob, "9996610410")
	data := testData(2<<20+9, 408)
	if _, err := ann.SendMedia(ctx(t), "@bob_cdn", data, &client.MediaOptions{FileName: "x.bin"}, nil); err != nil {
		t.Fatal(err)
	}
	peer, err := bob.InputPeer(ctx(t), "@ann_cdn")
	if err != nil {
		t.Fatal(err)
	}
	hist, err := client.Call(ctx(t), bob, &api.MessagesGetHistoryRequest{Peer: peer, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	msg := hist.(*api.MessagesMessages).Messages[0].(*api.Message)
	if dc := msg.Media.(*api.MessageMediaDocument).Document.(*api.Document).DCID; dc != 2 {
		t.Fatalf("document on DC %d", dc)
	}
	var buf bytes.Buffer
	st := cdnDelta(sb, func() {
		if _, err := bob.DownloadToStream(ctx(t), msg, &buf, &client.DownloadOptions{Parallel: 1}); err != nil || !bytes.Equal(buf.Bytes(), data) {
			t.Fatalf("download: %d bytes, %v", buf.Len(), err)
		}
	})
	if st.Reuploads != 1 || st.HashQueries == 0 || st.Parts != 5 {
		t.Fatalf("%+v: the file's DC did not serve the reupload and the hashes", st)
	}
}

// A photo's sizes come through the CDN too (core.telegram.org/cdn:
// "media from public channels"), each byte for byte what its DC serves.
func TestCDNDownloadPhotoSizes(t *testing.T) {
	sb, c := cdnClient(t, "9996610409")
	msg, err := c.SendMedia(longCtx(t, time.Minute), "me", jpegImage(t, 1500, 900), &client.MediaOptions{Kind: client.MediaPhoto}, nil)
	if err != nil {
		t.Fatal(err)
	}
	p := msg.Media.(*api.MessageMediaPhoto).Photo.(*api.Photo)
	for _, s := range p.Sizes {
		ps, ok := s.(*api.PhotoSize)
		if !ok {
			continue
		}
		var viaCDN bytes.Buffer
		st := cdnDelta(sb, func() {
			_, err = c.DownloadToStream(longCtx(t, time.Minute), msg, &viaCDN, &client.DownloadOptions{ThumbSize: ps.Type})
		})
		if err != nil {
			t.Fatalf("size %s: %v", ps.Type, err)
		}
		if st.Redirects == 0 || st.Parts == 0 || st.Reuploads != 1 {
			t.Errorf("size %s: not downloaded through the CDN: %+v", ps.Type, st)
		}
		sb.SetCDNPolicy(sandbox.CDNPolicy{Off: true})
		var direct bytes.Buffer
		st = cdnDelta(sb, func() {
			_, err = c.DownloadToStream(longCtx(t, time.Minute), msg, &direct, &client.DownloadOptions{ThumbSize: ps.Type})
		})
		sb.SetCDNPolicy(sandbox.CDNPolicy{Everywhere: true, MinSize: 1})
		if err != nil || st.Redirects != 0 {
			t.Fatalf("size %s without the CDN: %v, %+v", ps.Type, err, st)
		}
		if viaCDN.Len() != int(ps.Size) || !bytes.Equal(viaCDN.Bytes(), direct.Bytes()) {
			t.Errorf("size %s: %d bytes through the CDN, %d direct, want %d", ps.Type, viaCDN.Len(), direct.Len(), ps.Size)
		}
	}
	// Below MinSize a photo size stays on its DC.
	sb.SetCDNPolicy(sandbox.CDNPolicy{Everywhere: true, MinSize: 1 << 30})
	st := cdnDelta(sb, func() {
		_, err = c.DownloadToStream(longCtx(t, time.Minute), msg, io.Discard, nil)
	})
	if err != nil || st.Redirects != 0 {
		t.Errorf("a photo below MinSize: %v, %+v", err, st)
	}
}
