package client_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/luagram/luagram/client"
	"github.com/luagram/luagram/mtproto/session"
	"github.com/luagram/luagram/tl/api"
)

func TestDownloadRanges(t *testing.T) {
	_, c := filesClient(t, "9996610111")
	const size = 3<<20 + 777
	data := testData(size, 11)
	msg := sendDocument(t, c, data, "ranges.bin")
	const kb, mb = 1 << 10, 1 << 20
	var edges []int64
	for _, e := range []int64{0, 4 * kb, 512 * kb, mb, 2 * mb, 3 * mb, size} {
		for _, d := range []int64{-4097, -4096, -1, 0, 1, 4095, 4096} {
			if v := e + d; v >= 0 && v <= size {
				edges = append(edges, v)
			}
		}
	}
	type rng struct{ lo, hi int64 }
	var ranges []rng
	for _, lo := range edges {
		for _, hi := range []int64{lo + 1, lo + 4096, lo + 512*kb, lo + mb + 1, 0} {
			if hi <= size {
				ranges = append(ranges, rng{lo, hi})
			}
		}
	}
	if testing.Short() {
		ranges = ranges[:len(ranges)/4]
	}
	for _, r := range ranges {
		for _, parallel := range []int{1, 4} {
			var buf bytes.Buffer
			n, err := c.DownloadToStream(longCtx(t, time.Minute), msg, &buf, &client.DownloadOptions{Offset: r.lo, End: r.hi, Parallel: parallel})
			hi := r.hi
			if hi == 0 {
				hi = size
			}
			if err != nil || n != hi-r.lo || !bytes.Equal(buf.Bytes(), data[r.lo:hi]) {
				t.Fatalf("range [%d, %d), %d parallel: %d bytes, %v", r.lo, r.hi, parallel, n, err)
			}
		}
	}
	// A range past the end is empty.
	var buf bytes.Buffer
	if n, err := c.DownloadToStream(ctx(t), msg, &buf, &client.DownloadOptions{Offset: size + 10}); n != 0 || err != nil {
		t.Fatalf("past the end: %d bytes, %v", n, err)
	}
}

// A file id does not tell the size: the download stops at the first short
// part, even when the size is a multiple of the part size.
func TestDownloadUnknownSize(t *testing.T) {
	_, c := filesClient(t, "9996610112")
	for _, size := range []int{1, 512 << 10, 1<<20 + 5} {
		data := testData(size, uint64(size))
		msg := sendDocument(t, c, data, "u.bin")
		id, err := client.FileIDOf(msg.Media)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := c.DownloadToStream(ctx(t), id.Encode(), &buf, nil); err != nil || !bytes.Equal(buf.Bytes(), data) {
			t.Fatalf("%d bytes by file id: got %d, %v", size, buf.Len(), err)
		}
		buf.Reset()
		if _, err := c.DownloadToStream(ctx(t), id.Encode(), &buf, &client.DownloadOptions{Offset: 100, End: int64(size)}); size > 100 && (err != nil || !bytes.Equal(buf.Bytes(), data[100:])) {
			t.Fatalf("%d bytes by file id from 100: got %d, %v", size, buf.Len(), err)
		}
	}
}

// Connections dropped in the middle of transfers: parts are sent and asked
// for again.
func TestTransfersSurviveDroppedConnections(t *testing.T) {
	sb, c := filesClient(t, "9996610113")
	data := testData(4<<20+3, 13)
	sb.DC(1).Faults().Set(session.FaultConfig{DropEvery: 5})
	msg := sendDocument(t, c, data, "drops.bin")
	var buf bytes.Buffer
	if _, err := c.DownloadToStream(longCtx(t, time.Minute), msg, &buf, nil); err != nil || !bytes.Equal(buf.Bytes(), data) {
		t.Fatalf("download: %d bytes, %v", buf.Len(), err)
	}
	drops := sb.DC(1).Faults().Drops()
	sb.DC(1).Faults().Set(session.FaultConfig{})
	if drops < 3 {
		t.Fatalf("only %d connections were dropped", drops)
	}
}

// writerFunc adapts a function to io.Writer.
type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// File references expire in the middle of a download; the message is
// fetched again for new ones.
func TestDownloadRefreshesFileReference(t *testing.T) {
	sb, c := filesClient(t, "9996610114")
	data := testData(3<<20, 14)
	msg := sendDocument(t, c, data, "refs.bin")
	var buf bytes.Buffer
	var once sync.Once
	w := writerFunc(func(p []byte) (int, error) {
		once.Do(sb.ExpireFileReferences)
		return buf.Write(p)
	})
	if _, err := c.DownloadToStream(ctx(t), msg, w, &client.DownloadOptions{Parallel: 1}); err != nil || !bytes.Equal(buf.Bytes(), data) {
		t.Fatalf("download: %d bytes, %v", buf.Len(), err)
	}
	// Without the message, an expired reference cannot be refreshed.
	sb.ExpireFileReferences()
	_, err := c.DownloadToStream(ctx(t), msg.Media, &buf, nil)
	var refErr *client.FileReferenceError
	if !errors.As(err, &refErr) {
		t.Fatalf("download of media with an expired reference: %v", err)
	}
}

// A document sent by a user whose home is DC 2 lives on DC 2: a user of
// DC 1 downloads it there (FILE_MIGRATE_2).
func TestDownloadFromAnotherDC(t *testing.T) {
	sb, bob := filesClient(t, "9996610115")
	if _, err := sb.CreateUser("9996620116", "Ann", "", "ann_files", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := sb.CreateUser("9996610117", "Bob", "", "bob_files", ""); err != nil {
		t.Fatal(err)
	}
	ann := newClient(t, sb, "", nil)
	loginUser(t, ann, "9996620116")
	bob = newClient(t, sb, "", nil)
	loginUser(t, bob, "9996610117")
	data := testData(1<<20+9, 15)
	sent, err := ann.SendMedia(ctx(t), "@bob_files", data, &client.MediaOptions{FileName: "x.bin"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if dc := sent.Media.(*api.MessageMediaDocument).Document.(*api.Document).DCID; dc != 2 {
		t.Fatalf("document on DC %d", dc)
	}
	peer, err := bob.InputPeer(ctx(t), "@ann_files")
	if err != nil {
		t.Fatal(err)
	}
	hist, err := client.Call(ctx(t), bob, &api.MessagesGetHistoryRequest{Peer: peer, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	msg := hist.(*api.MessagesMessages).Messages[0].(*api.Message)
	var buf bytes.Buffer
	if _, err := bob.DownloadToStream(ctx(t), msg, &buf, nil); err != nil || !bytes.Equal(buf.Bytes(), data) {
		t.Fatalf("download: %d bytes, %v", buf.Len(), err)
	}
	if n := bob.DCs().FileConns(2); n == 0 {
		t.Fatal("no file connection to DC 2")
	}
}

// An interrupted download leaves nothing under the file's name.
func TestDownloadToFileIsAtomic(t *testing.T) {
	_, c := filesClient(t, "9996610118")
	data := testData(2<<20, 18)
	msg := sendDocument(t, c, data, "atomic.bin")
	dir := t.TempDir()
	path := filepath.Join(dir, "atomic.bin")
	cctx, cancel := context.WithCancel(ctx(t))
	_, err := c.DownloadToFile(cctx, msg, path, &client.DownloadOptions{Parallel: 1, Progress: func(p float64) {
		if p > 20 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted download: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("left behind: %v", entries)
	}
	got, err := c.DownloadToDir(ctx(t), msg, dir, nil)
	if err != nil || got != path {
		t.Fatalf("DownloadToDir: %q, %v", got, err)
	}
	if back, _ := os.ReadFile(path); !bytes.Equal(back, data) {
		t.Fatal("content differs")
	}
}

// In a channel the message is fetched again with channels.getMessages.
func TestDownloadRefreshesFileReferenceInChannel(t *testing.T) {
	sb, c := filesClient(t, "9996610119")
	upd, err := client.Call(ctx(t), c, &api.ChannelsCreateChannelRequest{Title: "Files", About: "", Broadcast: true})
	if err != nil {
		t.Fatal(err)
	}
	channel := upd.(*api.Updates).Chats[0]
	data := testData(2<<20+1, 19)
	msg, err := c.SendMedia(ctx(t), channel, data, &client.MediaOptions{FileName: "c.bin"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	var once sync.Once
	w := writerFunc(func(p []byte) (int, error) {
		once.Do(sb.ExpireFileReferences)
		return buf.Write(p)
	})
	if _, err := c.DownloadToStream(ctx(t), msg, w, &client.DownloadOptions{Parallel: 1}); err != nil || !bytes.Equal(buf.Bytes(), data) {
		t.Fatalf("download: %d bytes, %v", buf.Len(), err)
	}
}
