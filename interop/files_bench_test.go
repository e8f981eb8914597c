package interop

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"fmt"
	"io"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gotd/ige"
	"github.com/gotd/td/bin"
	"github.com/gotd/td/telegram"
	"github.com/gotd/td/telegram/downloader"
	"github.com/gotd/td/telegram/uploader"
	"github.com/gotd/td/tg"

	"github.com/luagram/luagram/client"
	"github.com/luagram/luagram/internal/benchutil"
	"github.com/luagram/luagram/mtproto/crypto"
	"github.com/luagram/luagram/sandbox/sandboxtest"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// BenchmarkFileTransfer uploads and downloads a file of 300 MB (or
// LUAGRAM_BENCH_FILE_MB) through one sandbox on loopback with luagram's
// client and with gotd's uploader and downloader (telegram/uploader,
// telegram/downloader) in the same run, alternating the two so that both
// see the same machine load:
//
//	upload/luagram/conns=N    client.Upload, UploadOptions{Parallel: N}
//	upload/gotd/conns=N       uploader.WithThreads(N) over gotd's Pool(N)
//	download/luagram/conns=N  client.DownloadToStream, DownloadOptions{Parallel: N}
//	download/gotd/conns=N     downloader.WithThreads(N).Parallel over Pool(N)
//
// for N = 1 and N = luagram's default (files.upload_parallel_chunks and
// files.download_parallel_chunks, 4). Downloads write to a discarding
// writer; both download the same document, which luagram uploaded first.
// Uploads read the same kind of generated stream, never held in memory.
// MB/s is the throughput; ige-MB/s and gotd-ige-MB/s are AES-256-IGE over
// 512 KB parts as luagram's messages do it (mtproto/crypto's
// NewAESIGEEncrypter, which the sandbox uses for both clients) and as
// gotd's do (github.com/gotd/ige over crypto/aes), measured just before
// each transfer, and %-of-ige relates MB/s to the former;
// peak-heap-MB, peak-live-MB and cpu-ms/MB are of the whole process, so
// they include the sandbox, whose work per byte is the same for both.
//
// The conditions, made equal where the clients allow it:
//
//   - Both are logged in as the same sandbox user (two authorizations, as
//     two devices of one account), on DC 1 over intermediate, with a
//     permanent key: luagram's PFS is off, as in BenchmarkRPC, because
//     gotd has none.
//   - Both move 512 KB parts (gotd's uploader defaults to 128 KB; it is
//     set to 512 KB, so the sandbox joins the parts of both the same way).
//   - Connections: luagram's Parallel N is N file connections; gotd's is
//     a Pool(N) of N data connections, each carrying one request at a
//     time, with N threads. The pools are made and connected before the
//     timing, as luagram's file connections are by the first upload.
//   - In flight: with N = 1 luagram keeps two parts in flight on its one
//     connection (client.inFlight), gotd one; with N = 4 both keep four.
//     This is each library's design, not a setting of the benchmark.
//   - gotd's own default is one thread (WithThreads(1)): what conns=1
//     measures, on a pool of one data connection rather than on gotd's
//     main connection (idle here, so the same).
//   - The timed upload is the parts only (upload.saveBigFilePart); after
//     the timing luagram sends the last upload of each as a document
//     (messages.sendMedia), which checks that every part arrived.
//
// gotd v0.93.0 speaks layer 170 and the sandbox answers at luagram's layer
// (228) whatever invokeWithLayer said. The file methods and types are the
// same in both layers (upload.saveBigFilePart, upload.getFile,
// inputDocumentFileLocation, upload.file), so gotd's transfers are gotd's
// own code end to end. Two things are not: gotd's auth.signIn sends
// fine, but it cannot decode the answer (auth.authorization carries
// user#b1b8cc83 of layer 228; gotd knows user#215c4438 of 170), and its
// messages.sendMedia#72ccc23d is layer 170's, which the sandbox does not
// know (INPUT_METHOD_INVALID). So gotd's sign-in is encoded and decoded by
// luagram's codec and carried by gotd's connection (gotdCall), and gotd's
// uploads are sent as messages by luagram.
//
// Run it with
//
//	go test -run '^$' -bench FileTransfer -benchtime 1x
func BenchmarkFileTransfer(b *testing.B) {
	size := benchFileSize()
	sb := sandboxtest.Start(b, 1)
	const phone, code = "9996610151", "11111"
	if _, err := sb.CreateUser(phone, "Bench", "", "", ""); err != nil {
		b.Fatal(err)
	}
	ctx := b.Context()

	set := sandboxtest.Settings(sb)
	set.ConnectionSettings.PFS = false
	lc, err := client.New(client.Config{Settings: set})
	if err != nil {
		b.Fatal(err)
	}
	defer lc.Close()
	if _, err := lc.PhoneLogin(ctx, phone); err != nil {
		b.Fatal(err)
	}
	if _, err := lc.CompletePhoneLogin(ctx, code); err != nil {
		b.Fatal(err)
	}

	gc := startGotdBackground(ctx, b, sb)
	gotdSignIn(ctx, b, gc, phone, code)

	// The document both download; this upload also opens luagram's file
	// connections.
	msg, err := lc.SendMedia(ctx, "me", benchutil.RepeatData(size, 1), &client.MediaOptions{Kind: client.MediaDocument,
		FileName: "bench.bin", Upload: client.UploadOptions{Size: size}}, nil)
	if err != nil {
		b.Fatal(err)
	}
	loc, err := lc.FileLocationOf(msg, "")
	if err != nil {
		b.Fatal(err)
	}
	doc, ok := loc.Location.(*api.InputDocumentFileLocation)
	if !ok {
		b.Fatalf("location %T", loc.Location)
	}
	gotdLoc := &tg.InputDocumentFileLocation{ID: doc.ID, AccessHash: doc.AccessHash, FileReference: doc.FileReference}

	files := set.Files
	pools := map[int]telegram.CloseInvoker{}
	for _, conns := range []int{1, files.UploadParallelChunks, files.DownloadParallelChunks} {
		if pools[conns] != nil {
			continue
		}
		p, err := gc.Pool(int64(conns))
		if err != nil {
			b.Fatal(err)
		}
		defer p.Close()
		warmPool(ctx, b, p, conns)
		pools[conns] = p
	}

	seed := uint64(1)
	for _, conns := range []int{1, files.UploadParallelChunks} {
		name := "conns=" + strconv.Itoa(conns)
		b.Run("upload/luagram/"+name, func(b *testing.B) {
			var in api.InputFileClass
			measure(b, size, func() {
				seed++
				var err error
				in, err = lc.Upload(ctx, benchutil.RepeatData(size, seed), &client.UploadOptions{Name: "bench.bin", Parallel: conns, Size: size})
				if err != nil {
					b.Fatal(err)
				}
			})
			checkUpload(ctx, b, lc, in, size)
		})
		b.Run("upload/gotd/"+name, func(b *testing.B) {
			up := uploader.NewUploader(tg.NewClient(pools[conns])).WithPartSize(client.PartSize).WithThreads(conns)
			var in tg.InputFileClass
			measure(b, size, func() {
				seed++
				var err error
				in, err = up.Upload(ctx, uploader.NewUpload("bench.bin", benchutil.RepeatData(size, seed), size))
				if err != nil {
					b.Fatal(err)
				}
			})
			switch f := in.(type) {
			case *tg.InputFileBig:
				checkUpload(ctx, b, lc, &api.InputFileBig{ID: f.ID, Parts: int32(f.Parts), Name: f.Name}, size)
			case *tg.InputFile: // below 10 MB (LUAGRAM_BENCH_FILE_MB)
				checkUpload(ctx, b, lc, &api.InputFile{ID: f.ID, Parts: int32(f.Parts), Name: f.Name, MD5Checksum: f.MD5Checksum}, size)
			default:
				b.Fatalf("gotd uploaded %T", in)
			}
		})
	}
	for _, conns := range []int{1, files.DownloadParallelChunks} {
		name := "conns=" + strconv.Itoa(conns)
		b.Run("download/luagram/"+name, func(b *testing.B) {
			measure(b, size, func() {
				var w countingWriter
				if _, err := lc.DownloadToStream(ctx, msg, &w, &client.DownloadOptions{Parallel: conns}); err != nil {
					b.Fatal(err)
				}
				if w.n.Load() != size {
					b.Fatalf("downloaded %d bytes, want %d", w.n.Load(), size)
				}
			})
		})
		b.Run("download/gotd/"+name, func(b *testing.B) {
			d := downloader.NewDownloader().WithPartSize(client.PartSize)
			rpc := tg.NewClient(pools[conns])
			measure(b, size, func() {
				var w countingWriter
				if _, err := d.Download(rpc, gotdLoc).WithThreads(conns).Parallel(ctx, &w); err != nil {
					b.Fatal(err)
				}
				if w.n.Load() != size {
					b.Fatalf("downloaded %d bytes, want %d", w.n.Load(), size)
				}
			})
		})
	}
}

// gotdSignIn logs gotd's client in with a login code. auth.sendCode is
// gotd's own (its layer-170 form is layer 228's); auth.signIn goes through
// gotdCall, since gotd cannot decode the layer-228 user in the answer.
func gotdSignIn(ctx context.Context, b *testing.B, gc *telegram.Client, phone, code string) {
	b.Helper()
	sent, err := gc.API().AuthSendCode(ctx, &tg.AuthSendCodeRequest{PhoneNumber: phone, APIID: 1,
		APIHash: "luagram-interop", Settings: tg.CodeSettings{}})
	if err != nil {
		b.Fatalf("gotd auth.sendCode: %v", err)
	}
	sc, ok := sent.(*tg.AuthSentCode)
	if !ok {
		b.Fatalf("gotd auth.sendCode: %T", sent)
	}
	res, err := gotdCall(ctx, gc, &api.AuthSignInRequest{PhoneNumber: phone, PhoneCodeHash: sc.PhoneCodeHash,
		PhoneCode: tl.Some(code)})
	if err != nil {
		b.Fatalf("auth.signIn through gotd: %v", err)
	}
	if _, ok := res.(*api.AuthAuthorization); !ok {
		b.Fatalf("auth.signIn through gotd: %s", res.TypeName())
	}
}

// gotdCall sends m, encoded by luagram's codec (layer 228), over gotd's
// connection, and decodes the answer with luagram's codec.
func gotdCall[R any](ctx context.Context, inv tg.Invoker, m tl.Method[R]) (R, error) {
	var zero R
	var buf tl.Buffer
	buf.Object(m, m.TypeName())
	if err := buf.Err(); err != nil {
		return zero, err
	}
	var ans rawAnswer
	if err := inv.Invoke(ctx, rawQuery(buf.Buf), &ans); err != nil {
		return zero, err
	}
	d := tl.NewDecoder(ans)
	r := m.DecodeResult(d)
	if err := d.End(); err != nil {
		return zero, fmt.Errorf("decoding the answer to %s: %w", m.TypeName(), err)
	}
	return r, nil
}

// rawQuery is a query already encoded.
type rawQuery []byte

func (q rawQuery) Encode(b *bin.Buffer) error { b.Put(q); return nil }

// rawAnswer keeps an answer undecoded.
type rawAnswer []byte

func (a *rawAnswer) Decode(b *bin.Buffer) error {
	*a = append((*a)[:0], b.Buf...)
	b.Skip(len(b.Buf))
	return nil
}

// warmPool makes conns calls at once through p, so that a pool of conns
// connections opens them all before anything is timed.
func warmPool(ctx context.Context, b *testing.B, p tg.Invoker, conns int) {
	b.Helper()
	rpc := tg.NewClient(p)
	var wg sync.WaitGroup
	errs := make(chan error, conns)
	for range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := rpc.HelpGetNearestDC(ctx); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		b.Fatalf("gotd pool: %v", err)
	}
}

// checkUpload sends an uploaded file to Saved Messages as a document
// (which fails unless every part arrived) and checks its size.
func checkUpload(ctx context.Context, b *testing.B, c *client.Client, in api.InputFileClass, size int64) {
	b.Helper()
	msg, err := c.SendMedia(ctx, "me", in, &client.MediaOptions{Kind: client.MediaDocument, FileName: "bench.bin"}, nil)
	if err != nil {
		b.Fatalf("sending the upload: %v", err)
	}
	media, _ := msg.Media.(*api.MessageMediaDocument)
	if media == nil {
		b.Fatalf("sent %T", msg.Media)
	}
	if d, _ := media.Document.(*api.Document); d == nil || d.Size != size {
		b.Fatalf("sent document %v, want %d bytes", media.Document, size)
	}
}

// countingWriter discards what it is given, in order (io.Writer) or at
// an offset (io.WriterAt, which gotd's parallel download writes to), and
// counts it.
type countingWriter struct{ n atomic.Int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n.Add(int64(len(p))); return len(p), nil }

func (w *countingWriter) WriteAt(p []byte, _ int64) (int, error) { return w.Write(p) }

var _ io.WriterAt = (*countingWriter)(nil)

// The helpers below are those of client/files_bench_test.go and
// client/files_test.go (a test cannot import another package's tests).

// benchFileSize is the size of the file the benchmark moves: 300 MB, or
// LUAGRAM_BENCH_FILE_MB.
func benchFileSize() int64 {
	if v, err := strconv.Atoi(os.Getenv("LUAGRAM_BENCH_FILE_MB")); err == nil && v > 0 {
		return int64(v) << 20
	}
	return 300 << 20
}

// igeThroughput measures AES-256-IGE encryption of 512 KB parts with the
// mode m for about d, in MB/s: the bound of one transfer stream, measured
// next to it.
func igeThroughput(d time.Duration, m cipher.BlockMode) float64 {
	return benchutil.Throughput(d, client.PartSize, func(buf []byte) { m.CryptBlocks(buf, buf) })
}

// igeModes returns the AES-256-IGE encrypters of luagram (the one its
// messages use: AES-NI assembly where the CPU has it) and of gotd
// (github.com/gotd/ige over crypto/aes).
func igeModes() (luagram, gotd cipher.BlockMode) {
	key, iv := make([]byte, 32), make([]byte, 32)
	luagram, err := crypto.NewAESIGEEncrypter(key, iv)
	if err != nil {
		panic(err)
	}
	blk, err := aes.NewCipher(key)
	if err != nil {
		panic(err)
	}
	return luagram, ige.NewIGEEncrypter(blk, iv)
}

// measure runs a transfer of size bytes b.N times and reports its
// throughput next to AES-IGE's (luagram's and gotd's), the process CPU
// time per MB and the peak heap.
func measure(b *testing.B, size int64, f func()) {
	lm, gm := igeModes()
	benchutil.MeasureTransfer(b, size, []benchutil.Baseline{
		{Name: "ige", MBps: igeThroughput(300*time.Millisecond, lm)},
		{Name: "gotd-ige", MBps: igeThroughput(300*time.Millisecond, gm)},
	}, f)
}
