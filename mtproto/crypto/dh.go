package crypto

import (
	"encoding/hex"
	"fmt"
	"io"
	"math/big"
	"sync"
)

// dhPrimeBits is the size of dh_prime, and of the exponents a and b.
const dhPrimeBits = 2048

// primeRounds is the number of Miller-Rabin rounds run on top of the
// Baillie-PSW test. The security guidelines find 15 enough ("error
// probability not exceeding one billionth").
const primeRounds = 20

// telegramDHPrime is the dh_prime the servers currently send, as printed
// on https://core.telegram.org/mtproto/security_guidelines ("the current
// value of dh_prime equals (in big-endian byte order) C7 1C AE B9 ...").
// It is known to be a safe prime (TestKnownSafePrimes proves it again), so
// CheckDHParams skips the primality tests for it.
var telegramDHPrime = mustBigHex("" +
	"c71caeb9c6b1c9048e6c522f70f13f73980d40238e3e21c14934d037563d930f" +
	"48198a0aa7c14058229493d22530f4dbfa336f6e0ac925139543aed44cce7c37" +
	"20fd51f69458705ac68cd4fe6b6b13abdc9746512969328454f18faf8c595f64" +
	"2477fe96bb2a941d5bcd1d4ac8cc49880708fa9b378e3c4f3a9060bee67cf9a4" +
	"a4a695811051907e162753b56b0f6b410dba74d8a84b2a14b3144e0ef1284754" +
	"fd17ed950d5965b4b9dd46582db1178d169c6bc465b0d6ff9ca3928fef5b9ae4" +
	"e418fc15e83ebea0f87fa9ff5eed70050ded2849f47bf959d956850ce929851f" +
	"0d8115f635b105ee2e4e15d04b2454bf6f4fadf034b10403119cd8e3b92fcc5b")

// TelegramDHPrime returns a copy of the 2048-bit safe prime that Telegram
// servers currently use as dh_prime, for servers and tests that need one.
// CheckDHParams accepts it without running the primality tests.
func TelegramDHPrime() *big.Int { return new(big.Int).Set(telegramDHPrime) }

func mustBigHex(s string) *big.Int {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return new(big.Int).SetBytes(b)
}

// safePrimes caches the 2048-bit primes that passed the safe-prime test,
// as the guidelines advise: "After g and p have been checked by the
// client, it makes sense to cache the result, so as not to repeat lengthy
// computations in future." Only successes are cached, and only a few, so
// that a hostile peer cannot grow the cache.
var safePrimes = struct {
	sync.Mutex
	m map[string]bool
}{m: map[string]bool{string(telegramDHPrime.Bytes()): true}}

const maxSafePrimes = 16

// CheckDHParams checks dh_prime and g as received in server_DH_inner_data,
// messages.dhConfig or an SRP algorithm. The error is a *DHError.
//
// The primality tests take about 0.2s on a 2048-bit number; they run once
// per distinct prime and never for TelegramDHPrime().
func CheckDHParams(dhPrime *big.Int, g int) error {
	// "Client is expected to check whether p = dh_prime is a safe 2048-bit
	// prime (meaning that both p and (p-1)/2 are prime, and that
	// 2^2047 < p < 2^2048)"
	if dhPrime == nil || dhPrime.Sign() <= 0 || dhPrime.BitLen() != dhPrimeBits {
		return &DHError{Check: "dh_prime is not 2048 bits", Err: ErrDHPrime}
	}
	if err := checkGenerator(dhPrime, g); err != nil {
		return err
	}
	key := string(dhPrime.Bytes())
	safePrimes.Lock()
	known := safePrimes.m[key]
	safePrimes.Unlock()
	if known {
		return nil
	}
	if err := checkSafePrime(dhPrime); err != nil {
		return err
	}
	safePrimes.Lock()
	if len(safePrimes.m) < maxSafePrimes {
		safePrimes.m[key] = true
	}
	safePrimes.Unlock()
	return nil
}

// checkSafePrime reports whether p and (p-1)/2 are both prime.
func checkSafePrime(p *big.Int) error {
	if !p.ProbablyPrime(primeRounds) {
		return &DHError{Check: "dh_prime is not prime", Err: ErrDHPrime}
	}
	half := new(big.Int).Rsh(p, 1) // (p-1)/2 for odd p
	if !half.ProbablyPrime(primeRounds) {
		return &DHError{Check: "(dh_prime-1)/2 is not prime", Err: ErrDHPrime}
	}
	return nil
}

// checkGenerator checks that g, a small positive p-1 > g > 1, generates the
// subgroup of order (p-1)/2:
//
// "and that g generates a cyclic subgroup of prime order (p-1)/2, i.e. is a
// quadratic residue mod p. Since g is always equal to 2, 3, 4, 5, 6 or 7,
// this is easily done using quadratic reciprocity law, yielding a simple
// condition on p mod 4g -- namely, p mod 8 = 7 for g = 2; p mod 3 = 2 for
// g = 3; no extra condition for g = 4; p mod 5 = 1 or 4 for g = 5;
// p mod 24 = 19 or 23 for g = 6; and p mod 7 = 3, 5 or 6 for g = 7."
func checkGenerator(p *big.Int, g int) error {
	mod := func(m int64) int64 {
		return new(big.Int).Mod(p, big.NewInt(m)).Int64()
	}
	var ok bool
	switch g {
	case 2:
		ok = mod(8) == 7
	case 3:
		ok = mod(3) == 2
	case 4:
		ok = true
	case 5:
		r := mod(5)
		ok = r == 1 || r == 4
	case 6:
		r := mod(24)
		ok = r == 19 || r == 23
	case 7:
		r := mod(7)
		ok = r == 3 || r == 5 || r == 6
	default:
		return &DHError{Check: fmt.Sprintf("g = %d is not in 2..7", g), Err: ErrDHGenerator}
	}
	if !ok {
		return &DHError{Check: fmt.Sprintf("g = %d is not a quadratic residue mod dh_prime", g), Err: ErrDHGenerator}
	}
	// "both sides are to check that g, g_a and g_b are greater than 1 and
	// less than dh_prime - 1"; only tiny test primes can fail this.
	if big.NewInt(int64(g)).Cmp(new(big.Int).Sub(p, big.NewInt(1))) >= 0 {
		return &DHError{Check: "g >= dh_prime-1", Err: ErrDHGenerator}
	}
	return nil
}

// dhSafetyMargin is 2^{2048-64}.
var dhSafetyMargin = new(big.Int).Lsh(big.NewInt(1), dhPrimeBits-64)

// CheckGA checks a Diffie-Hellman public value received from the other
// side, g_a or g_b (or srp_B), against dhPrime. The error is a *DHError
// wrapping ErrDHRange.
func CheckGA(ga, dhPrime *big.Int) error {
	// "both sides are to check that g, g_a and g_b are greater than 1 and
	// less than dh_prime - 1."
	pMinus1 := new(big.Int).Sub(dhPrime, big.NewInt(1))
	if ga == nil || ga.Cmp(big.NewInt(1)) <= 0 || ga.Cmp(pMinus1) >= 0 {
		return &DHError{Check: "g_a is not in (1, dh_prime-1)", Err: ErrDHRange}
	}
	// "We recommend checking that g_a and g_b are between 2^{2048-64} and
	// dh_prime - 2^{2048-64} as well."
	if ga.Cmp(dhSafetyMargin) < 0 {
		return &DHError{Check: "g_a < 2^{2048-64}", Err: ErrDHRange}
	}
	if ga.Cmp(new(big.Int).Sub(dhPrime, dhSafetyMargin)) > 0 {
		return &DHError{Check: "g_a > dh_prime - 2^{2048-64}", Err: ErrDHRange}
	}
	return nil
}

// GenerateDH picks a secret 2048-bit exponent b from random and returns it
// with the public value g_b = g^b mod dhPrime. It draws again (up to 64
// times) while g_b fails CheckGA, so the peer's check cannot fail. The
// parameters must have passed CheckDHParams.
//
// The guidelines require a cryptographically secure random source here:
// "Client must use a cryptographically secure PRNG to generate secret
// exponents a or b for DH key exchange."
func GenerateDH(random io.Reader, g int, dhPrime *big.Int) (b, gb *big.Int, err error) {
	buf := make([]byte, dhPrimeBits/8)
	gg := big.NewInt(int64(g))
	for range 64 {
		if _, err := io.ReadFull(random, buf); err != nil {
			return nil, nil, err
		}
		b = new(big.Int).SetBytes(buf)
		gb = new(big.Int).Exp(gg, b, dhPrime)
		if CheckGA(gb, dhPrime) == nil {
			return b, gb, nil
		}
	}
	return nil, nil, fmt.Errorf("crypto: no good dh exponent in 64 draws; is the random source broken?")
}

// ComputeAuthKey returns the shared key ga^b mod dhPrime as a 256-byte auth
// key: auth_key on the client (g_a^b) and the server (g_b^a), or the key of
// a secret chat. It checks ga with CheckGA first.
func ComputeAuthKey(ga, b, dhPrime *big.Int) (*AuthKey, error) {
	if dhPrime.BitLen() > dhPrimeBits {
		return nil, &DHError{Check: "dh_prime is not 2048 bits", Err: ErrDHPrime}
	}
	if err := CheckGA(ga, dhPrime); err != nil {
		return nil, err
	}
	var key [AuthKeySize]byte
	new(big.Int).Exp(ga, b, dhPrime).FillBytes(key[:])
	return NewAuthKey(key[:])
}
