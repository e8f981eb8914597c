package sandbox

import (
	_ "embed"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// URLs and e-mail addresses, as TDLib's match_urls, fix_url and
// is_email_address find them (td/telegram/MessageEntity.cpp).

//go:embed entities_tlds.txt
var tldList string

// tlds is the set of top-level domains a URL without a scheme must end in.
var tlds = func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(tldList, "\n") {
		if line = strings.TrimSpace(line); line != "" && line[0] != '#' {
			m[line] = true
		}
	}
	return m
}()

// isSeparator is a space of any kind; control characters count too, as the
// servers turn them into spaces.
func isSeparator(c rune) bool { return c < 0x20 || unicode.In(c, unicode.Z) }

// isURLChar is a character a URL may hold outside ASCII: no space, and of
// the general punctuation block only ZWNJ, ZWJ and the dashes.
func isURLChar(c rune) bool {
	if 0x2000 <= c && c <= 0x206f {
		return c == 0x200c || c == 0x200d || (0x2010 <= c && c <= 0x2015)
	}
	return !isSeparator(c)
}

func isURLPathChar(c rune) bool {
	switch c {
	case '\n', '<', '>', '"', '«', '»':
		return false
	}
	return isURLChar(c)
}

func isDomainChar(c rune) bool {
	if c < 0xc0 {
		return c == '.' || isUsernameChar(c) || c == '-' || c == '~'
	}
	return isURLChar(c)
}

func isUserDataChar(c rune) bool {
	switch c {
	case '\n', '/', '[', ']', '{', '}', '(', ')', '\'', '`', '<', '>', '"', '@', '«', '»':
		return false
	}
	return isURLChar(c)
}

func isProtocolChar(c rune) bool {
	if c < 0x80 {
		return isAlnum(c) || c == '+' || c == '-'
	}
	return !isSeparator(c) // kept, so that the protocol is then refused
}

// isBadPathEnd is punctuation a URL does not end with ("see x.com/a.").
func isBadPathEnd(c rune) bool { return strings.ContainsRune(".:;,('?!`", c) }

// readPath extends a URL over a path, query or fragment starting at r[i],
// without trailing punctuation, and returns where the URL ends.
func readPath(r []rune, i int) int {
	if i >= len(r) || (r[i] != '/' && r[i] != '?' && r[i] != '#') {
		return i
	}
	end := i + 1
	for end < len(r) && isURLPathChar(r[end]) {
		end++
	}
	for end > i+1 && isBadPathEnd(r[end-1]) {
		end--
	}
	if r[i] == '/' || end > i+1 {
		return end
	}
	return i
}

// findTgURLs finds tg://, ton:// and tonsite:// links: a host of 1 to 253
// characters of [A-Za-z0-9_-] and perhaps a path.
func findTgURLs(r []rune) [][2]int {
	var out [][2]int
	for i := 0; len(r)-i > 5; {
		for i < len(r) && r[i] != ':' {
			i++
		}
		if i == len(r) {
			break
		}
		if at(r, i+1) != '/' || at(r, i+2) != '/' {
			i++
			continue
		}
		begin := -1
		if i >= 2 && lowerASCII(string(r[i-2:i])) == "tg" {
			begin = i - 2
		} else if i >= 3 && lowerASCII(string(r[i-3:i])) == "ton" {
			begin = i - 3
		} else if i >= 7 && lowerASCII(string(r[i-7:i])) == "tonsite" {
			begin = i - 7
		}
		if begin < 0 {
			i++
			continue
		}
		i += 3
		host := i
		for i < len(r) && i-host < 253 && (isUsernameChar(r[i]) || r[i] == '-') {
			i++
		}
		if i == host {
			continue
		}
		i = readPath(r, i)
		out = append(out, [2]int{begin, i})
	}
	return out
}

// findURLs finds URLs and e-mail addresses: from every dot, a domain that
// extends both ways, perhaps user data before an '@', a port, a path, and
// a scheme of http, https, ftp or tonsite before "://". What it finds is then an
// e-mail address, a URL that passes fixURL, or nothing.
func findURLs(r []rune) []span {
	var out []span
	for _, u := range matchURLs(r) {
		s := string(r[u[0]:u[1]])
		switch {
		case isEmailAddress(s):
			out = append(out, span{kindEmail, u[0], u[1]})
		case strings.HasPrefix(s, "mailto:") && isEmailAddress(s[7:]):
			out = append(out, span{kindEmail, u[0] + 7, u[1]})
		default:
			if keep := fixURL(s); keep > 0 {
				out = append(out, span{kindURL, u[0], u[0] + utf8.RuneCountInString(s[:keep])})
			}
		}
	}
	return out
}

// matchURLs finds the candidates for findURLs.
func matchURLs(r []rune) [][2]int {
	var out [][2]int
	start := 0 // where the text not yet looked at begins
	for {
		dot := -1
		for i := start; i < len(r); i++ {
			if r[i] == '.' {
				dot = i
				break
			}
		}
		if dot < 0 || dot+1 == len(r) {
			return out
		}
		if r[dot+1] == ' ' {
			start = dot + 2
			continue
		}
		domainBegin := dot
		for domainBegin > start && isDomainChar(r[domainBegin-1]) {
			domainBegin--
		}
		lastAt, domainEnd := -1, dot
		for ; domainEnd < len(r); domainEnd++ {
			if r[domainEnd] == '@' {
				lastAt = domainEnd
			} else if !isDomainChar(r[domainEnd]) {
				break
			}
		}
		if lastAt >= 0 {
			for domainBegin > start && isUserDataChar(r[domainBegin-1]) {
				domainBegin--
			}
		}

		end := domainEnd
		if at(r, end) == ':' { // a port, 1 to 65535
			portEnd := end + 1
			for portEnd < len(r) && isDigit(r[portEnd]) {
				portEnd++
			}
			p := end + 1
			for p < portEnd && r[p] == '0' {
				p++
			}
			if p < portEnd && portEnd-p <= 5 {
				if n, _ := strconv.Atoi(string(r[p:portEnd])); n <= 65535 {
					end = portEnd
				}
			}
		}
		end = readPath(r, end)
		for end > dot+1 && r[end-1] == '.' {
			end--
		}

		bad := false
		begin := domainBegin
		if begin > start && r[begin-1] == '@' {
			if lastAt >= 0 {
				bad = true
			}
			userBegin := begin - 1
			for userBegin > start && isUserDataChar(r[userBegin-1]) {
				userBegin--
			}
			if userBegin == begin-1 {
				bad = true
			}
			begin = userBegin
		}
		if begin > start {
			if begin-start >= 6 && string(r[begin-3:begin]) == "://" {
				p := begin - 3
				for p > start && isProtocolChar(r[p-1]) {
					p--
				}
				switch proto := lowerASCII(string(r[p : begin-3])); {
				case strings.HasSuffix(proto, "http") && proto != "shttp":
					begin -= 7
				case strings.HasSuffix(proto, "https"):
					begin -= 8
				case strings.HasSuffix(proto, "ftp") && proto != "tftp" && proto != "sftp":
					begin -= 6
				case strings.HasSuffix(proto, "tonsite"):
					begin -= 10
				default:
					bad = true
				}
			} else if c := r[begin-1]; isWordChar(c) || c == '/' || c == '#' || c == '@' {
				bad = true
			}
		}

		if !bad {
			if end > dot+1 {
				out = append(out, [2]int{begin, end})
			}
			for end < len(r) && r[end] == '.' {
				end++
			}
		} else {
			for r[end-1] != '.' {
				end--
			}
		}
		if end <= dot {
			end = dot + 1
		}
		start = end
	}
}

// isEmailAddress matches
// ([a-z0-9_-]{0,26}[.+]){0,10}[a-z0-9_-]{1,35}@(([a-z0-9][a-z0-9_-]{0,28})?[a-z0-9][.]){1,6}[a-z]{2,8}
// without regard to case.
func isEmailAddress(s string) bool {
	user, domain, ok := strings.Cut(s, "@")
	if !ok || domain == "" {
		return false
	}
	prev, parts := 0, 0
	for i := 0; i < len(user); i++ {
		if c := rune(user[i]); c == '.' || c == '+' {
			if i-prev >= 27 {
				return false
			}
			parts++
			prev = i + 1
		} else if !isUsernameChar(c) && c != '-' {
			return false
		}
	}
	parts++
	if parts >= 12 || len(user)-prev == 0 || len(user)-prev >= 36 {
		return false
	}
	labels := strings.Split(domain, ".")
	if len(labels) <= 1 || len(labels) > 7 {
		return false
	}
	tld := labels[len(labels)-1]
	if len(tld) <= 1 || len(tld) >= 9 {
		return false
	}
	for i := 0; i < len(tld); i++ {
		if c := rune(tld[i]) | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	for _, l := range labels[:len(labels)-1] {
		if l == "" || len(l) >= 31 || !isAlnum(rune(l[0])) || !isAlnum(rune(l[len(l)-1])) {
			return false
		}
		for i := 0; i < len(l); i++ {
			if c := rune(l[i]); !isUsernameChar(c) && c != '-' {
				return false
			}
		}
	}
	return true
}

// fixURL checks a URL candidate and returns how many of its bytes are the
// URL (a path loses an unbalanced closing bracket and what follows, and its
// trailing punctuation), or 0 if it is none: a single label, a label that is
// empty, too long or ends in '-', digits only but no IPv4 address, a
// one-letter top-level domain, '_' in the last two labels, or, without a
// scheme, a top-level domain nobody uses.
func fixURL(full string) int {
	s, scheme := full, false
	if p := lowerASCII(full[:min(10, len(full))]); strings.HasPrefix(p, "http://") ||
		strings.HasPrefix(p, "https://") || strings.HasPrefix(p, "ftp://") || strings.HasPrefix(p, "tonsite://") {
		s, scheme = s[strings.IndexByte(s, ':')+3:], true
	}
	domainEnd := len(s)
	for _, c := range []byte{'/', '?', '#'} {
		if i := strings.IndexByte(s, c); i >= 0 && i < domainEnd {
			domainEnd = i
		}
	}
	domain, path := s[:domainEnd], s[domainEnd:]
	if i := strings.IndexByte(domain, '@'); i >= 0 {
		domain = domain[i+1:]
	}
	if i := strings.LastIndexByte(domain, ':'); i >= 0 {
		domain = domain[:i]
	}
	if lowerASCII(domain) == "teiegram.org" {
		return 0 // a known phishing look-alike
	}

	var depth [3]int
	keep := 0
	for ; keep < len(path); keep++ {
		switch path[keep] {
		case '(':
			depth[0]++
		case '[':
			depth[1]++
		case '{':
			depth[2]++
		case ')':
			depth[0]--
		case ']':
			depth[1]--
		case '}':
			depth[2]--
		}
		if depth[0] < 0 || depth[1] < 0 || depth[2] < 0 {
			break
		}
	}
	for keep > 0 && isBadPathEnd(rune(path[keep-1])) {
		keep--
	}
	n := len(full) - (len(path) - keep)

	prev, labels, nonDigit, ipv4 := 0, 0, false, true
	for i := 0; i <= len(domain); i++ {
		if i < len(domain) && domain[i] != '.' {
			if !isDigit(rune(domain[i])) {
				ipv4, nonDigit = false, true
			}
			continue
		}
		size := i - prev
		if size == 0 || size >= 64 || domain[i-1] == '-' {
			return 0
		}
		if ipv4 {
			if size > 3 || (size == 3 && domain[prev:i] > "255") || (domain[prev] == '0' && size >= 2) {
				ipv4 = false
			}
		}
		labels++
		if i < len(domain) {
			prev = i + 1
		}
	}
	if labels == 1 {
		return 0
	}
	if ipv4 && labels == 4 {
		return n
	}
	if !nonDigit {
		return 0
	}
	tld := domain[prev:]
	if utf8.RuneCountInString(tld) <= 1 {
		return 0
	}
	if strings.HasPrefix(tld, "xn--") {
		if len(tld) <= 5 {
			return 0
		}
		for i := 4; i < len(tld); i++ {
			if !isAlnum(rune(tld[i])) {
				return 0
			}
		}
	} else {
		if strings.ContainsAny(tld, "_-") {
			return 0
		}
		if !scheme && !isCommonTLD(tld) {
			return 0
		}
	}
	for i := prev - 2; i >= 0 && domain[i] != '.'; i-- {
		if domain[i] == '_' {
			return 0
		}
	}
	return n
}

// isCommonTLD reports whether tld is a top-level domain in use. One written
// with only its first letter capital ("Com") is not: that is a sentence.
func isCommonTLD(tld string) bool {
	lower := strings.ToLower(tld)
	if lower != tld {
		_, n := utf8.DecodeRuneInString(lower)
		_, m := utf8.DecodeRuneInString(tld)
		if lower[n:] == tld[m:] {
			return false
		}
	}
	return tlds[lower]
}
