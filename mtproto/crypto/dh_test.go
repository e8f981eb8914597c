package crypto

import (
	"bytes"
	"crypto/rand"
	"errors"
	"io"
	"math/big"
	"strings"
	"testing"
)

func bigHex(t testing.TB, s string) *big.Int {
	return new(big.Int).SetBytes(unhex(t, strings.ToLower(s)))
}

// TestKnownSafePrimes proves again what CheckDHParams takes on trust.
func TestKnownSafePrimes(t *testing.T) {
	if err := checkSafePrime(telegramDHPrime); err != nil {
		t.Fatalf("Telegram's dh_prime: %v", err)
	}
	if err := checkGenerator(telegramDHPrime, 3); err != nil {
		t.Fatalf("Telegram's dh_prime with g = 3: %v", err)
	}
	p := TelegramDHPrime()
	p.SetInt64(1)
	if telegramDHPrime.Cmp(p) == 0 {
		t.Fatal("TelegramDHPrime returns the package's own value")
	}
}

func TestPGChecks(t *testing.T) {
	for _, tc := range pgChecks {
		p := big.NewInt(int64(tc.p))
		err := checkGenerator(p, tc.g)
		if err == nil {
			err = checkSafePrime(p)
		}
		if (err == nil) != tc.ok {
			t.Errorf("p = %d, g = %d: error = %v, want ok = %v", tc.p, tc.g, err, tc.ok)
		}
		var de *DHError
		if err != nil && !errors.As(err, &de) {
			t.Errorf("p = %d, g = %d: error %T is not a *DHError", tc.p, tc.g, err)
		}
	}
}

func TestCheckDHParams(t *testing.T) {
	tg := TelegramDHPrime()
	modp := bigHex(t, modp2048)
	unsafe := bigHex(t, unsafePrime2048)
	composite := new(big.Int).Lsh(big.NewInt(1), 2047) // 2^2047 + 1 = 3 * ...
	composite.Add(composite, big.NewInt(1))
	tests := []struct {
		name  string
		p     *big.Int
		g     int
		err   error
		check string
	}{
		{"telegram g=3", tg, 3, nil, ""},
		{"telegram g=4", tg, 4, nil, ""},
		{"telegram g=7", tg, 7, nil, ""},
		{"telegram g=2 (older sample)", tg, 2, ErrDHGenerator, "g = 2 is not a quadratic residue mod dh_prime"},
		{"telegram g=5", tg, 5, ErrDHGenerator, "g = 5 is not a quadratic residue mod dh_prime"},
		{"telegram g=6", tg, 6, ErrDHGenerator, "g = 6 is not a quadratic residue mod dh_prime"},
		{"g=0", tg, 0, ErrDHGenerator, "g = 0 is not in 2..7"},
		{"g=1", tg, 1, ErrDHGenerator, "g = 1 is not in 2..7"},
		{"g=8", tg, 8, ErrDHGenerator, "g = 8 is not in 2..7"},
		{"unknown safe prime", modp, 2, nil, ""},
		{"prime, not safe", unsafe, 4, ErrDHPrime, "(dh_prime-1)/2 is not prime"},
		{"composite", composite, 4, ErrDHPrime, "dh_prime is not prime"},
		{"even", new(big.Int).Sub(tg, big.NewInt(1)), 4, ErrDHPrime, "dh_prime is not prime"},
		{"small safe prime", big.NewInt(23), 2, ErrDHPrime, "dh_prime is not 2048 bits"},
		{"2049 bits", new(big.Int).Lsh(tg, 1), 4, ErrDHPrime, "dh_prime is not 2048 bits"},
		{"negative", new(big.Int).Neg(tg), 3, ErrDHPrime, "dh_prime is not 2048 bits"},
		{"nil", nil, 3, ErrDHPrime, "dh_prime is not 2048 bits"},
	}
	for _, tc := range tests {
		err := CheckDHParams(tc.p, tc.g)
		if tc.err == nil {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
			continue
		}
		var de *DHError
		if !errors.Is(err, tc.err) || !errors.As(err, &de) || de.Check != tc.check {
			t.Errorf("%s: error = %v, want %v with check %q", tc.name, err, tc.err, tc.check)
		}
	}
	safePrimes.Lock()
	defer safePrimes.Unlock()
	if !safePrimes.m[string(modp.Bytes())] {
		t.Error("a checked safe prime was not cached")
	}
	if safePrimes.m[string(unsafe.Bytes())] {
		t.Error("a refused prime was cached")
	}
}

func TestCheckGA(t *testing.T) {
	p := TelegramDHPrime()
	lo := new(big.Int).Lsh(big.NewInt(1), 2048-64)
	hi := new(big.Int).Sub(p, lo)
	add := func(x *big.Int, d int64) *big.Int { return new(big.Int).Add(x, big.NewInt(d)) }
	for _, tc := range []struct {
		name string
		ga   *big.Int
		ok   bool
	}{
		{"2^1984", lo, true},
		{"p - 2^1984", hi, true},
		{"sample g_a", bigHex(t, dhSamples[0].ga), true},
		{"2^1984 - 1", add(lo, -1), false},
		{"p - 2^1984 + 1", add(hi, 1), false},
		{"0", big.NewInt(0), false},
		{"1", big.NewInt(1), false},
		{"2", big.NewInt(2), false},
		{"p - 1", add(p, -1), false},
		{"p", p, false},
		{"p + 1", add(p, 1), false},
		{"-lo", new(big.Int).Neg(lo), false},
		{"nil", nil, false},
	} {
		err := CheckGA(tc.ga, p)
		if (err == nil) != tc.ok {
			t.Errorf("%s: error = %v, want ok = %v", tc.name, err, tc.ok)
		}
		var de *DHError
		if err != nil && (!errors.Is(err, ErrDHRange) || !errors.As(err, &de)) {
			t.Errorf("%s: error = %v, want a *DHError wrapping ErrDHRange", tc.name, err)
		}
	}
}

// TestDHSamples replays the client side of both official samples: g_b
// from b, auth_key from g_a and b, and new_nonce_hash1 from auth_key.
func TestDHSamples(t *testing.T) {
	p := TelegramDHPrime()
	for _, tc := range dhSamples {
		t.Run(tc.name, func(t *testing.T) {
			b, gb, err := GenerateDH(bytes.NewReader(unhex(t, tc.b)), tc.g, p)
			if err != nil {
				t.Fatal(err)
			}
			if want := bigHex(t, tc.b); b.Cmp(want) != 0 {
				t.Errorf("b = %x, want %x", b, want)
			}
			if want := bigHex(t, tc.gb); gb.Cmp(want) != 0 {
				t.Errorf("g_b = %x, want %x", gb, want)
			}
			k, err := ComputeAuthKey(bigHex(t, tc.ga), b, p)
			if err != nil {
				t.Fatal(err)
			}
			if want := unhex(t, tc.authKey); !bytes.Equal(k.Bytes(), want) {
				t.Errorf("auth_key = %x, want %x", k.Bytes(), want)
			}
			h := NewNonceHash([32]byte(unhex(t, tc.newNonce)), k, 1)
			if want := unhex(t, tc.newNonceHash1); !bytes.Equal(h[:], want) {
				t.Errorf("new_nonce_hash1 = %x, want %x", h, want)
			}
		})
	}
}

func TestGenerateDHRedraws(t *testing.T) {
	p := TelegramDHPrime()
	s := dhSamples[0]
	// b = 0 gives g_b = 1, out of range: GenerateDH must draw again.
	r := io.MultiReader(bytes.NewReader(make([]byte, 256)), bytes.NewReader(unhex(t, s.b)))
	b, _, err := GenerateDH(r, s.g, p)
	if err != nil || b.Cmp(bigHex(t, s.b)) != 0 {
		t.Errorf("GenerateDH after a bad draw = %x, %v; want the second draw", b, err)
	}
	if _, _, err := GenerateDH(zeroReader{}, 3, p); err == nil {
		t.Error("GenerateDH accepted 64 zero exponents")
	}
	if _, _, err := GenerateDH(errReader{}, 3, p); !errors.Is(err, errTestRandom) {
		t.Errorf("GenerateDH with a failing reader: %v", err)
	}
}

func TestComputeAuthKeyChecksGA(t *testing.T) {
	p := TelegramDHPrime()
	for _, ga := range []*big.Int{big.NewInt(1), new(big.Int).Sub(p, big.NewInt(1)), big.NewInt(1 << 40)} {
		if _, err := ComputeAuthKey(ga, big.NewInt(12345), p); !errors.Is(err, ErrDHRange) {
			t.Errorf("ComputeAuthKey(g_a = %x): error = %v, want ErrDHRange", ga, err)
		}
	}
}

// TestDHExchange runs both sides with fresh randomness.
func TestDHExchange(t *testing.T) {
	p := TelegramDHPrime()
	a, ga, err := GenerateDH(rand.Reader, 3, p)
	if err != nil {
		t.Fatal(err)
	}
	b, gb, err := GenerateDH(rand.Reader, 3, p)
	if err != nil {
		t.Fatal(err)
	}
	ks, err := ComputeAuthKey(gb, a, p) // server: g_b^a
	if err != nil {
		t.Fatal(err)
	}
	kc, err := ComputeAuthKey(ga, b, p) // client: g_a^b
	if err != nil {
		t.Fatal(err)
	}
	if ks.ID() != kc.ID() || !bytes.Equal(ks.Bytes(), kc.Bytes()) {
		t.Error("the two sides computed different keys")
	}
}
