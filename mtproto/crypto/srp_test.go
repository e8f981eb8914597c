package crypto

import (
	"bytes"
	"crypto/rand"
	"errors"
	"math/big"
	"testing"
)

func TestPasswordHash(t *testing.T) {
	v := passwordHashVector
	x, err := PasswordHash(unhex(t, v.password), unhex(t, v.salt1), unhex(t, v.salt2))
	if err != nil {
		t.Fatal(err)
	}
	if want := unhex(t, v.x); !bytes.Equal(x, want) {
		t.Errorf("x = %x, want %x", x, want)
	}
}

func TestSRPVectors(t *testing.T) {
	for _, tc := range srpVectors {
		t.Run(tc.name, func(t *testing.T) {
			p := TelegramDHPrime()
			if tc.p != "" {
				p = bigHex(t, tc.p)
			}
			params := &SRPParams{Salt1: unhex(t, tc.salt1), Salt2: unhex(t, tc.salt2), G: tc.g, P: pad2048(p)}
			password := unhex(t, tc.password)
			var ans *SRPAnswer
			var err error
			if tc.toy {
				// The formulas alone: these numbers fail the checks.
				var x []byte
				if x, err = PasswordHash(password, params.Salt1, params.Salt2); err != nil {
					t.Fatal(err)
				}
				ans, err = srpAnswer(p, big.NewInt(int64(tc.g)), params.Salt1, params.Salt2,
					new(big.Int).SetBytes(x), bigHex(t, tc.srpB), bigHex(t, tc.a))
			} else {
				ans, err = PasswordSRP(password, params, unhex(t, tc.srpB), bytes.NewReader(unhex(t, tc.a)))
			}
			if err != nil {
				t.Fatal(err)
			}
			if want := unhex(t, tc.A); !bytes.Equal(ans.A, want) {
				t.Errorf("A = %x, want %x", ans.A, want)
			}
			if want := unhex(t, tc.M1); !bytes.Equal(ans.M1, want) {
				t.Errorf("M1 = %x, want %x", ans.M1, want)
			}
		})
	}
}

func TestNewPasswordHash(t *testing.T) {
	for _, tc := range newPasswordHashVectors {
		params := &SRPParams{Salt1: unhex(t, tc.salt1), Salt2: unhex(t, tc.salt2), G: tc.g, P: TelegramDHPrime().Bytes()}
		salt1, hash, err := NewPasswordHash(unhex(t, tc.password), params, bytes.NewReader(unhex(t, tc.random)))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if want := unhex(t, tc.newSalt1); !bytes.Equal(salt1, want) {
			t.Errorf("%s: salt1 = %x, want %x", tc.name, salt1, want)
		}
		if want := unhex(t, tc.hash); !bytes.Equal(hash, want) {
			t.Errorf("%s: new_password_hash = %x, want %x", tc.name, hash, want)
		}
	}
}

// TestSRPExchange sets a password, then checks it against SRPServer the
// way a test server would: right password, wrong password, forged A.
func TestSRPExchange(t *testing.T) {
	params := &SRPParams{Salt1: []byte("salt one"), Salt2: []byte("salt two, longer"), G: 3, P: TelegramDHPrime().Bytes()}
	salt1, v, err := NewPasswordHash([]byte("hunter2"), params, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	params.Salt1 = salt1

	server, err := NewSRPServer(params, v, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ans, err := PasswordSRP([]byte("hunter2"), params, server.SRPB(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	if err := server.Verify(ans); err != nil {
		t.Errorf("right password: %v", err)
	}

	wrong, err := PasswordSRP([]byte("hunter3"), params, server.SRPB(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	var se *SecurityError
	if err := server.Verify(wrong); !errors.Is(err, ErrSRP) || !errors.As(err, &se) || se.Check != "srp" {
		t.Errorf("wrong password: error = %v, want a *SecurityError wrapping ErrSRP", err)
	}

	p := TelegramDHPrime()
	for name, a := range map[string]*big.Int{
		"A = 0":     big.NewInt(0),
		"A = 1":     big.NewInt(1),
		"A = p":     p,
		"A = p - 1": new(big.Int).Sub(p, big.NewInt(1)),
		"A small":   big.NewInt(3),
	} {
		forged := &SRPAnswer{A: pad2048(a), M1: ans.M1}
		if err := server.Verify(forged); !errors.Is(err, ErrDHRange) {
			t.Errorf("%s: error = %v, want ErrDHRange", name, err)
		}
	}
}

func TestSRPChecks(t *testing.T) {
	good := &SRPParams{Salt1: []byte("s1"), Salt2: []byte("s2"), G: 3, P: TelegramDHPrime().Bytes()}
	p := TelegramDHPrime()
	okB := pad2048(new(big.Int).Rsh(p, 1))
	for _, tc := range []struct {
		name   string
		params *SRPParams
		srpB   []byte
		err    error
	}{
		{"g = 2 not allowed", &SRPParams{G: 2, P: good.P}, okB, ErrDHGenerator},
		{"g = 9", &SRPParams{G: 9, P: good.P}, okB, ErrDHGenerator},
		{"p not prime", &SRPParams{G: 4, P: pad2048(new(big.Int).Sub(p, big.NewInt(2)))}, okB, ErrDHPrime},
		{"p too small", &SRPParams{G: 3, P: []byte{47}}, okB, ErrDHPrime},
		{"srp_B = 1", good, []byte{1}, ErrDHRange},
		{"srp_B = p", good, good.P, ErrDHRange},
		{"srp_B small", good, big.NewInt(1 << 62).Bytes(), ErrDHRange},
	} {
		_, err := PasswordSRP([]byte("pw"), tc.params, tc.srpB, rand.Reader)
		var de *DHError
		if !errors.Is(err, tc.err) || !errors.As(err, &de) {
			t.Errorf("%s: PasswordSRP error = %v, want a *DHError wrapping %v", tc.name, err, tc.err)
		}
		if tc.params == good {
			continue
		}
		if _, _, err := NewPasswordHash([]byte("pw"), tc.params, rand.Reader); !errors.Is(err, tc.err) {
			t.Errorf("%s: NewPasswordHash error = %v, want %v", tc.name, err, tc.err)
		}
		if _, err := NewSRPServer(tc.params, []byte{1}, rand.Reader); !errors.Is(err, tc.err) {
			t.Errorf("%s: NewSRPServer error = %v, want %v", tc.name, err, tc.err)
		}
	}
	if _, err := NewSRPServer(good, good.P, rand.Reader); !errors.Is(err, ErrDHRange) {
		t.Errorf("v = p: error = %v, want ErrDHRange", err)
	}
	if _, err := PasswordSRP([]byte("pw"), good, okB, errReader{}); !errors.Is(err, errTestRandom) {
		t.Errorf("failing random: %v", err)
	}
}
