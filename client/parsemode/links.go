package parsemode

import (
	"strconv"
	"strings"
)

// Bot API user ids are positive and below 2^40 (TDLib's UserId::is_valid).
const maxUserID = 1<<40 - 1

// parseCanonicalInt parses a decimal integer of the given bit size written
// without a plus sign, leading zeros or spaces, as TDLib's to_integer_safe
// requires.
func parseCanonicalInt(s string, bits int) (int64, bool) {
	v, err := strconv.ParseInt(s, 10, bits)
	if err != nil || strconv.FormatInt(v, 10) != s {
		return 0, false
	}
	return v, true
}

// tgQuery returns the query of a tg://host?query or tg:host?query URL,
// the scheme and host compared without regard to case, as TDLib's
// LinkManager::check_tg_url_host does. The fragment is cut off.
func tgQuery(url, host string) (string, bool) {
	if len(url) < 3 || !strings.EqualFold(url[:3], "tg:") {
		return "", false
	}
	url = url[3:]
	url = strings.TrimPrefix(url, "//")
	if len(url) < len(host) || !strings.EqualFold(url[:len(host)], host) {
		return "", false
	}
	url = url[len(host):]
	if url != "" && !strings.ContainsRune("/?#", rune(url[0])) {
		return "", false
	}
	url = strings.TrimPrefix(url, "/")
	if !strings.HasPrefix(url, "?") {
		return "", false
	}
	url = url[1:]
	if i := strings.IndexByte(url, '#'); i >= 0 {
		url = url[:i]
	}
	return url, true
}

// queryValue returns the value of the first parameter named key.
func queryValue(query, key string) (string, bool) {
	for _, p := range strings.Split(query, "&") {
		k, v, _ := strings.Cut(p, "=")
		if k == key {
			return v, true
		}
	}
	return "", false
}

// linkUserID returns the user id of a tg://user?id=N link, as TDLib's
// LinkManager::get_link_user_id, which reads the whole URL lower-cased.
func linkUserID(url string) (int64, bool) {
	q, ok := tgQuery(strings.ToLower(url), "user")
	if !ok {
		return 0, false
	}
	v, ok := queryValue(q, "id")
	if !ok {
		return 0, false
	}
	id, ok := parseCanonicalInt(v, 64)
	return id, ok && id > 0 && id <= maxUserID
}

// linkCustomEmojiID returns the document id of a tg://emoji?id=N link.
func linkCustomEmojiID(url string) (int64, bool) {
	q, ok := tgQuery(url, "emoji")
	if !ok {
		return 0, false
	}
	v, ok := queryValue(q, "id")
	if !ok {
		return 0, false
	}
	id, ok := parseCanonicalInt(v, 64)
	return id, ok && id != 0
}

// linkDate returns the time and formatting flags of a
// tg://time?unix=N&format=F link.
func linkDate(url string) (date int32, flags uint8, ok bool) {
	q, ok := tgQuery(url, "time")
	if !ok {
		return 0, 0, false
	}
	var format string
	for _, p := range strings.Split(q, "&") {
		k, v, _ := strings.Cut(p, "=")
		switch k {
		case "unix":
			d, ok := parseCanonicalInt(v, 32)
			if !ok || d <= 0 {
				return 0, 0, false
			}
			date = int32(d)
		case "format":
			format = v
		}
	}
	flags, ok = dateFlags(format)
	return date, flags, ok && date > 0
}

// dateFlags parses the format of a formatted date as TDLib's
// FormattedDate::get_date_flags: "r" for a relative date, or any of t and T
// (time), d and D (date) and w (day of the week).
func dateFlags(format string) (uint8, bool) {
	if format == "r" || format == "R" {
		return dateRelative, true
	}
	var f uint8
	for i := 0; i < len(format); i++ {
		switch format[i] {
		case 't':
			f |= dateShortTime
		case 'T':
			f |= dateLongTime
		case 'd':
			f |= dateShortDate
		case 'D':
			f |= dateLongDate
		case 'w', 'W':
			f |= dateDayOfWeek
		default:
			return 0, false
		}
	}
	return f, true
}

// dateFormat writes flags back as a format.
func dateFormat(flags uint8) string {
	if flags&dateRelative != 0 {
		return "r"
	}
	var b []byte
	for _, f := range []struct {
		bit uint8
		c   byte
	}{{dateDayOfWeek, 'w'}, {dateShortDate, 'd'}, {dateLongDate, 'D'}, {dateShortTime, 't'}, {dateLongTime, 'T'}} {
		if flags&f.bit != 0 {
			b = append(b, f.c)
		}
	}
	return string(b)
}

// entityURL returns the URL a link-like entity is written with.
func entityURL(e entity) string {
	switch e.kind {
	case kindMention:
		return "tg://user?id=" + strconv.FormatInt(e.id, 10)
	case kindCustomEmoji:
		return "tg://emoji?id=" + strconv.FormatInt(e.id, 10)
	case kindDate:
		u := "tg://time?unix=" + strconv.FormatInt(e.id, 10)
		if f := dateFormat(e.flags); f != "" {
			u += "&format=" + f
		}
		return u
	}
	return e.arg
}
