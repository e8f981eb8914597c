package handshake

import (
	"context"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/binary"
	"fmt"
	"io"
	"math/big"
	"time"

	"github.com/luagram/luagram/mtproto/crypto"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/mt"
)

// A Key is what an exchange produces.
type Key struct {
	AuthKey *crypto.AuthKey
	// ServerSalt is the first salt: new_nonce[0:8] XOR server_nonce[0:8],
	// read as a little-endian integer.
	ServerSalt int64
	// TimeOffset is server_time minus the local time when the server's
	// answer arrived, in whole seconds (msg_ids are made with it).
	TimeOffset time.Duration
	// ExpiresAt is when a temporary key expires; zero for permanent keys.
	ExpiresAt time.Time
}

// Temp reports whether k is a temporary key.
func (k *Key) Temp() bool { return !k.ExpiresAt.IsZero() }

// ClientConfig configures the client side.
type ClientConfig struct {
	// PublicKeys are the server RSA keys the client trusts; the server's
	// resPQ must list the fingerprint of one of them.
	PublicKeys []*rsa.PublicKey
	// DC is the dc of p_q_inner_data_dc: the DC id, +10000 for test DCs,
	// negative for media-only DCs.
	DC int
	// ExpiresIn, when positive, makes a temporary key
	// (p_q_inner_data_temp_dc) valid for that long.
	ExpiresIn time.Duration
	// Random is the randomness source; nil means crypto/rand.
	Random io.Reader
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// MaxRetries bounds dh_gen_retry answers (0 means 5).
	MaxRetries int
}

// A ClientExchange is the client's state between the steps of one
// exchange. Its methods take the server's answers and return the next
// request; they do no I/O.
type ClientExchange struct {
	cfg         ClientConfig
	random      io.Reader
	nonce       tl.Int128
	serverNonce tl.Int128
	newNonce    tl.Int256
	tmpKey      [32]byte
	tmpIV       [32]byte
	g           int
	dhPrime     *big.Int
	ga          *big.Int
	offset      time.Duration
	retryID     int64
	retries     int
	authKey     *crypto.AuthKey
	step        int
	// innerData builds the p_q_inner_data to encrypt; tests replace it to
	// replay transcripts recorded with older constructors.
	innerData func(pq, p, q []byte) tl.Object
}

// NewClientExchange returns an exchange ready for Start.
func NewClientExchange(cfg ClientConfig) *ClientExchange {
	c := &ClientExchange{cfg: cfg, random: randomOr(cfg.Random)}
	c.innerData = c.defaultInnerData
	return c
}

func (c *ClientExchange) now() time.Time {
	if c.cfg.Now != nil {
		return c.cfg.Now()
	}
	return time.Now()
}

func (c *ClientExchange) expect(step int) error {
	if c.step != step {
		return &CheckError{Check: "order", Detail: fmt.Sprintf("step %d called at step %d", step, c.step)}
	}
	c.step++
	return nil
}

// Start draws the client nonce and returns req_pq_multi.
func (c *ClientExchange) Start() (*mt.ReqPQMultiRequest, error) {
	if err := c.expect(0); err != nil {
		return nil, err
	}
	if _, err := io.ReadFull(c.random, c.nonce[:]); err != nil {
		return nil, err
	}
	return &mt.ReqPQMultiRequest{Nonce: c.nonce}, nil
}

// HandleResPQ checks resPQ, factorises pq, picks the server key and returns
// req_DH_params with the RSA_PAD-encrypted inner data.
func (c *ClientExchange) HandleResPQ(res *mt.ResPQ) (*mt.ReqDHParamsRequest, error) {
	if err := c.expect(1); err != nil {
		return nil, err
	}
	if err := checkNonce("nonce", res.Nonce[:], c.nonce[:]); err != nil {
		return nil, err
	}
	c.serverNonce = res.ServerNonce
	if len(res.PQ) == 0 || len(res.PQ) > 8 {
		return nil, &CheckError{Check: "pq", Detail: fmt.Sprintf("%d bytes", len(res.PQ))}
	}
	var pqBuf [8]byte
	copy(pqBuf[8-len(res.PQ):], res.PQ)
	p, q, err := crypto.Factorize(binary.BigEndian.Uint64(pqBuf[:]))
	if err != nil {
		return nil, &CheckError{Check: "pq", Err: err}
	}
	var key *rsa.PublicKey
	var fingerprint int64
	for _, fp := range res.ServerPublicKeyFingerprints {
		for _, k := range c.cfg.PublicKeys {
			if crypto.Fingerprint(k) == fp {
				key, fingerprint = k, fp
				break
			}
		}
		if key != nil {
			break
		}
	}
	if key == nil {
		return nil, fmt.Errorf("%w (server offered %d)", ErrNoKey, len(res.ServerPublicKeyFingerprints))
	}
	if _, err := io.ReadFull(c.random, c.newNonce[:]); err != nil {
		return nil, err
	}
	pBytes, qBytes := bigEndian(p), bigEndian(q)
	inner, err := tl.Encode(c.innerData(res.PQ, pBytes, qBytes))
	if err != nil {
		return nil, err
	}
	encrypted, err := crypto.RSAPad(inner, key, c.random)
	if err != nil {
		return nil, err
	}
	return &mt.ReqDHParamsRequest{
		Nonce: c.nonce, ServerNonce: c.serverNonce, P: pBytes, Q: qBytes,
		PublicKeyFingerprint: fingerprint, EncryptedData: encrypted,
	}, nil
}

func (c *ClientExchange) defaultInnerData(pq, p, q []byte) tl.Object {
	if c.cfg.ExpiresIn > 0 {
		return &mt.PQInnerDataTempDC{PQ: pq, P: p, Q: q, Nonce: c.nonce, ServerNonce: c.serverNonce,
			NewNonce: c.newNonce, DC: int32(c.cfg.DC), ExpiresIn: int32(c.cfg.ExpiresIn / time.Second)}
	}
	return &mt.PQInnerDataDC{PQ: pq, P: p, Q: q, Nonce: c.nonce, ServerNonce: c.serverNonce,
		NewNonce: c.newNonce, DC: int32(c.cfg.DC)}
}

// HandleServerDHParams decrypts and checks server_DH_inner_data (its hash,
// nonces, dh_prime, g and g_a), computes the auth key and returns
// set_client_DH_params.
func (c *ClientExchange) HandleServerDHParams(res *mt.ServerDHParamsOk) (*mt.SetClientDHParamsRequest, error) {
	if err := c.expect(2); err != nil {
		return nil, err
	}
	if err := checkNonce("nonce", res.Nonce[:], c.nonce[:]); err != nil {
		return nil, err
	}
	if err := checkNonce("server_nonce", res.ServerNonce[:], c.serverNonce[:]); err != nil {
		return nil, err
	}
	c.tmpKey, c.tmpIV = crypto.TmpAESKeyIV(c.newNonce, c.serverNonce)
	var inner mt.ServerDHInnerData
	if err := decryptWithHash(c.tmpKey, c.tmpIV, res.EncryptedAnswer, &inner, "server_DH_inner_data"); err != nil {
		return nil, err
	}
	if err := checkNonce("nonce", inner.Nonce[:], c.nonce[:]); err != nil {
		return nil, err
	}
	if err := checkNonce("server_nonce", inner.ServerNonce[:], c.serverNonce[:]); err != nil {
		return nil, err
	}
	// "Client is expected to check whether p = dh_prime is a safe 2048-bit
	// prime ... and that g generates a cyclic subgroup of prime order
	// (p-1)/2" and "1 < g_a < p-1 ... 2^{2048-64} <= g_a <= dh_prime -
	// 2^{2048-64}" (core.telegram.org/mtproto/security_guidelines).
	c.dhPrime = new(big.Int).SetBytes(inner.DHPrime)
	c.g = int(inner.G)
	if err := crypto.CheckDHParams(c.dhPrime, c.g); err != nil {
		return nil, &CheckError{Check: "dh_prime/g", Err: err}
	}
	c.ga = new(big.Int).SetBytes(inner.GA)
	if err := crypto.CheckGA(c.ga, c.dhPrime); err != nil {
		return nil, &CheckError{Check: "g_a", Err: err}
	}
	c.offset = time.Duration(int64(inner.ServerTime)-c.now().Unix()) * time.Second
	return c.clientDHParams()
}

// clientDHParams draws b and builds set_client_DH_params; it is repeated
// with a new b after dh_gen_retry.
func (c *ClientExchange) clientDHParams() (*mt.SetClientDHParamsRequest, error) {
	b, gb, err := crypto.GenerateDH(c.random, c.g, c.dhPrime)
	if err != nil {
		return nil, err
	}
	authKey, err := crypto.ComputeAuthKey(c.ga, b, c.dhPrime)
	if err != nil {
		return nil, &CheckError{Check: "auth_key", Err: err}
	}
	c.authKey = authKey
	data, err := tl.Encode(&mt.ClientDHInnerData{Nonce: c.nonce, ServerNonce: c.serverNonce, RetryID: c.retryID, GB: gb.Bytes()})
	if err != nil {
		return nil, err
	}
	encrypted, err := encryptWithHash(c.tmpKey, c.tmpIV, data, c.random)
	if err != nil {
		return nil, err
	}
	return &mt.SetClientDHParamsRequest{Nonce: c.nonce, ServerNonce: c.serverNonce, EncryptedData: encrypted}, nil
}

// HandleDHAnswer checks the server's verdict. On dh_gen_ok it returns the
// key; on dh_gen_retry, the next set_client_DH_params (with a new b and
// retry_id set to the previous key's auth_key_aux_hash).
func (c *ClientExchange) HandleDHAnswer(ans mt.SetClientDHParamsAnswerClass) (*Key, *mt.SetClientDHParamsRequest, error) {
	if err := c.expect(3); err != nil {
		return nil, nil, err
	}
	var nonce, serverNonce, hash tl.Int128
	var n byte
	switch a := ans.(type) {
	case *mt.DHGenOk:
		nonce, serverNonce, hash, n = a.Nonce, a.ServerNonce, a.NewNonceHash1, 1
	case *mt.DHGenRetry:
		nonce, serverNonce, hash, n = a.Nonce, a.ServerNonce, a.NewNonceHash2, 2
	case *mt.DHGenFail:
		nonce, serverNonce, hash, n = a.Nonce, a.ServerNonce, a.NewNonceHash3, 3
	default:
		return nil, nil, &CheckError{Check: "answer", Detail: fmt.Sprintf("unexpected %T", ans)}
	}
	if err := checkNonce("nonce", nonce[:], c.nonce[:]); err != nil {
		return nil, nil, err
	}
	if err := checkNonce("server_nonce", serverNonce[:], c.serverNonce[:]); err != nil {
		return nil, nil, err
	}
	want := crypto.NewNonceHash(c.newNonce, c.authKey, n)
	if err := checkNonce(fmt.Sprintf("new_nonce_hash%d", n), hash[:], want[:]); err != nil {
		return nil, nil, err
	}
	switch n {
	case 1:
		k := &Key{AuthKey: c.authKey, ServerSalt: FirstSalt(c.newNonce, c.serverNonce), TimeOffset: c.offset}
		if c.cfg.ExpiresIn > 0 {
			k.ExpiresAt = c.now().Add(c.offset).Add(c.cfg.ExpiresIn).Truncate(time.Second)
		}
		return k, nil, nil
	case 2:
		c.retries++
		max := c.cfg.MaxRetries
		if max == 0 {
			max = 5
		}
		if c.retries > max {
			return nil, nil, ErrTooManyRetries
		}
		aux := c.authKey.AuxHash()
		c.retryID = int64(binary.LittleEndian.Uint64(aux[:]))
		c.step = 3
		req, err := c.clientDHParams()
		return nil, req, err
	default:
		return nil, nil, ErrDHFail
	}
}

// FirstSalt is the server salt both sides use first:
// substr(new_nonce, 0, 8) XOR substr(server_nonce, 0, 8).
func FirstSalt(newNonce tl.Int256, serverNonce tl.Int128) int64 {
	return int64(binary.LittleEndian.Uint64(newNonce[:8]) ^ binary.LittleEndian.Uint64(serverNonce[:8]))
}

// Client runs the whole exchange over conn. When ctx has a deadline and conn
// has SetDeadline, the deadline bounds the I/O.
func Client(ctx context.Context, conn FrameConn, cfg ClientConfig) (*Key, error) {
	if dl, ok := ctx.Deadline(); ok {
		if d, ok := conn.(interface{ SetDeadline(time.Time) error }); ok {
			d.SetDeadline(dl)
			defer d.SetDeadline(time.Time{})
		}
	}
	c := NewClientExchange(cfg)
	ids := &msgIDs{}
	// roundTrip sends req and returns the body of the answer.
	roundTrip := func(req tl.Object) (*tl.Decoder, error) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		frame, err := encodePlain(ids.next(c.now()), req)
		if err != nil {
			return nil, err
		}
		if err := conn.WriteFrame(frame); err != nil {
			return nil, fmt.Errorf("handshake: sending %s: %w", req.TypeName(), err)
		}
		reply, err := conn.ReadFrame()
		if err != nil {
			return nil, fmt.Errorf("handshake: waiting for the answer to %s: %w", req.TypeName(), err)
		}
		_, body, err := decodePlain(reply)
		if err != nil {
			return nil, err
		}
		return tl.NewDecoder(body), nil
	}
	req1, err := c.Start()
	if err != nil {
		return nil, err
	}
	d, err := roundTrip(req1)
	if err != nil {
		return nil, err
	}
	var res mt.ResPQ
	if err := decodeAnswer(d, &res); err != nil {
		return nil, err
	}
	req2, err := c.HandleResPQ(&res)
	if err != nil {
		return nil, err
	}
	if d, err = roundTrip(req2); err != nil {
		return nil, err
	}
	var params mt.ServerDHParamsOk
	if err := decodeAnswer(d, &params); err != nil {
		return nil, err
	}
	req3, err := c.HandleServerDHParams(&params)
	if err != nil {
		return nil, err
	}
	for {
		if d, err = roundTrip(req3); err != nil {
			return nil, err
		}
		ans := mt.DecodeSetClientDHParamsAnswer(d)
		if err := d.End(); err != nil {
			return nil, &CheckError{Check: "Set_client_DH_params_answer", Err: err}
		}
		key, retry, err := c.HandleDHAnswer(ans)
		if err != nil || key != nil {
			return key, err
		}
		req3 = retry
	}
}

// decodeAnswer reads exactly one boxed res.
func decodeAnswer(d *tl.Decoder, res tl.Object) error {
	tl.DecodeInto(d, res)
	if err := d.End(); err != nil {
		return &CheckError{Check: res.TypeName(), Err: err}
	}
	return nil
}

// checkNonce compares a received nonce with the expected one in constant time.
func checkNonce(field string, got, want []byte) error {
	if subtle.ConstantTimeCompare(got, want) != 1 {
		return &NonceError{Field: field, Got: append([]byte(nil), got...), Want: append([]byte(nil), want...)}
	}
	return nil
}

// encryptWithHash encrypts SHA1(data) + data + random padding to a
// multiple of 16 bytes with AES-256-IGE.
func encryptWithHash(key, iv [32]byte, data []byte, random io.Reader) ([]byte, error) {
	sum := sha1.Sum(data)
	n := len(sum) + len(data)
	padded := make([]byte, n+(16-n%16)%16)
	copy(padded, sum[:])
	copy(padded[len(sum):], data)
	if _, err := io.ReadFull(random, padded[n:]); err != nil {
		return nil, err
	}
	out := make([]byte, len(padded))
	if err := crypto.EncryptIGE(key[:], iv[:], out, padded); err != nil {
		return nil, err
	}
	return out, nil
}

// decryptWithHash reverses encryptWithHash into o, checking the length, the
// SHA1 of exactly the bytes o was decoded from, and that at most 15 bytes
// of padding follow.
func decryptWithHash(key, iv [32]byte, encrypted []byte, o tl.Object, what string) error {
	if len(encrypted) < 32 || len(encrypted)%16 != 0 {
		return &CheckError{Check: what, Detail: fmt.Sprintf("encrypted length %d", len(encrypted))}
	}
	plain := make([]byte, len(encrypted))
	if err := crypto.DecryptIGE(key[:], iv[:], plain, encrypted); err != nil {
		return &CheckError{Check: what, Err: err}
	}
	d := tl.NewDecoder(plain[sha1.Size:])
	tl.DecodeInto(d, o)
	if err := d.Err(); err != nil {
		return &CheckError{Check: what, Err: err}
	}
	n := len(plain) - sha1.Size - d.Remaining()
	if d.Remaining() > 15 {
		return &CheckError{Check: what, Detail: fmt.Sprintf("%d bytes of padding", d.Remaining())}
	}
	sum := sha1.Sum(plain[sha1.Size : sha1.Size+n])
	if subtle.ConstantTimeCompare(sum[:], plain[:sha1.Size]) != 1 {
		return &CheckError{Check: what, Detail: "SHA1 hash mismatch"}
	}
	return nil
}

func bigEndian(v uint64) []byte {
	return new(big.Int).SetUint64(v).Bytes()
}

func randomOr(r io.Reader) io.Reader {
	if r != nil {
		return r
	}
	return cryptoRand
}
