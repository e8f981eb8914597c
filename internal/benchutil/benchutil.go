// Package benchutil holds what the transfer benchmarks of client and
// interop both measure with: the peak heap, the process's CPU time and
// cheap generated data. It is for benchmarks and tests only.
package benchutil

import (
	"io"
	"math/rand/v2"
	"runtime"
	"runtime/metrics"
	"testing"
	"time"
)

// HeapPeak samples the heap every 10 ms until stop is called, and returns
// the peaks of the heap in use (live objects and garbage not yet
// collected) and of the live heap (as marked by the last GC).
func HeapPeak() (stop func() (inuse, live uint64)) {
	done := make(chan struct{})
	type peaks struct{ inuse, live uint64 }
	result := make(chan peaks)
	go func() {
		var p peaks
		var ms runtime.MemStats
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&ms)
			metrics.Read(sample)
			p.inuse = max(p.inuse, ms.HeapInuse)
			if sample[0].Value.Kind() == metrics.KindUint64 {
				p.live = max(p.live, sample[0].Value.Uint64())
			}
			select {
			case <-t.C:
			case <-done:
				result <- p
				return
			}
		}
	}()
	return func() (uint64, uint64) { close(done); p := <-result; return p.inuse, p.live }
}

// MB converts bytes to MiB.
func MB(n uint64) float64 { return float64(n) / (1 << 20) }

// RepeatData returns a reader of n bytes: a 1 MiB pseudo-random block
// (from seed) repeated, so that making the data costs a copy rather than
// a keystream, which took a tenth of an upload's CPU.
func RepeatData(n int64, seed uint64) io.Reader {
	block := make([]byte, 1<<20)
	io.ReadFull(rand.NewChaCha8([32]byte{byte(seed), byte(seed >> 8)}), block)
	return io.LimitReader(&repeatReader{block: block}, n)
}

type repeatReader struct {
	block []byte
	off   int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		k := copy(p[n:], r.block[r.off:])
		n += k
		r.off = (r.off + k) % len(r.block)
	}
	return n, nil
}

// A Baseline is a throughput measured next to a transfer, reported as
// NAME-MB/s; the first one given to MeasureTransfer is also reported as
// the transfer's share of it, %-of-NAME.
type Baseline struct {
	Name string
	MBps float64
}

// Throughput runs f on bufSize bytes repeatedly for about d and returns
// the rate in MB/s: a baseline such as AES-IGE over 512 KB parts.
func Throughput(d time.Duration, bufSize int, f func(buf []byte)) float64 {
	buf := make([]byte, bufSize)
	n := 0
	start := time.Now()
	for time.Since(start) < d {
		f(buf)
		n++
	}
	return float64(n*bufSize) / time.Since(start).Seconds() / 1e6
}

// MeasureTransfer runs a transfer of size bytes b.N times and reports,
// beside the throughput, the process's CPU time per MB moved (client and
// sandbox: what the transfer costs whatever else runs on the machine), the
// peak heaps, and the baselines.
func MeasureTransfer(b *testing.B, size int64, baselines []Baseline, f func()) {
	b.SetBytes(size)
	runtime.GC()
	stop := HeapPeak()
	cpu0 := CPUTime()
	start := time.Now()
	n := 0
	for b.Loop() {
		f()
		n++
	}
	mbps := float64(size) * float64(n) / time.Since(start).Seconds() / 1e6
	if cpu := CPUTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(cpu.Milliseconds())/(float64(size)*float64(n)/1e6), "cpu-ms/MB")
	}
	inuse, live := stop()
	b.ReportMetric(MB(inuse), "peak-heap-MB")
	b.ReportMetric(MB(live), "peak-live-MB")
	for i, bl := range baselines {
		b.ReportMetric(bl.MBps, bl.Name+"-MB/s")
		if i == 0 {
			b.ReportMetric(100*mbps/bl.MBps, "%-of-"+bl.Name)
		}
	}
}
