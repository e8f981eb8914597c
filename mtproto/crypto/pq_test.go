package crypto

import (
	"errors"
	"testing"
)

func TestFactorize(t *testing.T) {
	for _, tc := range pqVectors {
		p, q, err := Factorize(tc.pq)
		if err != nil || p != tc.p || q != tc.q {
			t.Errorf("Factorize(%d) = %d, %d, %v; want %d, %d", tc.pq, p, q, err, tc.p, tc.q)
		}
	}
}

func TestFactorizeRejects(t *testing.T) {
	for _, pq := range []uint64{
		0, 1, 2, 3, 4, 5,
		9,                       // 3², factors not distinct
		1229739323 * 1229739323, // the square of a prime
		1000000000000000003,     // prime
		18446744073709551557,    // the largest prime below 2⁶⁴
		30,                      // three factors
		3 * 5 * 7 * 11,
		1 << 63,
	} {
		p, q, err := Factorize(pq)
		if !errors.Is(err, ErrPQ) {
			t.Errorf("Factorize(%d) = %d, %d, %v; want ErrPQ", pq, p, q, err)
		}
	}
}

// TestFactorizeLarge covers products close to 2⁶⁴, where Montgomery
// reduction has to handle its overflow case.
func TestFactorizeLarge(t *testing.T) {
	for _, tc := range []struct{ p, q uint64 }{
		{4294967279, 4294967291}, // the two largest primes below 2³²
		{65521, 281474976710597}, // 2¹⁶ and 2⁴⁸ scale
		{3, 6148914691236517199},
	} {
		p, q, err := Factorize(tc.p * tc.q)
		if err != nil || p != tc.p || q != tc.q {
			t.Errorf("Factorize(%d*%d) = %d, %d, %v", tc.p, tc.q, p, q, err)
		}
	}
}

func BenchmarkFactorize(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		for _, tc := range pqVectors {
			if _, _, err := Factorize(tc.pq); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(pqVectors)), "ns/pq")
}
