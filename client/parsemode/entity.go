package parsemode

import (
	"cmp"
	"slices"
	"unicode/utf8"

	"github.com/luagram/luagram/tl/api"
)

// A kind is a formatting entity type the parse modes know.
type kind uint8

const (
	kindBold kind = iota
	kindItalic
	kindUnderline
	kindStrike
	kindSpoiler
	kindCode
	kindPre // arg is the language, possibly empty
	kindTextURL
	kindMention     // id is the user id
	kindCustomEmoji // id is the document id
	kindQuote       // flags is 1 for an expandable quote
	kindDate        // id is the Unix time, flags the dateX bits
)

// Bits of entity.flags for kindDate; they are those of
// messageEntityFormattedDate.
const (
	dateRelative uint8 = 1 << iota
	dateShortTime
	dateLongTime
	dateShortDate
	dateLongDate
	dateDayOfWeek
)

// An entity is a message entity in the form the parsers and writers work on.
type entity struct {
	kind   kind
	offset int32 // UTF-16 code units
	length int32
	arg    string
	id     int64
	flags  uint8

	index int // position in the caller's slice, for errors of the writers
}

func (e entity) end() int32 { return e.offset + e.length }

// priority is TDLib's MessageEntity::get_type_priority: among entities with
// the same offset and length, the lower comes first.
func (e entity) priority() int {
	switch e.kind {
	case kindQuote:
		return 0
	case kindPre:
		if e.arg != "" {
			return 10
		}
		return 11
	case kindCode:
		return 20
	case kindDate:
		return 30
	case kindTextURL, kindMention:
		return 49
	case kindBold:
		return 90
	case kindItalic:
		return 91
	case kindUnderline:
		return 92
	case kindStrike:
		return 93
	case kindSpoiler:
		return 94
	}
	return 99 // kindCustomEmoji
}

// compareEntities orders entities as TDLib's sort_entities does, by offset,
// then by length, longest first, then by priority; the remaining fields
// break ties so that the order is total.
func compareEntities(a, b entity) int {
	if c := cmp.Compare(a.offset, b.offset); c != 0 {
		return c
	}
	if c := cmp.Compare(b.length, a.length); c != 0 {
		return c
	}
	if c := cmp.Compare(a.priority(), b.priority()); c != 0 {
		return c
	}
	if c := cmp.Compare(a.kind, b.kind); c != 0 {
		return c
	}
	if c := cmp.Compare(a.arg, b.arg); c != 0 {
		return c
	}
	if c := cmp.Compare(a.id, b.id); c != 0 {
		return c
	}
	return cmp.Compare(a.flags, b.flags)
}

func sortEntities(es []entity) { slices.SortStableFunc(es, compareEntities) }

// sameEntities reports whether a and b hold the same entities in the same
// order, ignoring index.
func sameEntities(a, b []entity) bool {
	return slices.EqualFunc(a, b, func(x, y entity) bool {
		x.index, y.index = 0, 0
		return x == y
	})
}

// toAPI converts entities to their MTProto constructors. A mention becomes
// an inputMessageEntityMentionName with an unresolved inputUser.
func toAPI(es []entity) []api.MessageEntityClass {
	if len(es) == 0 {
		return nil
	}
	out := make([]api.MessageEntityClass, len(es))
	for i, e := range es {
		o, l := e.offset, e.length
		switch e.kind {
		case kindBold:
			out[i] = &api.MessageEntityBold{Offset: o, Length: l}
		case kindItalic:
			out[i] = &api.MessageEntityItalic{Offset: o, Length: l}
		case kindUnderline:
			out[i] = &api.MessageEntityUnderline{Offset: o, Length: l}
		case kindStrike:
			out[i] = &api.MessageEntityStrike{Offset: o, Length: l}
		case kindSpoiler:
			out[i] = &api.MessageEntitySpoiler{Offset: o, Length: l}
		case kindCode:
			out[i] = &api.MessageEntityCode{Offset: o, Length: l}
		case kindPre:
			out[i] = &api.MessageEntityPre{Offset: o, Length: l, Language: e.arg}
		case kindTextURL:
			out[i] = &api.MessageEntityTextURL{Offset: o, Length: l, URL: e.arg}
		case kindMention:
			out[i] = &api.InputMessageEntityMentionName{Offset: o, Length: l, UserID: &api.InputUser{UserID: e.id}}
		case kindCustomEmoji:
			out[i] = &api.MessageEntityCustomEmoji{Offset: o, Length: l, DocumentID: e.id}
		case kindQuote:
			out[i] = &api.MessageEntityBlockquote{Offset: o, Length: l, Collapsed: e.flags != 0}
		case kindDate:
			out[i] = &api.MessageEntityFormattedDate{Offset: o, Length: l, Date: int32(e.id),
				Relative: e.flags&dateRelative != 0, ShortTime: e.flags&dateShortTime != 0,
				LongTime: e.flags&dateLongTime != 0, ShortDate: e.flags&dateShortDate != 0,
				LongDate: e.flags&dateLongDate != 0, DayOfWeek: e.flags&dateDayOfWeek != 0}
		}
	}
	return out
}

// fromAPI converts the entities the writers are given, checking their
// ranges against text. Entities that Telegram finds by itself in the text
// (mentions, hashtags, URLs and the like), empty entities and nil ones are
// left out: writing the text produces them again. The result is sorted.
func fromAPI(text string, in []api.MessageEntityClass) ([]entity, []int, error) {
	if !utf8.ValidString(text) {
		return nil, nil, &EntityError{Index: -1, Msg: "text is not valid UTF-8"}
	}
	offsets := byteOffsets(text)
	limit := int32(len(offsets) - 1)
	out := make([]entity, 0, len(in))
	for i, x := range in {
		var e entity
		switch x := x.(type) {
		case *api.MessageEntityBold:
			e = entity{kind: kindBold, offset: x.Offset, length: x.Length}
		case *api.MessageEntityItalic:
			e = entity{kind: kindItalic, offset: x.Offset, length: x.Length}
		case *api.MessageEntityUnderline:
			e = entity{kind: kindUnderline, offset: x.Offset, length: x.Length}
		case *api.MessageEntityStrike:
			e = entity{kind: kindStrike, offset: x.Offset, length: x.Length}
		case *api.MessageEntitySpoiler:
			e = entity{kind: kindSpoiler, offset: x.Offset, length: x.Length}
		case *api.MessageEntityCode:
			e = entity{kind: kindCode, offset: x.Offset, length: x.Length}
		case *api.MessageEntityPre:
			e = entity{kind: kindPre, offset: x.Offset, length: x.Length, arg: x.Language}
		case *api.MessageEntityTextURL:
			if x.URL == "" {
				return nil, nil, &EntityError{Index: i, Msg: "text URL without URL"}
			}
			e = entity{kind: kindTextURL, offset: x.Offset, length: x.Length, arg: x.URL}
		case *api.MessageEntityMentionName:
			e = entity{kind: kindMention, offset: x.Offset, length: x.Length, id: x.UserID}
		case *api.InputMessageEntityMentionName:
			var id int64
			switch u := x.UserID.(type) {
			case *api.InputUser:
				id = u.UserID
			case *api.InputUserFromMessage:
				id = u.UserID
			default:
				return nil, nil, &EntityError{Index: i, Msg: "mention of a user without a user id"}
			}
			e = entity{kind: kindMention, offset: x.Offset, length: x.Length, id: id}
		case *api.MessageEntityCustomEmoji:
			e = entity{kind: kindCustomEmoji, offset: x.Offset, length: x.Length, id: x.DocumentID}
		case *api.MessageEntityBlockquote:
			e = entity{kind: kindQuote, offset: x.Offset, length: x.Length}
			if x.Collapsed {
				e.flags = 1
			}
		case *api.MessageEntityFormattedDate:
			e = entity{kind: kindDate, offset: x.Offset, length: x.Length, id: int64(x.Date)}
			for _, f := range []struct {
				set bool
				bit uint8
			}{{x.Relative, dateRelative}, {x.ShortTime, dateShortTime}, {x.LongTime, dateLongTime},
				{x.ShortDate, dateShortDate}, {x.LongDate, dateLongDate}, {x.DayOfWeek, dateDayOfWeek}} {
				if f.set {
					e.flags |= f.bit
				}
			}
			if e.flags&dateRelative != 0 && e.flags != dateRelative {
				return nil, nil, &EntityError{Index: i, Msg: "relative date with other formatting flags"}
			}
			if x.Date <= 0 {
				return nil, nil, &EntityError{Index: i, Msg: "formatted date before 1970"}
			}
		default:
			continue
		}
		e.index = i
		switch {
		case e.kind == kindMention && (e.id <= 0 || e.id > maxUserID):
			return nil, nil, &EntityError{Index: i, Msg: "mention of an invalid user id"}
		case e.kind == kindCustomEmoji && e.id == 0:
			return nil, nil, &EntityError{Index: i, Msg: "custom emoji without a document id"}
		}
		if e.length == 0 {
			continue
		}
		if e.offset < 0 || e.length < 0 || e.offset > limit || e.length > limit-e.offset {
			return nil, nil, &EntityError{Index: i, Msg: "range outside the text"}
		}
		if offsets[e.offset] < 0 || offsets[e.end()] < 0 {
			return nil, nil, &EntityError{Index: i, Msg: "range splits a surrogate pair"}
		}
		out = append(out, e)
	}
	sortEntities(out)
	return out, offsets, nil
}
