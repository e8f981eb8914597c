package sandbox

import (
	"hash/crc32"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// Sticker sets as Telegram keeps them (core.telegram.org/api/stickers):
// sets users and bots create with stickers.createStickerSet from uploaded
// documents, which every account may fetch by id or short name and
// install, archive, reorder; and each user's recently used stickers and
// saved GIFs. Lists carry the hashes of core.telegram.org/api/offsets#hash-generation:
// a client that sends the hash of what it has gets the NotModified
// constructor.

func init() {
	handlers[api.StickersCreateStickerSetRequestTypeID] = (*call).stickersCreateStickerSet
	handlers[api.MessagesGetStickerSetRequestTypeID] = (*call).messagesGetStickerSet
	handlers[api.MessagesInstallStickerSetRequestTypeID] = (*call).messagesInstallStickerSet
	handlers[api.MessagesUninstallStickerSetRequestTypeID] = (*call).messagesUninstallStickerSet
	handlers[api.MessagesGetAllStickersRequestTypeID] = (*call).messagesGetAllStickers
	handlers[api.MessagesGetMaskStickersRequestTypeID] = (*call).messagesGetMaskStickers
	handlers[api.MessagesGetArchivedStickersRequestTypeID] = (*call).messagesGetArchivedStickers
	handlers[api.MessagesGetFeaturedStickersRequestTypeID] = (*call).messagesGetFeaturedStickers
	handlers[api.MessagesReadFeaturedStickersRequestTypeID] = (*call).messagesReadFeaturedStickers
	handlers[api.MessagesReorderStickerSetsRequestTypeID] = (*call).messagesReorderStickerSets
	handlers[api.MessagesGetStickersRequestTypeID] = (*call).messagesGetStickers
	handlers[api.MessagesGetAttachedStickersRequestTypeID] = (*call).messagesGetAttachedStickers
	handlers[api.MessagesGetRecentStickersRequestTypeID] = (*call).messagesGetRecentStickers
	handlers[api.MessagesSaveRecentStickerRequestTypeID] = (*call).messagesSaveRecentSticker
	handlers[api.MessagesClearRecentStickersRequestTypeID] = (*call).messagesClearRecentStickers
	handlers[api.MessagesGetSavedGifsRequestTypeID] = (*call).messagesGetSavedGifs
	handlers[api.MessagesSaveGIFRequestTypeID] = (*call).messagesSaveGif
}

// Limits of the real servers (help.getConfig, help.getAppConfig).
const (
	maxStickersInSet  = 120 // stickers per set
	maxSetTitle       = 64
	maxSetShortName   = 64
	maxInstalledSets  = 200 // installing more archives the last ones
	maxRecentStickers = 200 // config.stickers_recent_limit
	maxSavedGifs      = 200 // appConfig saved_gifs_limit_default
	maxFeaturedSets   = 100
)

// The kinds of sticker sets, each with its own installed list and order.
const (
	kindStickers = iota
	kindMasks
	kindEmojis
	numSetKinds
)

// A stickerSet is a set of stickers: documents in order, each with its
// emoji.
type stickerSet struct {
	id, accessHash   int64
	title, shortName string
	creator          int64
	kind             int
	date             int32
	docs             []*document
	emojis           map[int64][]string // document id → emojis
	keywords         map[int64][]string
	hash             int32
}

// stickerUser is one user's sticker state: installed sets (in order, by
// kind), archived ones (the latest archived first), read featured sets,
// recently used and attached stickers, saved GIFs.
type stickerUser struct {
	order        [numSetKinds][]int64
	archived     [numSetKinds][]int64
	installedAt  map[int64]int32
	readFeatured map[int64]bool
	recent       [2][]recentSticker // sent, attached
	gifs         []*document        // the latest saved first
}

type recentSticker struct {
	doc  *document
	date int32
}

// stickerWorld is the sandbox's sticker sets and its users' sticker
// state. It is guarded by the world's lock.
type stickerWorld struct {
	sets    map[int64]*stickerSet
	byName  map[string]*stickerSet // lower-case short name
	created []*stickerSet          // the latest last
	users   map[int64]*stickerUser
}

// stickers returns the world's sticker state. Call with w.mu held.
func (w *world) stickers() *stickerWorld {
	t := w.td()
	if t.stickers == nil {
		t.stickers = &stickerWorld{sets: map[int64]*stickerSet{}, byName: map[string]*stickerSet{}, users: map[int64]*stickerUser{}}
	}
	return t.stickers
}

func (sw *stickerWorld) user(id int64) *stickerUser {
	u := sw.users[id]
	if u == nil {
		u = &stickerUser{installedAt: map[int64]int32{}, readFeatured: map[int64]bool{}}
		sw.users[id] = u
	}
	return u
}

// hashUpdate is the step of core.telegram.org/api/offsets#hash-generation.
func hashUpdate(h, v uint64) uint64 {
	h ^= h >> 21
	h ^= h << 35
	h ^= h >> 4
	return h + v
}

func docsHash(docs []*document) int64 {
	var h uint64
	for _, d := range docs {
		h = hashUpdate(h, uint64(d.id))
	}
	return int64(h)
}

// computeHash sets the set's hash field from what a client shows of it.
func (s *stickerSet) computeHash() {
	var h uint64
	h = hashUpdate(h, uint64(crc32.ChecksumIEEE([]byte(s.title+"\x00"+s.shortName))))
	for _, d := range s.docs {
		h = hashUpdate(h, uint64(d.id))
		h = hashUpdate(h, uint64(crc32.ChecksumIEEE([]byte(strings.Join(s.emojis[d.id], "\x00")))))
	}
	s.hash = int32(h ^ h>>32)
}

// lookup finds the set an InputStickerSet names.
func (sw *stickerWorld) lookup(in api.InputStickerSetClass) *stickerSet {
	switch x := in.(type) {
	case *api.InputStickerSetID:
		if s := sw.sets[x.ID]; s != nil && s.accessHash == x.AccessHash {
			return s
		}
	case *api.InputStickerSetShortName:
		return sw.byName[strings.ToLower(x.ShortName)]
	}
	return nil
}

func (u *stickerUser) isInstalled(s *stickerSet) bool { return slices.Contains(u.order[s.kind], s.id) }
func (u *stickerUser) isArchived(s *stickerSet) bool {
	return slices.Contains(u.archived[s.kind], s.id)
}

// setObject renders a set as viewer sees it.
func (sw *stickerWorld) setObject(s *stickerSet, viewer int64) api.StickerSet {
	o := api.StickerSet{ID: s.id, AccessHash: s.accessHash, Title: s.title, ShortName: s.shortName,
		Count: int32(len(s.docs)), Hash: s.hash, Masks: s.kind == kindMasks, Emojis: s.kind == kindEmojis,
		Creator: s.creator == viewer}
	if u := sw.users[viewer]; u != nil {
		if u.isInstalled(s) || u.isArchived(s) {
			o.InstalledDate = tl.Some(u.installedAt[s.id])
		}
		o.Archived = u.isArchived(s)
	}
	return o
}

// full renders messages.stickerSet.
func (c *call) fullSet(sw *stickerWorld, s *stickerSet, viewer int64) *api.MessagesStickerSet {
	fs := c.dc.sb.files
	res := &api.MessagesStickerSet{Set: sw.setObject(s, viewer), Packs: packsOf(s.docs, func(d *document) []string { return s.emojis[d.id] }),
		Keywords: []api.StickerKeyword{}, Documents: []api.DocumentClass{}}
	for _, d := range s.docs {
		res.Documents = append(res.Documents, fs.documentObject(d))
		if kw := s.keywords[d.id]; len(kw) > 0 {
			res.Keywords = append(res.Keywords, api.StickerKeyword{DocumentID: d.id, Keyword: slices.Clone(kw)})
		}
	}
	return res
}

// covered renders a set with its first sticker as cover.
func (c *call) covered(sw *stickerWorld, s *stickerSet, viewer int64) api.StickerSetCoveredClass {
	if len(s.docs) == 0 {
		return &api.StickerSetNoCovered{Set: sw.setObject(s, viewer)}
	}
	return &api.StickerSetCovered{Set: sw.setObject(s, viewer), Cover: c.dc.sb.files.documentObject(s.docs[0])}
}

// packsOf groups documents by emoji, emojis in the order they first
// appear.
func packsOf(docs []*document, emojis func(*document) []string) []api.StickerPack {
	packs := []api.StickerPack{}
	at := map[string]int{}
	for _, d := range docs {
		for _, e := range emojis(d) {
			i, ok := at[e]
			if !ok {
				i = len(packs)
				at[e] = i
				packs = append(packs, api.StickerPack{Emoticon: e, Documents: []int64{}})
			}
			if !slices.Contains(packs[i].Documents, d.id) {
				packs[i].Documents = append(packs[i].Documents, d.id)
			}
		}
	}
	return packs
}

// setOf returns the set a sticker document belongs to, or nil.
func (sw *stickerWorld) setOf(d *document) *stickerSet {
	for _, a := range d.attrs {
		if st, ok := a.(*api.DocumentAttributeSticker); ok {
			if id, ok := st.Stickerset.(*api.InputStickerSetID); ok {
				return sw.sets[id.ID]
			}
		}
	}
	return nil
}

func isSticker(d *document) bool {
	for _, a := range d.attrs {
		if _, ok := a.(*api.DocumentAttributeSticker); ok {
			return true
		}
	}
	return false
}

// validShortName reports whether name is a valid short name: English
// letters, digits and underscores, beginning with a letter, without
// consecutive underscores, 1-64 characters.
func validShortName(name string) bool {
	if name == "" || len(name) > maxSetShortName || !isASCIILetter(name[0]) || strings.Contains(name, "__") {
		return false
	}
	for i := 0; i < len(name); i++ {
		b := name[i]
		if !isASCIILetter(b) && !(b >= '0' && b <= '9') && b != '_' {
			return false
		}
	}
	return true
}

func isASCIILetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

// splitEmoji splits the emoji of a sticker ("👍😀", "❤️ 🔥") into single
// emoji: a base character with its variation selectors, skin tones,
// keycaps and tag characters, joined by zero-width joiners; two regional
// indicators make a flag.
func splitEmoji(s string) []string {
	var out []string
	var cur []rune
	joinNext, regional := false, 0
	flush := func() {
		if len(cur) > 0 {
			out = append(out, string(cur))
			cur = cur[:0]
		}
		regional = 0
	}
	for _, r := range s {
		switch {
		case r == ' ' || r == ',' || r == '\n' || r == '\t':
			flush()
			joinNext = false
			continue
		case r == 0x200D:
			cur = append(cur, r)
			joinNext = true
			continue
		case r == 0xFE0F || r == 0xFE0E || r == 0x20E3 || r >= 0x1F3FB && r <= 0x1F3FF || r >= 0xE0020 && r <= 0xE007F:
			cur = append(cur, r)
			continue
		case r >= 0x1F1E6 && r <= 0x1F1FF:
			if regional == 1 {
				cur = append(cur, r)
				regional = 2
				continue
			}
			if !joinNext {
				flush()
			}
			cur = append(cur, r)
			regional = 1
			joinNext = false
			continue
		}
		if !joinNext {
			flush()
		}
		cur = append(cur, r)
		joinNext = false
	}
	flush()
	return out
}

// isEmoji reports whether e looks like one emoji: no letters or digits
// of a script (keycaps aside).
func isEmoji(e string) bool {
	r, _ := utf8.DecodeRuneInString(e)
	if strings.ContainsRune(e, 0x20E3) {
		return true
	}
	return r >= 0x2000 && r != 0xFFFD
}

// stickerMIMEs are the formats a sticker may have: static (WebP, PNG),
// animated (TGS) and video (WebM) stickers.
var stickerMIMEs = map[string]bool{"image/webp": true, "image/png": true, "application/x-tgsticker": true, "video/webm": true}

// stickersCreateStickerSet creates a set of uploaded documents, owned by
// user_id: a user creates sets for itself; a bot for a user, with a short
// name ending in _by_<bot username>. The creator (a user) has it
// installed.
func (c *call) stickersCreateStickerSet(q tl.Object) (any, error) {
	r := q.(*api.StickersCreateStickerSetRequest)
	fs := c.dc.sb.files
	return c.withUser(func(w *world, me *user) (any, error) {
		owner, err := c.inputUser(me, r.UserID)
		if err != nil || owner.bot || !me.bot && owner.id != me.id {
			return nil, rpcError(400, "USER_ID_INVALID")
		}
		title := strings.TrimSpace(r.Title)
		if title == "" || utf8.RuneCountInString(title) > maxSetTitle {
			return nil, rpcError(400, "PACK_TITLE_INVALID")
		}
		if !validShortName(r.ShortName) {
			return nil, rpcError(400, "PACK_SHORT_NAME_INVALID")
		}
		if me.bot && !strings.HasSuffix(strings.ToLower(r.ShortName), "_by_"+strings.ToLower(me.username)) {
			return nil, rpcError(400, "PACK_SHORT_NAME_INVALID")
		}
		sw := w.stickers()
		if sw.byName[strings.ToLower(r.ShortName)] != nil {
			return nil, rpcError(400, "PACK_SHORT_NAME_OCCUPIED")
		}
		if len(r.Stickers) == 0 {
			return nil, rpcError(400, "STICKERS_EMPTY")
		}
		if len(r.Stickers) > maxStickersInSet {
			return nil, rpcError(400, "STICKERS_TOO_MUCH")
		}
		kind := kindStickers
		switch {
		case r.Masks:
			kind = kindMasks
		case r.Emojis:
			kind = kindEmojis
		}
		s := &stickerSet{id: newFileID(), accessHash: randomInt64(), title: title, shortName: r.ShortName, creator: owner.id,
			kind: kind, date: c.now(), emojis: map[int64][]string{}, keywords: map[int64][]string{}}
		for _, it := range r.Stickers {
			src, err := fs.knownDocument(it.Document)
			if err != nil {
				return nil, err
			}
			if src == nil || !stickerMIMEs[src.mime] {
				return nil, rpcError(400, "STICKER_FILE_INVALID")
			}
			emojis := splitEmoji(it.Emoji)
			if len(emojis) == 0 || len(emojis) > 20 || !allMatch(emojis, isEmoji) {
				return nil, rpcError(400, "STICKER_EMOJI_INVALID")
			}
			d := &document{dc: src.dc, date: s.date, mime: src.mime, file: src.file, thumbs: src.thumbs}
			attr := &api.DocumentAttributeSticker{Alt: emojis[0], Stickerset: &api.InputStickerSetID{ID: s.id, AccessHash: s.accessHash},
				Mask: kind == kindMasks, MaskCoords: it.MaskCoords}
			if kind != kindMasks {
				attr.MaskCoords = nil
			}
			var width, height int32 = 512, 512
			for _, a := range src.attrs {
				switch x := a.(type) {
				case *api.DocumentAttributeImageSize:
					width, height = x.W, x.H
				case *api.DocumentAttributeVideo:
					width, height = x.W, x.H
				}
			}
			d.attrs = []api.DocumentAttributeClass{&api.DocumentAttributeImageSize{W: width, H: height}, attr,
				&api.DocumentAttributeFilename{FileName: stickerFileName(src.mime)}}
			fs.addDocument(d)
			s.docs = append(s.docs, d)
			s.emojis[d.id] = emojis
			if kw, ok := it.Keywords.Get(); ok {
				for _, k := range strings.Split(kw, ",") {
					if k = strings.TrimSpace(k); k != "" {
						s.keywords[d.id] = append(s.keywords[d.id], k)
					}
				}
			}
		}
		s.computeHash()
		sw.sets[s.id] = s
		sw.byName[strings.ToLower(s.shortName)] = s
		sw.created = append(sw.created, s)
		if !me.bot {
			u := sw.user(me.id)
			u.installedAt[s.id] = c.now()
			u.order[kind] = slices.Insert(u.order[kind], 0, s.id)
			c.pushOthers(w, me, &api.UpdateShort{Update: &api.UpdateNewStickerSet{Stickerset: c.fullSet(sw, s, me.id)}, Date: c.now()})
		}
		return c.fullSet(sw, s, me.id), nil
	})
}

func stickerFileName(mime string) string {
	switch mime {
	case "application/x-tgsticker":
		return "sticker.tgs"
	case "video/webm":
		return "sticker.webm"
	case "image/png":
		return "sticker.png"
	}
	return "sticker.webp"
}

func allMatch[T any](xs []T, f func(T) bool) bool {
	for _, x := range xs {
		if !f(x) {
			return false
		}
	}
	return true
}

// messagesGetStickerSet returns a set by id or short name; the set's own
// hash gets messages.stickerSetNotModified.
func (c *call) messagesGetStickerSet(q tl.Object) (any, error) {
	r := q.(*api.MessagesGetStickerSetRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		if d, ok := r.Stickerset.(*api.InputStickerSetDice); ok && d.Emoticon == "" {
			return nil, rpcError(400, "EMOTICON_STICKERPACK_MISSING")
		}
		sw := w.stickers()
		s := sw.lookup(r.Stickerset)
		if s == nil {
			return nil, rpcError(406, "STICKERSET_INVALID")
		}
		if r.Hash != 0 && r.Hash == s.hash {
			return &api.MessagesStickerSetNotModified{}, nil
		}
		return c.fullSet(sw, s, me.id), nil
	})
}

// userOnly refuses bots the methods only users may call.
func userOnly(me *user) error {
	if me.bot {
		return rpcError(400, "BOT_METHOD_INVALID")
	}
	return nil
}

// messagesInstallStickerSet installs a set at the top of its kind's
// list, or archives it. Installing beyond the limit archives the sets at
// the bottom, which the result lists.
func (c *call) messagesInstallStickerSet(q tl.Object) (any, error) {
	r := q.(*api.MessagesInstallStickerSetRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		if err := userOnly(me); err != nil {
			return nil, err
		}
		sw := w.stickers()
		s := sw.lookup(r.Stickerset)
		if s == nil {
			return nil, rpcError(400, "STICKERSET_INVALID")
		}
		u := sw.user(me.id)
		k := s.kind
		if !u.isInstalled(s) && !u.isArchived(s) {
			u.installedAt[s.id] = c.now()
		}
		u.order[k] = slices.DeleteFunc(u.order[k], func(id int64) bool { return id == s.id })
		u.archived[k] = slices.DeleteFunc(u.archived[k], func(id int64) bool { return id == s.id })
		u.readFeatured[s.id] = true
		var res api.MessagesStickerSetInstallResultClass = &api.MessagesStickerSetInstallResultSuccess{}
		if r.Archived {
			u.archived[k] = slices.Insert(u.archived[k], 0, s.id)
		} else {
			u.order[k] = slices.Insert(u.order[k], 0, s.id)
			if len(u.order[k]) > maxInstalledSets {
				gone := u.order[k][maxInstalledSets:]
				u.order[k] = u.order[k][:maxInstalledSets]
				arch := &api.MessagesStickerSetInstallResultArchive{Sets: []api.StickerSetCoveredClass{}}
				for _, id := range gone {
					u.archived[k] = slices.Insert(u.archived[k], 0, id)
					arch.Sets = append(arch.Sets, c.covered(sw, sw.sets[id], me.id))
				}
				res = arch
			}
		}
		c.pushOthers(w, me, &api.UpdateShort{Update: &api.UpdateStickerSets{Masks: k == kindMasks, Emojis: k == kindEmojis}, Date: c.now()})
		return res, nil
	})
}

// messagesUninstallStickerSet removes a set from the installed and the
// archived ones.
func (c *call) messagesUninstallStickerSet(q tl.Object) (any, error) {
	r := q.(*api.MessagesUninstallStickerSetRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		if err := userOnly(me); err != nil {
			return nil, err
		}
		sw := w.stickers()
		s := sw.lookup(r.Stickerset)
		if s == nil {
			return nil, rpcError(400, "STICKERSET_INVALID")
		}
		u := sw.user(me.id)
		if !u.isInstalled(s) && !u.isArchived(s) {
			return boolResult(false), nil
		}
		k := s.kind
		u.order[k] = slices.DeleteFunc(u.order[k], func(id int64) bool { return id == s.id })
		u.archived[k] = slices.DeleteFunc(u.archived[k], func(id int64) bool { return id == s.id })
		delete(u.installedAt, s.id)
		c.pushOthers(w, me, &api.UpdateShort{Update: &api.UpdateStickerSets{Masks: k == kindMasks, Emojis: k == kindEmojis}, Date: c.now()})
		return boolResult(true), nil
	})
}

// installed answers messages.getAllStickers and getMaskStickers: the
// installed sets of a kind in their order; its hash is of the sets'
// hashes.
func (c *call) installed(kind int, hash int64) (any, error) {
	return c.withUser(func(w *world, me *user) (any, error) {
		if err := userOnly(me); err != nil {
			return nil, err
		}
		sw := w.stickers()
		u := sw.user(me.id)
		var h uint64
		for _, id := range u.order[kind] {
			h = hashUpdate(h, uint64(uint32(sw.sets[id].hash)))
		}
		if hash != 0 && hash == int64(h) {
			return &api.MessagesAllStickersNotModified{}, nil
		}
		res := &api.MessagesAllStickers{Hash: int64(h), Sets: []api.StickerSet{}}
		for _, id := range u.order[kind] {
			res.Sets = append(res.Sets, sw.setObject(sw.sets[id], me.id))
		}
		return res, nil
	})
}

func (c *call) messagesGetAllStickers(q tl.Object) (any, error) {
	return c.installed(kindStickers, q.(*api.MessagesGetAllStickersRequest).Hash)
}

func (c *call) messagesGetMaskStickers(q tl.Object) (any, error) {
	return c.installed(kindMasks, q.(*api.MessagesGetMaskStickersRequest).Hash)
}

// messagesGetArchivedStickers pages through the archived sets, the latest
// archived first, from the one after offset_id.
func (c *call) messagesGetArchivedStickers(q tl.Object) (any, error) {
	r := q.(*api.MessagesGetArchivedStickersRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		if err := userOnly(me); err != nil {
			return nil, err
		}
		kind := kindStickers
		if r.Masks {
			kind = kindMasks
		} else if r.Emojis {
			kind = kindEmojis
		}
		sw := w.stickers()
		list := sw.user(me.id).archived[kind]
		start := 0
		if r.OffsetID != 0 {
			if i := slices.Index(list, r.OffsetID); i >= 0 {
				start = i + 1
			}
		}
		limit := int(r.Limit)
		if limit <= 0 || limit > 100 {
			limit = 100
		}
		res := &api.MessagesArchivedStickers{Count: int32(len(list)), Sets: []api.StickerSetCoveredClass{}}
		for _, id := range list[start:min(len(list), start+limit)] {
			res.Sets = append(res.Sets, c.covered(sw, sw.sets[id], me.id))
		}
		return res, nil
	})
}

// featured is the sandbox's trending sticker sets: the latest created
// sticker sets.
func (sw *stickerWorld) featured() []*stickerSet {
	var out []*stickerSet
	for i := len(sw.created) - 1; i >= 0 && len(out) < maxFeaturedSets; i-- {
		if s := sw.created[i]; s.kind == kindStickers {
			out = append(out, s)
		}
	}
	return out
}

// messagesGetFeaturedStickers lists the trending sets and which of them I
// have not read yet; the hash is of their ids and unread marks.
func (c *call) messagesGetFeaturedStickers(q tl.Object) (any, error) {
	r := q.(*api.MessagesGetFeaturedStickersRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		if err := userOnly(me); err != nil {
			return nil, err
		}
		sw := w.stickers()
		u := sw.user(me.id)
		sets := sw.featured()
		var h uint64
		unread := []int64{}
		for _, s := range sets {
			h = hashUpdate(h, uint64(s.id))
			if !u.readFeatured[s.id] {
				h = hashUpdate(h, 1)
				unread = append(unread, s.id)
			}
		}
		if r.Hash != 0 && r.Hash == int64(h) {
			return &api.MessagesFeaturedStickersNotModified{Count: int32(len(sets))}, nil
		}
		res := &api.MessagesFeaturedStickers{Hash: int64(h), Count: int32(len(sets)), Sets: []api.StickerSetCoveredClass{}, Unread: unread}
		for _, s := range sets {
			res.Sets = append(res.Sets, c.covered(sw, s, me.id))
		}
		return res, nil
	})
}

// messagesReadFeaturedStickers marks trending sets read: those listed, or
// all of them for an empty list.
func (c *call) messagesReadFeaturedStickers(q tl.Object) (any, error) {
	r := q.(*api.MessagesReadFeaturedStickersRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		if err := userOnly(me); err != nil {
			return nil, err
		}
		sw := w.stickers()
		u := sw.user(me.id)
		ids := r.ID
		if len(ids) == 0 {
			for _, s := range sw.featured() {
				ids = append(ids, s.id)
			}
		}
		for _, id := range ids {
			if sw.sets[id] != nil {
				u.readFeatured[id] = true
			}
		}
		c.pushOthers(w, me, &api.UpdateShort{Update: &api.UpdateReadFeaturedStickers{}, Date: c.now()})
		return boolResult(true), nil
	})
}

// messagesReorderStickerSets puts installed sets in the given order; ids
// not installed are ignored and installed sets left out keep their place
// after those listed.
func (c *call) messagesReorderStickerSets(q tl.Object) (any, error) {
	r := q.(*api.MessagesReorderStickerSetsRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		if err := userOnly(me); err != nil {
			return nil, err
		}
		kind := kindStickers
		if r.Masks {
			kind = kindMasks
		} else if r.Emojis {
			kind = kindEmojis
		}
		u := w.stickers().user(me.id)
		var order []int64
		for _, id := range r.Order {
			if slices.Contains(u.order[kind], id) && !slices.Contains(order, id) {
				order = append(order, id)
			}
		}
		for _, id := range u.order[kind] {
			if !slices.Contains(order, id) {
				order = append(order, id)
			}
		}
		u.order[kind] = order
		c.pushOthers(w, me, &api.UpdateShort{Update: &api.UpdateStickerSetsOrder{Masks: r.Masks, Emojis: r.Emojis,
			Order: slices.Clone(order)}, Date: c.now()})
		return boolResult(true), nil
	})
}

// messagesGetStickers returns the stickers of my installed sets (in their
// order) for an emoji; the hash is of their document ids.
func (c *call) messagesGetStickers(q tl.Object) (any, error) {
	r := q.(*api.MessagesGetStickersRequest)
	fs := c.dc.sb.files
	return c.withUser(func(w *world, me *user) (any, error) {
		emojis := splitEmoji(r.Emoticon)
		if len(emojis) == 0 {
			return nil, rpcError(400, "EMOTICON_EMPTY")
		}
		want := emojis[0]
		sw := w.stickers()
		var docs []*document
		if !me.bot {
			for _, id := range sw.user(me.id).order[kindStickers] {
				s := sw.sets[id]
				for _, d := range s.docs {
					if slices.Contains(s.emojis[d.id], want) {
						docs = append(docs, d)
					}
				}
			}
		}
		h := docsHash(docs)
		if r.Hash != 0 && r.Hash == h {
			return &api.MessagesStickersNotModified{}, nil
		}
		res := &api.MessagesStickers{Hash: h, Stickers: []api.DocumentClass{}}
		for _, d := range docs {
			res.Stickers = append(res.Stickers, fs.documentObject(d))
		}
		return res, nil
	})
}

// messagesGetAttachedStickers returns the sets of the stickers attached
// to a photo or document. The sandbox keeps no attached stickers, so the
// list is empty for media that exist.
func (c *call) messagesGetAttachedStickers(q tl.Object) (any, error) {
	r := q.(*api.MessagesGetAttachedStickersRequest)
	fs := c.dc.sb.files
	switch x := r.Media.(type) {
	case *api.InputStickeredMediaPhoto:
		if _, err := fs.inputPhoto(x.ID); err != nil {
			return nil, err
		}
	case *api.InputStickeredMediaDocument:
		if _, err := fs.inputDocument(x.ID); err != nil {
			return nil, err
		}
	default:
		return nil, rpcError(400, "MEDIA_EMPTY")
	}
	var b tl.Buffer
	b.VectorHeader(0)
	return rawResult(b.Buf), nil
}

// recentIndex returns the list of recent stickers the attached flag picks.
func recentIndex(attached bool) int {
	if attached {
		return 1
	}
	return 0
}

// messagesGetRecentStickers returns my recently used (or attached)
// stickers, the latest first, with their dates and emoji packs.
func (c *call) messagesGetRecentStickers(q tl.Object) (any, error) {
	r := q.(*api.MessagesGetRecentStickersRequest)
	fs := c.dc.sb.files
	return c.withUser(func(w *world, me *user) (any, error) {
		if err := userOnly(me); err != nil {
			return nil, err
		}
		sw := w.stickers()
		list := sw.user(me.id).recent[recentIndex(r.Attached)]
		docs := make([]*document, len(list))
		for i, rs := range list {
			docs[i] = rs.doc
		}
		h := docsHash(docs)
		if r.Hash != 0 && r.Hash == h {
			return &api.MessagesRecentStickersNotModified{}, nil
		}
		res := &api.MessagesRecentStickers{Hash: h, Stickers: []api.DocumentClass{}, Dates: []int32{},
			Packs: packsOf(docs, func(d *document) []string {
				if s := sw.setOf(d); s != nil {
					return s.emojis[d.id]
				}
				return nil
			})}
		for _, rs := range list {
			res.Stickers = append(res.Stickers, fs.documentObject(rs.doc))
			res.Dates = append(res.Dates, rs.date)
		}
		return res, nil
	})
}

// messagesSaveRecentSticker adds a sticker at the top of my recent ones,
// or removes it (unsave).
func (c *call) messagesSaveRecentSticker(q tl.Object) (any, error) {
	r := q.(*api.MessagesSaveRecentStickerRequest)
	fs := c.dc.sb.files
	return c.withUser(func(w *world, me *user) (any, error) {
		if err := userOnly(me); err != nil {
			return nil, err
		}
		d, err := fs.knownDocument(r.ID)
		if err != nil {
			return nil, err
		}
		if d == nil || !isSticker(d) {
			return nil, rpcError(400, "STICKER_ID_INVALID")
		}
		u := w.stickers().user(me.id)
		i := recentIndex(r.Attached)
		u.recent[i] = slices.DeleteFunc(u.recent[i], func(rs recentSticker) bool { return rs.doc == d })
		if !r.Unsave {
			u.recent[i] = slices.Insert(u.recent[i], 0, recentSticker{doc: d, date: c.now()})
			u.recent[i] = u.recent[i][:min(len(u.recent[i]), maxRecentStickers)]
		}
		c.pushOthers(w, me, &api.UpdateShort{Update: &api.UpdateRecentStickers{}, Date: c.now()})
		return boolResult(true), nil
	})
}

// knownDocument finds the document an InputDocument names, checking its
// file reference; nil if it names none.
func (fs *fileStore) knownDocument(in api.InputDocumentClass) (*document, error) {
	x, ok := in.(*api.InputDocument)
	if !ok {
		return nil, nil
	}
	fs.mu.Lock()
	defer fs.mu.Unlock()
	d := fs.docs[x.ID]
	if d == nil || d.accessHash != x.AccessHash {
		return nil, nil
	}
	return d, fs.refs.check(refDocument, d.id, x.FileReference)
}

func (c *call) messagesClearRecentStickers(q tl.Object) (any, error) {
	r := q.(*api.MessagesClearRecentStickersRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		if err := userOnly(me); err != nil {
			return nil, err
		}
		u := w.stickers().user(me.id)
		u.recent[recentIndex(r.Attached)] = nil
		c.pushOthers(w, me, &api.UpdateShort{Update: &api.UpdateRecentStickers{}, Date: c.now()})
		return boolResult(true), nil
	})
}

// isGif reports whether a document is an animation (a GIF or a silent
// MPEG-4 video sent as one).
func isGif(d *document) bool {
	for _, a := range d.attrs {
		if _, ok := a.(*api.DocumentAttributeAnimated); ok {
			return true
		}
	}
	return d.mime == "image/gif"
}

func (c *call) messagesGetSavedGifs(q tl.Object) (any, error) {
	r := q.(*api.MessagesGetSavedGifsRequest)
	fs := c.dc.sb.files
	return c.withUser(func(w *world, me *user) (any, error) {
		if err := userOnly(me); err != nil {
			return nil, err
		}
		gifs := w.stickers().user(me.id).gifs
		h := docsHash(gifs)
		if r.Hash != 0 && r.Hash == h {
			return &api.MessagesSavedGifsNotModified{}, nil
		}
		res := &api.MessagesSavedGifs{Hash: h, Gifs: []api.DocumentClass{}}
		for _, d := range gifs {
			res.Gifs = append(res.Gifs, fs.documentObject(d))
		}
		return res, nil
	})
}

// messagesSaveGif adds an animation at the top of my saved GIFs, or
// removes it (unsave).
func (c *call) messagesSaveGif(q tl.Object) (any, error) {
	r := q.(*api.MessagesSaveGIFRequest)
	fs := c.dc.sb.files
	return c.withUser(func(w *world, me *user) (any, error) {
		if err := userOnly(me); err != nil {
			return nil, err
		}
		d, err := fs.knownDocument(r.ID)
		if err != nil {
			return nil, err
		}
		if d == nil || !isGif(d) {
			return nil, rpcError(400, "GIF_ID_INVALID")
		}
		u := w.stickers().user(me.id)
		u.gifs = slices.DeleteFunc(u.gifs, func(x *document) bool { return x == d })
		if !r.Unsave {
			u.gifs = slices.Insert(u.gifs, 0, d)
			u.gifs = u.gifs[:min(len(u.gifs), maxSavedGifs)]
		}
		c.pushOthers(w, me, &api.UpdateShort{Update: &api.UpdateSavedGifs{}, Date: c.now()})
		return boolResult(true), nil
	})
}
