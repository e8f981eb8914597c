package client_test

import (
	"io"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/luagram/luagram/client"
	"github.com/luagram/luagram/internal/benchutil"
	"github.com/luagram/luagram/mtproto/crypto"
	"github.com/luagram/luagram/sandbox/sandboxtest"
	"github.com/luagram/luagram/tl/api"
)

// benchFileSize is the size of the file the transfer benchmarks move:
// 300 MB, or LUAGRAM_BENCH_FILE_MB.
func benchFileSize() int64 {
	if v, err := strconv.Atoi(os.Getenv("LUAGRAM_BENCH_FILE_MB")); err == nil && v > 0 {
		return int64(v) << 20
	}
	return 300 << 20
}

// BenchmarkIGEBaseline is the bound of one transfer stream: AES-256-IGE
// over 512 KB parts as messages are encrypted (crypto.NewAESIGE…, the
// AES-NI path where the CPU has it), which every byte of a connection goes
// through once on each side (mtproto/crypto's BenchmarkIGEEncrypt, in the
// same run).
func BenchmarkIGEBaseline(b *testing.B) {
	for _, dir := range []string{"encrypt", "decrypt"} {
		b.Run(dir, func(b *testing.B) {
			m, _ := crypto.NewAESIGEEncrypter(make([]byte, 32), make([]byte, 32))
			if dir == "decrypt" {
				m, _ = crypto.NewAESIGEDecrypter(make([]byte, 32), make([]byte, 32))
			}
			buf := make([]byte, client.PartSize)
			b.SetBytes(int64(len(buf)))
			b.ReportAllocs()
			for b.Loop() {
				m.CryptBlocks(buf, buf)
			}
		})
	}
}

// igeThroughput measures AES-256-IGE encryption of 512 KB parts for about
// d, in MB/s, as messages are encrypted: the bound of one transfer
// stream, measured next to it.
func igeThroughput(d time.Duration) float64 {
	m, _ := crypto.NewAESIGEEncrypter(make([]byte, 32), make([]byte, 32))
	return benchutil.Throughput(d, client.PartSize, func(buf []byte) { m.CryptBlocks(buf, buf) })
}

// BenchmarkTransfer uploads and downloads a 300 MB file through a sandbox
// on loopback, with one connection and with the default number, and
// reports the AES-IGE throughput measured in the same run, the transfer's
// share of it and the peak heap of the process (client and sandbox
// together).
func BenchmarkTransfer(b *testing.B) {
	size := benchFileSize()
	sb := sandboxtest.Start(b, 1)
	if _, err := sb.CreateUser("9996610131", "Bench", "", "", ""); err != nil {
		b.Fatal(err)
	}
	c, err := client.New(client.Config{Settings: sandboxtest.Settings(sb)})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	ctx := b.Context()
	if _, err := c.PhoneLogin(ctx, "9996610131"); err != nil {
		b.Fatal(err)
	}
	if _, err := c.CompletePhoneLogin(ctx, "11111"); err != nil {
		b.Fatal(err)
	}
	send := func(parallel int) *api.Message {
		msg, err := c.SendMedia(ctx, "me", benchutil.RepeatData(size, 1), &client.MediaOptions{FileName: "bench.bin",
			Upload: client.UploadOptions{Parallel: parallel, Size: size}}, nil)
		if err != nil {
			b.Fatal(err)
		}
		return msg
	}
	msg := send(0)
	for _, parallel := range []int{1, c.Settings().Files.UploadParallelChunks} {
		name := "conns=" + strconv.Itoa(parallel)
		b.Run("upload/"+name, func(b *testing.B) {
			measure(b, size, func() { send(parallel) })
		})
		b.Run("download/"+name, func(b *testing.B) {
			measure(b, size, func() {
				if _, err := c.DownloadToStream(ctx, msg, io.Discard, &client.DownloadOptions{Parallel: parallel}); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

// measure runs a transfer of size bytes b.N times and reports its
// throughput next to AES-IGE's, the CPU time per MB and the peak heap.
func measure(b *testing.B, size int64, f func()) {
	benchutil.MeasureTransfer(b, size, []benchutil.Baseline{{Name: "ige", MBps: igeThroughput(300 * time.Millisecond)}}, f)
}
