package sandbox

import (
	"reflect"
	"sort"
	"unicode"

	"github.com/luagram/luagram/tl/api"
)

// Telegram's servers find the entities a reader can tap in the text of
// every message, caption and edit: bot commands, @mentions, #hashtags,
// $cashtags, bank card numbers, URLs and e-mail addresses. Clients never
// send those kinds (TDLib's get_input_message_entities and Telegram
// Desktop's ConvertOption::SkipLocal drop them), TDLib does not look for
// them again in a message from the server (get_message_text with
// skip_new_entities) and takes the entities of updateShortSentMessage as
// the text's: so the server finds them even when the client sent
// formatting entities, and merges the two. The rules below are the ones
// TDLib mirrors in td/telegram/MessageEntity.cpp (find_entities); offsets
// and lengths count UTF-16 code units (core.telegram.org/api/entities).
//
// Not found: phone numbers (the servers mark some as messageEntityPhone by
// rules nobody has published) and media timestamps (a TDLib-only entity).

// withDetectedEntities is what the server stores for a message made of text
// and the entities its sender gave: those, plus the ones it finds in the
// text that do not clash with them. A found entity is dropped where it
// overlaps an explicit entity other than bold, italic, underline,
// strikethrough or spoiler (a URL may be bold, but not inside code or a
// text link), and where it crosses the edge of a blockquote.
func withDetectedEntities(text string, explicit []api.MessageEntityClass) []api.MessageEntityClass {
	found := detectEntities(text)
	if len(found) == 0 {
		return explicit
	}
	if len(explicit) == 0 {
		return found
	}
	out := append([]api.MessageEntityClass(nil), explicit...)
	for _, e := range found {
		if !clashes(e, explicit) {
			out = append(out, e)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		oi, li := entitySpan(out[i])
		oj, lj := entitySpan(out[j])
		if oi != oj {
			return oi < oj
		}
		return li > lj
	})
	return out
}

// clashes reports whether a found entity may not go with the explicit ones.
func clashes(e api.MessageEntityClass, explicit []api.MessageEntityClass) bool {
	off, n := entitySpan(e)
	end := off + n
	for _, x := range explicit {
		xo, xn := entitySpan(x)
		xe := xo + xn
		if xn <= 0 || xe <= off || end <= xo {
			continue // no overlap
		}
		switch x.(type) {
		case *api.MessageEntityBold, *api.MessageEntityItalic, *api.MessageEntityUnderline,
			*api.MessageEntityStrike, *api.MessageEntitySpoiler:
			// formatting spans may hold anything
		case *api.MessageEntityBlockquote:
			if off < xo || end > xe {
				return true
			}
		default:
			return true
		}
	}
	return false
}

// foundOnly reports whether every entity is of a kind the server finds by
// itself: such text still goes out in the short update forms.
func foundOnly(es []api.MessageEntityClass) bool {
	for _, e := range es {
		switch e.(type) {
		case *api.MessageEntityMention, *api.MessageEntityBotCommand, *api.MessageEntityHashtag,
			*api.MessageEntityCashtag, *api.MessageEntityBankCard, *api.MessageEntityURL, *api.MessageEntityEmail:
		default:
			return false
		}
	}
	return true
}

// entitySpan returns an entity's offset and length (every constructor of
// MessageEntity has both).
func entitySpan(e api.MessageEntityClass) (offset, length int32) {
	v := reflect.ValueOf(e)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return 0, 0
	}
	v = v.Elem()
	o, l := v.FieldByName("Offset"), v.FieldByName("Length")
	if o.Kind() != reflect.Int32 || l.Kind() != reflect.Int32 {
		return 0, 0
	}
	return int32(o.Int()), int32(l.Int())
}

// An entityKind is a kind of entity the server finds by itself.
type entityKind uint8

const (
	kindMention entityKind = iota
	kindBotCommand
	kindHashtag
	kindCashtag
	kindBankCard
	kindURL
	kindEmail
)

// A span is a found entity, in rune indices of the text: [start, end).
type span struct {
	kind       entityKind
	start, end int
}

// detectEntities finds the entities of a plain text, sorted by offset; they
// never overlap. Invalid UTF-8 bytes count as one U+FFFD each.
func detectEntities(text string) []api.MessageEntityClass {
	r := []rune(text)
	var spans []span
	add := func(kind entityKind, found [][2]int) {
		for _, f := range found {
			spans = append(spans, span{kind, f[0], f[1]})
		}
	}
	add(kindMention, findMentions(r))
	add(kindBotCommand, findBotCommands(r))
	add(kindHashtag, findHashtags(r))
	add(kindCashtag, findCashtags(r))
	add(kindBankCard, findBankCards(r))
	add(kindURL, findTgURLs(r))
	spans = append(spans, findURLs(r)...)
	if len(spans) == 0 {
		return nil
	}
	// As TDLib's fix_entity_offsets: by offset, the longest first, and of
	// intersecting entities only the first survives.
	sort.SliceStable(spans, func(i, j int) bool {
		if spans[i].start != spans[j].start {
			return spans[i].start < spans[j].start
		}
		return spans[i].end > spans[j].end
	})
	units := make([]int32, len(r)+1) // UTF-16 offset of each rune
	for i, c := range r {
		units[i+1] = units[i] + 1
		if c >= 0x10000 {
			units[i+1]++
		}
	}
	var out []api.MessageEntityClass
	last := 0
	for _, s := range spans {
		if s.start < last || s.end <= s.start {
			continue
		}
		last = s.end
		off, n := units[s.start], units[s.end]-units[s.start]
		var e api.MessageEntityClass
		switch s.kind {
		case kindMention:
			e = &api.MessageEntityMention{Offset: off, Length: n}
		case kindBotCommand:
			e = &api.MessageEntityBotCommand{Offset: off, Length: n}
		case kindHashtag:
			e = &api.MessageEntityHashtag{Offset: off, Length: n}
		case kindCashtag:
			e = &api.MessageEntityCashtag{Offset: off, Length: n}
		case kindBankCard:
			e = &api.MessageEntityBankCard{Offset: off, Length: n}
		case kindURL:
			e = &api.MessageEntityURL{Offset: off, Length: n}
		case kindEmail:
			e = &api.MessageEntityEmail{Offset: off, Length: n}
		}
		out = append(out, e)
	}
	return out
}

// isWordChar is a letter, a number of any kind, or '_'.
func isWordChar(c rune) bool {
	return c == '_' || unicode.IsLetter(c) || unicode.IsNumber(c)
}

func isDigit(c rune) bool { return '0' <= c && c <= '9' }

func isAlnum(c rune) bool {
	return isDigit(c) || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}

func isUsernameChar(c rune) bool { return isAlnum(c) || c == '_' }

// at returns r[i], or 0 past either end.
func at(r []rune, i int) rune {
	if i < 0 || i >= len(r) {
		return 0
	}
	return r[i]
}

// findMentions finds @username: 2 to 32 characters of [A-Za-z0-9_], not
// after a word character and not followed by one. Shorter than 4 are
// mentions only of @gif, @nft, @pic, @ufc and @vid.
func findMentions(r []rune) [][2]int {
	var out [][2]int
	for i := 0; i < len(r); i++ {
		if r[i] != '@' || isWordChar(at(r, i-1)) {
			continue
		}
		j := i + 1
		for j < len(r) && isUsernameChar(r[j]) {
			j++
		}
		size := j - i - 1
		if size >= 2 && size <= 32 && !isWordChar(at(r, j)) {
			if size >= 4 || isShortBotName(string(r[i+1:j])) {
				out = append(out, [2]int{i, j})
			}
		}
		i = j - 1
	}
	return out
}

func isShortBotName(s string) bool {
	switch lowerASCII(s) {
	case "gif", "nft", "pic", "ufc", "vid":
		return true
	}
	return false
}

// findBotCommands finds /command and /command@botname: 1 to 64 characters
// of [A-Za-z0-9_], a bot username of 3 to 32, at the start of a word (not
// after a word character, '/', '<' or '>') and not followed by one.
func findBotCommands(r []rune) [][2]int {
	var out [][2]int
	edge := func(c rune) bool { return isWordChar(c) || c == '/' || c == '<' || c == '>' }
	for i := 0; i < len(r); i++ {
		if r[i] != '/' || edge(at(r, i-1)) {
			continue
		}
		j := i + 1
		for j < len(r) && isUsernameChar(r[j]) {
			j++
		}
		if size := j - i - 1; size < 1 || size > 64 {
			i = j - 1
			continue
		}
		if at(r, j) == '@' {
			k := j + 1
			for k < len(r) && isUsernameChar(r[k]) {
				k++
			}
			if size := k - j - 1; size < 3 || size > 32 {
				i = k - 1
				continue
			}
			j = k
		}
		if !edge(at(r, j)) {
			out = append(out, [2]int{i, j})
		}
		i = j - 1
	}
	return out
}

// isHashtagLetter is what a hashtag is made of: letters, decimal digits,
// '_', ZWNJ, the middle dot and the Sinhala block.
func isHashtagLetter(c rune) bool {
	return c == '_' || c == 0x200c || c == 0xb7 || (0xd80 <= c && c <= 0xdff) ||
		unicode.IsLetter(c) || unicode.Is(unicode.Nd, c)
}

// findHashtags finds #tag and #tag@chat: hashtag letters with at least
// one letter among them (so "#123" is none), not after a hashtag letter
// and not followed by '#'. Only the first 256 characters are the entity; a
// tag no longer than that may end in '@' and a chat username (its first 32
// characters of [A-Za-z0-9_], at least 3).
func findHashtags(r []rune) [][2]int {
	var out [][2]int
	for i := 0; i < len(r); i++ {
		if r[i] != '#' || isHashtagLetter(at(r, i-1)) {
			continue
		}
		j, end, letter := i+1, -1, false
		for j < len(r) && isHashtagLetter(r[j]) {
			if n := j - i - 1; n < 256 {
				letter = letter || unicode.IsLetter(r[j])
				if n == 255 {
					end = j + 1
				}
			}
			j++
		}
		if j == i+1 {
			continue
		}
		if end < 0 || end == j {
			end = j
			if at(r, j) == '@' {
				k := j + 1
				for k < len(r) && k-j < 33 && isUsernameChar(r[k]) {
					k++
				}
				if k-j-1 >= 3 {
					j, end = k, k
				}
			}
		}
		if at(r, j) != '#' && letter {
			out = append(out, [2]int{i, end})
		}
		i = j - 1
	}
	return out
}

// findCashtags finds $USD and $USD@chat: 1 to 8 capital Latin letters (or
// $1INCH), perhaps '@' and a chat username of 3 to 32 characters, not after
// a hashtag letter or '$' and not followed by one.
func findCashtags(r []rune) [][2]int {
	var out [][2]int
	for i := 0; i < len(r); i++ {
		if r[i] != '$' || isHashtagLetter(at(r, i-1)) || at(r, i-1) == '$' {
			continue
		}
		j := i + 1
		if string(r[j:min(j+5, len(r))]) == "1INCH" {
			j += 5
		} else {
			for j < len(r) && 'A' <= r[j] && r[j] <= 'Z' {
				j++
			}
		}
		if size := j - i - 1; size < 1 || size > 8 {
			i = j - 1
			continue
		}
		if at(r, j) == '@' {
			k := j + 1
			for k < len(r) && isUsernameChar(r[k]) {
				k++
			}
			if n := k - j - 1; n >= 3 && n <= 32 {
				j = k
			}
		}
		if !isHashtagLetter(at(r, j)) && at(r, j) != '$' {
			out = append(out, [2]int{i, j})
		}
		i = j - 1
	}
	return out
}

// findBankCards finds card numbers: 13 to 19 digits, perhaps grouped by
// spaces or dashes, not after a letter, '.', ',', '+', '-' or '_' and not
// followed by a letter, '-' or '_', that pass the Luhn check and the
// lengths of the card schemes.
func findBankCards(r []rune) [][2]int {
	var out [][2]int
	sep := func(c rune) bool { return isDigit(c) || c == ' ' || c == '-' }
	i := 0
	for {
		for i < len(r) && !isDigit(r[i]) {
			i++
		}
		if i == len(r) {
			return out
		}
		if p := at(r, i-1); i > 0 && (p == '.' || p == ',' || p == '+' || p == '-' || p == '_' || unicode.IsLetter(p)) {
			for i < len(r) && sep(r[i]) {
				i++
			}
			continue
		}
		begin, digits := i, 0
		for i < len(r) && sep(r[i]) {
			if r[i] == ' ' && digits >= 16 && digits <= 19 && digits == i-begin {
				break // a run of digits, then a space: the number ends here
			}
			if isDigit(r[i]) {
				digits++
			}
			i++
		}
		if digits < 13 || digits > 19 {
			continue
		}
		end := i
		for !isDigit(r[end-1]) {
			end--
		}
		if end-begin > 2*digits-1 {
			continue
		}
		if n := at(r, end); end < len(r) && (n == '-' || n == '_' || unicode.IsLetter(n)) {
			continue
		}
		if validBankCard(r[begin:end]) {
			out = append(out, [2]int{begin, end})
		}
	}
}

// validBankCard applies the Luhn checksum and the lengths of Visa,
// Mastercard, American Express, UnionPay and MIR.
func validBankCard(r []rune) bool {
	var d []int
	for _, c := range r {
		if isDigit(c) {
			d = append(d, int(c-'0'))
		}
	}
	sum := 0
	for i := len(d) - 1; i >= 0; i-- {
		x := d[i]
		if (len(d)-1-i)%2 == 1 {
			x *= 2
			if x > 9 {
				x -= 9
			}
		}
		sum += x
	}
	if sum%10 != 0 {
		return false
	}
	n := len(d)
	p2 := d[0]*10 + d[1]
	p4 := p2*100 + d[2]*10 + d[3]
	switch {
	case d[0] == 4: // Visa
		return n == 13 || n == 16 || n == 18 || n == 19
	case (51 <= p2 && p2 <= 55) || (2221 <= p4 && p4 <= 2720): // Mastercard
		return n == 16
	case p2 == 34 || p2 == 37: // American Express
		return n == 15
	case p2 == 62 || p2 == 81: // UnionPay
		return n >= 16
	case 2200 <= p4 && p4 <= 2204: // MIR
		return n == 16
	}
	return true
}

// lowerASCII lowers the ASCII letters of s.
func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
