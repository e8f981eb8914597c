package fileid

// zeroEncode replaces each run of zero bytes of b with a zero followed by the
// run's length, as TDLib's zero_encode does: runs longer than 250 bytes are
// split.
func zeroEncode(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		out = append(out, b[i])
		if b[i] != 0 {
			continue
		}
		n := 1
		for n < 250 && i+n < len(b) && b[i+n] == 0 {
			n++
		}
		out = append(out, byte(n))
		i += n - 1
	}
	return out
}

// zeroDecode reverses zeroEncode. A zero at the very end stands for itself,
// as in TDLib's zero_decode.
func zeroDecode(b []byte) []byte {
	n := len(b)
	for i := 0; i+1 < len(b); i++ {
		if b[i] == 0 {
			n += int(b[i+1]) - 2
			i++
		}
	}
	out := make([]byte, 0, n)
	for i := 0; i < len(b); i++ {
		if b[i] == 0 && i+1 < len(b) {
			for k := b[i+1]; k > 0; k-- {
				out = append(out, 0)
			}
			i++
			continue
		}
		out = append(out, b[i])
	}
	return out
}
