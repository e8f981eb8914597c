package transport

// EncodeDC returns DC id as an obfuscated2 header carries it for MTProxy:
// 10000 is added for the test servers, and the result is negated for a
// media (not CDN) DC. EncodeDC(2, false, false) is 2,
// EncodeDC(1, true, false) 10001, EncodeDC(4, false, true) -4.
func EncodeDC(id int16, test, media bool) int16 {
	if test {
		id += 10000
	}
	if media {
		id = -id
	}
	return id
}
