package crypto

import (
	"math/big"
	"math/bits"
)

// Factorize splits pq, the proof-of-work number of resPQ, into primes
// p < q with p*q = pq. The page says pq is "the product of two different
// odd prime numbers" and normally at most 2^63-1; Factorize takes any
// uint64 and returns ErrPQ if pq is not a product of two distinct primes,
// so that a hostile server cannot make it spin forever.
//
// It uses Pollard's rho with Brent's cycle detection and batched gcds, in
// Montgomery arithmetic.
func Factorize(pq uint64) (p, q uint64, err error) {
	if pq < 6 || isPrime64(pq) {
		return 0, 0, ErrPQ
	}
	var d uint64
	if pq%2 == 0 {
		d = 2
	} else {
		d = brent(pq)
	}
	p, q = d, pq/d
	if p > q {
		p, q = q, p
	}
	if p == q || !isPrime64(p) || !isPrime64(q) {
		return 0, 0, ErrPQ
	}
	return p, q, nil
}

// isPrime64 is exact: ProbablyPrime is "100% accurate for inputs less than
// 2⁶⁴".
func isPrime64(n uint64) bool {
	return new(big.Int).SetUint64(n).ProbablyPrime(0)
}

// brent returns a nontrivial factor of n, an odd composite.
func brent(n uint64) uint64 {
	m := newMont(n)
	const batch = 128
	for c := uint64(1); ; c++ {
		// f(y) = y² + c, on Montgomery representatives; the sequence is a
		// different pseudo-random walk than on plain residues, which is
		// all Pollard's rho needs, and gcds are unaffected because the
		// Montgomery radix is a unit mod n.
		f := func(y uint64) uint64 { return m.add(m.mul(y, y), c%n) }
		y, r, g := uint64(2)%n, 1, uint64(1)
		var x, ys uint64
		q := uint64(1)
		for g == 1 {
			x = y
			for range r {
				y = f(y)
			}
			for k := 0; k < r && g == 1; k += batch {
				ys = y
				for range min(batch, r-k) {
					y = f(y)
					q = m.mul(q, absDiff(x, y))
				}
				g = gcd(q, n)
			}
			r *= 2
		}
		if g == n {
			// The batch overshot: step again one at a time.
			for {
				ys = f(ys)
				g = gcd(absDiff(x, ys), n)
				if g != 1 {
					break
				}
			}
		}
		if g != n {
			return g
		}
	}
}

func absDiff(a, b uint64) uint64 {
	if a > b {
		return a - b
	}
	return b - a
}

// gcd is the binary GCD.
func gcd(a, b uint64) uint64 {
	if a == 0 {
		return b
	}
	if b == 0 {
		return a
	}
	shift := bits.TrailingZeros64(a | b)
	a >>= bits.TrailingZeros64(a)
	for b != 0 {
		b >>= bits.TrailingZeros64(b)
		if a > b {
			a, b = b, a
		}
		b -= a
	}
	return a << shift
}

// mont is arithmetic modulo an odd n in Montgomery form with radix 2⁶⁴.
type mont struct {
	n    uint64
	ninv uint64 // n⁻¹ mod 2⁶⁴
}

func newMont(n uint64) mont {
	// Newton's iteration doubles the correct low bits each step; n is its
	// own inverse mod 8, so five steps reach 96 > 64 bits.
	inv := n
	for range 5 {
		inv *= 2 - n*inv
	}
	return mont{n: n, ninv: inv}
}

// mul returns a*b/2⁶⁴ mod n for a, b < n.
func (m mont) mul(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	// lo - (lo*ninv)*n ≡ 0 mod 2⁶⁴, so only the high words subtract.
	mh, _ := bits.Mul64(lo*m.ninv, m.n)
	r := hi - mh
	if hi < mh {
		r += m.n
	}
	return r
}

// add returns a+b mod n for a, b < n.
func (m mont) add(a, b uint64) uint64 {
	s, carry := bits.Add64(a, b, 0)
	if carry != 0 || s >= m.n {
		s -= m.n
	}
	return s
}
