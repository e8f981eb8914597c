package sandbox_test

import (
	"errors"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/luagram/luagram/mtproto/dcs"
	"github.com/luagram/luagram/mtproto/session"
	"github.com/luagram/luagram/sandbox"
	"github.com/luagram/luagram/sandbox/sandboxtest"
	"github.com/luagram/luagram/tl/api"
)

// loginBot logs a new bot in over a raw DC client.
func loginBot(t *testing.T, sb *sandbox.Sandbox, name string) (*dcs.Client, sandbox.UserInfo) {
	t.Helper()
	info, err := sb.CreateBot(name)
	if err != nil {
		t.Fatal(err)
	}
	cfg := sandboxtest.ClientConfig(sb)
	cfg.HomeDC = info.HomeDC
	c, err := dcs.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if _, err := dcs.Call(testCtx(t), c, &api.AuthImportBotAuthorizationRequest{APIID: 1, APIHash: "x", BotAuthToken: info.Token}); err != nil {
		t.Fatal(err)
	}
	c.SetAuthorized(true)
	return c, info
}

// uploadAs uploads data as a document of a MIME type with attributes.
func uploadAs(t *testing.T, c *dcs.Client, data []byte, mime string, attrs ...api.DocumentAttributeClass) *api.Document {
	t.Helper()
	id := rand.Int64()
	parts := saveParts(t, c, id, data, 512<<10)
	if attrs == nil {
		attrs = []api.DocumentAttributeClass{}
	}
	m, err := dcs.Call(testCtx(t), c, &api.MessagesUploadMediaRequest{Peer: &api.InputPeerSelf{}, Media: &api.InputMediaUploadedDocument{
		File: &api.InputFile{ID: id, Parts: parts, Name: "f", MD5Checksum: md5Hex(data)}, MimeType: mime, Attributes: attrs}})
	if err != nil {
		t.Fatal(err)
	}
	return m.(*api.MessageMediaDocument).Document.(*api.Document)
}

func inputDoc(d *api.Document) *api.InputDocument {
	return &api.InputDocument{ID: d.ID, AccessHash: d.AccessHash, FileReference: d.FileReference}
}

func item(d *api.Document, emoji string) api.InputStickerSetItem {
	return api.InputStickerSetItem{Document: inputDoc(d), Emoji: emoji}
}

func setIDs(sets []api.StickerSet) []int64 {
	var ids []int64
	for _, s := range sets {
		ids = append(ids, s.ID)
	}
	return ids
}

func coveredIDs(sets []api.StickerSetCoveredClass) []int64 {
	var ids []int64
	for _, s := range sets {
		switch x := s.(type) {
		case *api.StickerSetCovered:
			ids = append(ids, x.Set.ID)
		case *api.StickerSetNoCovered:
			ids = append(ids, x.Set.ID)
		}
	}
	return ids
}

func docIDs(docs []api.DocumentClass) []int64 {
	var ids []int64
	for _, d := range docs {
		ids = append(ids, d.(*api.Document).ID)
	}
	return ids
}

func stickerAttr(t *testing.T, d api.DocumentClass) *api.DocumentAttributeSticker {
	t.Helper()
	for _, a := range d.(*api.Document).Attributes {
		if s, ok := a.(*api.DocumentAttributeSticker); ok {
			return s
		}
	}
	t.Fatalf("document %d has no sticker attribute", d.(*api.Document).ID)
	return nil
}

// TestStickerSets covers stickers.createStickerSet and what users do
// with sets: fetching, installing, archiving, ordering, trending sets,
// search by emoji, with the errors and the hash rules of each.
func TestStickerSets(t *testing.T) {
	sb := sandboxtest.Start(t, 2)
	a := login(t, sb, "9996610301")
	b := login(t, sb, "9996610302")
	if _, err := dcs.Call(testCtx(t), b, &api.AccountUpdateUsernameRequest{Username: "sticker_friend"}); err != nil {
		t.Fatal(err)
	}
	bot, botInfo := loginBot(t, sb, "setmaker_bot")
	ctx := testCtx(t)
	webp1 := uploadAs(t, a, randomBytes(300, 1), "image/webp", &api.DocumentAttributeImageSize{W: 512, H: 480})
	webp2 := uploadAs(t, a, randomBytes(300, 2), "image/webp")
	png := uploadAs(t, a, randomBytes(300, 3), "image/png", &api.DocumentAttributeImageSize{W: 100, H: 100})
	text := uploadAs(t, a, []byte("not a sticker"), "text/plain")

	create := func(c *dcs.Client, r *api.StickersCreateStickerSetRequest) (*api.MessagesStickerSet, error) {
		if r.UserID == nil {
			r.UserID = &api.InputUserSelf{}
		}
		res, err := dcs.Call(ctx, c, r)
		if err != nil {
			return nil, err
		}
		return res.(*api.MessagesStickerSet), nil
	}
	good := []api.InputStickerSetItem{item(webp1, "😺")}
	for _, tc := range []struct {
		name string
		r    *api.StickersCreateStickerSetRequest
		want string
	}{
		{"empty title", &api.StickersCreateStickerSetRequest{Title: " ", ShortName: "x1", Stickers: good}, "PACK_TITLE_INVALID"},
		{"long title", &api.StickersCreateStickerSetRequest{Title: string(make([]byte, 65)), ShortName: "x1", Stickers: good}, "PACK_TITLE_INVALID"},
		{"name begins with a digit", &api.StickersCreateStickerSetRequest{Title: "T", ShortName: "1cats", Stickers: good}, "PACK_SHORT_NAME_INVALID"},
		{"double underscore", &api.StickersCreateStickerSetRequest{Title: "T", ShortName: "ca__ts", Stickers: good}, "PACK_SHORT_NAME_INVALID"},
		{"hyphen", &api.StickersCreateStickerSetRequest{Title: "T", ShortName: "ca-ts", Stickers: good}, "PACK_SHORT_NAME_INVALID"},
		{"empty name", &api.StickersCreateStickerSetRequest{Title: "T", ShortName: "", Stickers: good}, "PACK_SHORT_NAME_INVALID"},
		{"no stickers", &api.StickersCreateStickerSetRequest{Title: "T", ShortName: "x1", Stickers: []api.InputStickerSetItem{}}, "STICKERS_EMPTY"},
		{"a text file", &api.StickersCreateStickerSetRequest{Title: "T", ShortName: "x1", Stickers: []api.InputStickerSetItem{item(text, "😺")}}, "STICKER_FILE_INVALID"},
		{"unknown document", &api.StickersCreateStickerSetRequest{Title: "T", ShortName: "x1",
			Stickers: []api.InputStickerSetItem{{Document: &api.InputDocument{ID: 1, AccessHash: 2}, Emoji: "😺"}}}, "STICKER_FILE_INVALID"},
		{"no emoji", &api.StickersCreateStickerSetRequest{Title: "T", ShortName: "x1", Stickers: []api.InputStickerSetItem{item(webp1, "")}}, "STICKER_EMOJI_INVALID"},
		{"letters for emoji", &api.StickersCreateStickerSetRequest{Title: "T", ShortName: "x1", Stickers: []api.InputStickerSetItem{item(webp1, "ab")}}, "STICKER_EMOJI_INVALID"},
		{"for another user", &api.StickersCreateStickerSetRequest{UserID: &api.InputUser{UserID: 42, AccessHash: 1}, Title: "T", ShortName: "x1", Stickers: good}, "USER_ID_INVALID"},
	} {
		_, err := create(a, tc.r)
		wantRPC(t, tc.name, err, tc.want)
	}

	cats, err := create(a, &api.StickersCreateStickerSetRequest{Title: "Cats", ShortName: "Cats",
		Stickers: []api.InputStickerSetItem{item(webp1, "😺"), item(webp2, "😀👍"), item(png, "🇺🇦 ❤️")}})
	if err != nil {
		t.Fatal(err)
	}
	set := cats.Set
	if set.Title != "Cats" || set.ShortName != "Cats" || set.Count != 3 || !set.Creator || set.Archived || set.Masks ||
		!set.InstalledDate.Set || set.ID == 0 || set.Hash == 0 {
		t.Errorf("created set: %+v", set)
	}
	if len(cats.Documents) != 3 {
		t.Fatalf("documents: %d", len(cats.Documents))
	}
	for i, want := range []string{"😺", "😀", "🇺🇦"} {
		st := stickerAttr(t, cats.Documents[i])
		if st.Alt != want {
			t.Errorf("sticker %d alt %q, want %q", i, st.Alt, want)
		}
		if id, ok := st.Stickerset.(*api.InputStickerSetID); !ok || id.ID != set.ID || id.AccessHash != set.AccessHash {
			t.Errorf("sticker %d set %+v", i, st.Stickerset)
		}
	}
	if d := cats.Documents[0].(*api.Document); d.MimeType != "image/webp" || !slices.ContainsFunc(d.Attributes, func(a api.DocumentAttributeClass) bool {
		s, ok := a.(*api.DocumentAttributeImageSize)
		return ok && s.W == 512 && s.H == 480
	}) {
		t.Errorf("first sticker: %+v", d)
	}
	docs := docIDs(cats.Documents)
	wantPacks := map[string][]int64{"😺": {docs[0]}, "😀": {docs[1]}, "👍": {docs[1]}, "🇺🇦": {docs[2]}, "❤️": {docs[2]}}
	if len(cats.Packs) != len(wantPacks) {
		t.Errorf("packs %+v", cats.Packs)
	}
	for _, p := range cats.Packs {
		if !slices.Equal(p.Documents, wantPacks[p.Emoticon]) {
			t.Errorf("pack %q: %v, want %v", p.Emoticon, p.Documents, wantPacks[p.Emoticon])
		}
	}
	_, err = create(a, &api.StickersCreateStickerSetRequest{Title: "Again", ShortName: "cATS", Stickers: good})
	wantRPC(t, "a taken short name", err, "PACK_SHORT_NAME_OCCUPIED")

	// A bot creates a set for a user, named _by_<bot>.
	resolved, err := dcs.Call(ctx, bot, &api.ContactsResolveUsernameRequest{Username: "sticker_friend"})
	if err != nil {
		t.Fatal(err)
	}
	friend := resolved.Users[0].(*api.User)
	botSticker := uploadAs(t, bot, randomBytes(200, 4), "image/webp")
	forFriend := &api.InputUser{UserID: friend.ID, AccessHash: friend.AccessHash.Value}
	_, err = create(bot, &api.StickersCreateStickerSetRequest{UserID: forFriend, Title: "Dogs", ShortName: "dogs",
		Stickers: []api.InputStickerSetItem{item(botSticker, "🐶")}})
	wantRPC(t, "a bot's set without _by_<bot>", err, "PACK_SHORT_NAME_INVALID")
	_, err = create(bot, &api.StickersCreateStickerSetRequest{UserID: &api.InputUserSelf{}, Title: "Dogs", ShortName: "dogs_by_" + botInfo.Username,
		Stickers: []api.InputStickerSetItem{item(botSticker, "🐶")}})
	wantRPC(t, "a bot's set for itself", err, "USER_ID_INVALID")
	dogs, err := create(bot, &api.StickersCreateStickerSetRequest{UserID: forFriend, Title: "Dogs", ShortName: "Dogs_by_" + botInfo.Username,
		Stickers: []api.InputStickerSetItem{item(botSticker, "🐶")}})
	if err != nil {
		t.Fatal(err)
	}
	if dogs.Set.InstalledDate.Set || dogs.Set.Creator {
		t.Errorf("the bot's set as the bot sees it: %+v", dogs.Set)
	}
	_, err = dcs.Call(ctx, bot, &api.MessagesGetAllStickersRequest{})
	wantRPC(t, "a bot's messages.getAllStickers", err, "BOT_METHOD_INVALID")

	// messages.getStickerSet by id and by short name, with its hash.
	byID := &api.InputStickerSetID{ID: set.ID, AccessHash: set.AccessHash}
	for _, tc := range []struct {
		name string
		in   api.InputStickerSetClass
		hash int32
		want string // constructor or error
	}{
		{"by id", byID, 0, "messages.stickerSet"},
		{"by short name", &api.InputStickerSetShortName{ShortName: "cats"}, 0, "messages.stickerSet"},
		{"with its hash", byID, set.Hash, "messages.stickerSetNotModified"},
		{"with another hash", byID, set.Hash + 1, "messages.stickerSet"},
		{"wrong access hash", &api.InputStickerSetID{ID: set.ID, AccessHash: set.AccessHash + 1}, 0, "STICKERSET_INVALID"},
		{"unknown name", &api.InputStickerSetShortName{ShortName: "nope"}, 0, "STICKERSET_INVALID"},
		{"empty", &api.InputStickerSetEmpty{}, 0, "STICKERSET_INVALID"},
		{"dice without emoticon", &api.InputStickerSetDice{}, 0, "EMOTICON_STICKERPACK_MISSING"},
	} {
		res, err := dcs.Call(ctx, b, &api.MessagesGetStickerSetRequest{Stickerset: tc.in, Hash: tc.hash})
		if err != nil {
			wantRPC(t, tc.name, err, tc.want)
			continue
		}
		if res.TypeName() != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, res.TypeName(), tc.want)
		}
		if full, ok := res.(*api.MessagesStickerSet); ok && (full.Set.InstalledDate.Set || full.Set.Creator || len(full.Documents) != 3) {
			t.Errorf("%s: as another user sees it: %+v", tc.name, full.Set)
		}
	}
	_, err = dcs.Call(ctx, b, &api.MessagesGetStickerSetRequest{Stickerset: &api.InputStickerSetShortName{ShortName: "nope"}})
	if re := (*session.RPCError)(nil); !errors.As(err, &re) || re.Code != 406 {
		t.Errorf("STICKERSET_INVALID of getStickerSet: %v, want code 406", err)
	}

	// Installed sets: messages.getAllStickers and its hash.
	all := func(c *dcs.Client, hash int64) api.MessagesAllStickersClass {
		t.Helper()
		res, err := dcs.Call(ctx, c, &api.MessagesGetAllStickersRequest{Hash: hash})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	first := all(a, 0).(*api.MessagesAllStickers)
	if !slices.Equal(setIDs(first.Sets), []int64{set.ID}) || first.Hash == 0 {
		t.Errorf("A's sets: %v hash %d", setIDs(first.Sets), first.Hash)
	}
	if _, ok := all(a, first.Hash).(*api.MessagesAllStickersNotModified); !ok {
		t.Error("getAllStickers with the current hash is not allStickersNotModified")
	}
	if got := all(b, 0).(*api.MessagesAllStickers); len(got.Sets) != 0 {
		t.Errorf("B has sets before installing: %v", setIDs(got.Sets))
	}
	dogsID := &api.InputStickerSetID{ID: dogs.Set.ID, AccessHash: dogs.Set.AccessHash}
	install := func(c *dcs.Client, in api.InputStickerSetClass, archived bool) {
		t.Helper()
		res, err := dcs.Call(ctx, c, &api.MessagesInstallStickerSetRequest{Stickerset: in, Archived: archived})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := res.(*api.MessagesStickerSetInstallResultSuccess); !ok {
			t.Errorf("install result %T", res)
		}
	}
	install(a, dogsID, false)
	second := all(a, first.Hash).(*api.MessagesAllStickers)
	if !slices.Equal(setIDs(second.Sets), []int64{dogs.Set.ID, set.ID}) || second.Hash == first.Hash {
		t.Errorf("after installing dogs: %v hash %d", setIDs(second.Sets), second.Hash)
	}
	if !second.Sets[0].InstalledDate.Set || second.Sets[0].Creator {
		t.Errorf("installed dogs: %+v", second.Sets[0])
	}
	_, err = dcs.Call(ctx, a, &api.MessagesInstallStickerSetRequest{Stickerset: &api.InputStickerSetShortName{ShortName: "nope"}})
	wantRPC(t, "installing an unknown set", err, "STICKERSET_INVALID")

	// Reordering.
	ok, err := dcs.Call(ctx, a, &api.MessagesReorderStickerSetsRequest{Order: []int64{set.ID, 12345, dogs.Set.ID}})
	if err != nil || !ok {
		t.Fatalf("reorder: %v %v", ok, err)
	}
	third := all(a, second.Hash).(*api.MessagesAllStickers)
	if !slices.Equal(setIDs(third.Sets), []int64{set.ID, dogs.Set.ID}) {
		t.Errorf("after reordering: %v", setIDs(third.Sets))
	}
	dcs.Call(ctx, a, &api.MessagesReorderStickerSetsRequest{Order: []int64{dogs.Set.ID}})
	if got := all(a, 0).(*api.MessagesAllStickers); !slices.Equal(setIDs(got.Sets), []int64{dogs.Set.ID, set.ID}) {
		t.Errorf("after a partial reorder: %v", setIDs(got.Sets))
	}

	// Archiving.
	install(a, byID, true)
	if got := all(a, 0).(*api.MessagesAllStickers); !slices.Equal(setIDs(got.Sets), []int64{dogs.Set.ID}) {
		t.Errorf("after archiving cats: %v", setIDs(got.Sets))
	}
	arch, err := dcs.Call(ctx, a, &api.MessagesGetArchivedStickersRequest{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if arch.Count != 1 || !slices.Equal(coveredIDs(arch.Sets), []int64{set.ID}) {
		t.Errorf("archived: %d %v", arch.Count, coveredIDs(arch.Sets))
	} else if cov := arch.Sets[0].(*api.StickerSetCovered); !cov.Set.Archived || !cov.Set.InstalledDate.Set ||
		cov.Cover.(*api.Document).ID != docs[0] {
		t.Errorf("archived set: %+v cover %d", cov.Set, cov.Cover.(*api.Document).ID)
	}
	install(a, dogsID, true)
	arch, _ = dcs.Call(ctx, a, &api.MessagesGetArchivedStickersRequest{Limit: 10})
	if !slices.Equal(coveredIDs(arch.Sets), []int64{dogs.Set.ID, set.ID}) {
		t.Errorf("archived, the latest first: %v", coveredIDs(arch.Sets))
	}
	arch, _ = dcs.Call(ctx, a, &api.MessagesGetArchivedStickersRequest{OffsetID: dogs.Set.ID, Limit: 10})
	if arch.Count != 2 || !slices.Equal(coveredIDs(arch.Sets), []int64{set.ID}) {
		t.Errorf("archived after dogs: %d %v", arch.Count, coveredIDs(arch.Sets))
	}
	install(a, byID, false)
	if got := all(a, 0).(*api.MessagesAllStickers); !slices.Equal(setIDs(got.Sets), []int64{set.ID}) || got.Sets[0].Archived {
		t.Errorf("after reinstalling cats: %v", setIDs(got.Sets))
	}

	// Uninstalling.
	for _, tc := range []struct {
		name string
		in   api.InputStickerSetClass
		want any // bool or error
	}{
		{"archived dogs", dogsID, true},
		{"dogs again", dogsID, false},
		{"unknown", &api.InputStickerSetShortName{ShortName: "nope"}, "STICKERSET_INVALID"},
	} {
		res, err := dcs.Call(ctx, a, &api.MessagesUninstallStickerSetRequest{Stickerset: tc.in})
		if want, isErr := tc.want.(string); isErr {
			wantRPC(t, "uninstall "+tc.name, err, want)
		} else if err != nil || res != tc.want {
			t.Errorf("uninstall %s: %v %v, want %v", tc.name, res, err, tc.want)
		}
	}
	if arch, _ := dcs.Call(ctx, a, &api.MessagesGetArchivedStickersRequest{Limit: 10}); arch.Count != 0 {
		t.Errorf("archived after uninstalling: %v", coveredIDs(arch.Sets))
	}

	// Stickers by emoji, from the installed sets.
	for _, tc := range []struct {
		emoji string
		want  []int64
		err   string
	}{
		{"😺", []int64{docs[0]}, ""},
		{"👍", []int64{docs[1]}, ""},
		{"❤️", []int64{docs[2]}, ""},
		{"🐶", nil, ""},
		{"", nil, "EMOTICON_EMPTY"},
	} {
		res, err := dcs.Call(ctx, a, &api.MessagesGetStickersRequest{Emoticon: tc.emoji})
		if tc.err != "" {
			wantRPC(t, "getStickers "+tc.emoji, err, tc.err)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		got := res.(*api.MessagesStickers)
		if !slices.Equal(docIDs(got.Stickers), tc.want) {
			t.Errorf("getStickers %s: %v, want %v", tc.emoji, docIDs(got.Stickers), tc.want)
		}
		again, _ := dcs.Call(ctx, a, &api.MessagesGetStickersRequest{Emoticon: tc.emoji, Hash: got.Hash})
		if _, ok := again.(*api.MessagesStickersNotModified); len(tc.want) > 0 && !ok {
			t.Errorf("getStickers %s with its hash: %T", tc.emoji, again)
		}
	}

	// Trending sets: the latest created first, unread until read.
	feat, err := dcs.Call(ctx, b, &api.MessagesGetFeaturedStickersRequest{})
	if err != nil {
		t.Fatal(err)
	}
	f := feat.(*api.MessagesFeaturedStickers)
	if f.Count != 2 || !slices.Equal(coveredIDs(f.Sets), []int64{dogs.Set.ID, set.ID}) || !slices.Equal(f.Unread, []int64{dogs.Set.ID, set.ID}) {
		t.Errorf("featured: %d %v unread %v", f.Count, coveredIDs(f.Sets), f.Unread)
	}
	if again, _ := dcs.Call(ctx, b, &api.MessagesGetFeaturedStickersRequest{Hash: f.Hash}); again.TypeName() != "messages.featuredStickersNotModified" {
		t.Errorf("featured with its hash: %s", again.TypeName())
	}
	if ok, err := dcs.Call(ctx, b, &api.MessagesReadFeaturedStickersRequest{ID: []int64{set.ID}}); err != nil || !ok {
		t.Fatal(ok, err)
	}
	feat, _ = dcs.Call(ctx, b, &api.MessagesGetFeaturedStickersRequest{Hash: f.Hash})
	if f2, ok := feat.(*api.MessagesFeaturedStickers); !ok || !slices.Equal(f2.Unread, []int64{dogs.Set.ID}) {
		t.Errorf("featured after reading cats: %+v", feat)
	}

	// Attached stickers: none are kept, for media that exist.
	res, err := dcs.Call(ctx, a, &api.MessagesGetAttachedStickersRequest{Media: &api.InputStickeredMediaDocument{ID: inputDoc(text)}})
	if err != nil || len(res) != 0 {
		t.Errorf("attached stickers: %v %v", res, err)
	}
	_, err = dcs.Call(ctx, a, &api.MessagesGetAttachedStickersRequest{Media: &api.InputStickeredMediaDocument{ID: &api.InputDocumentEmpty{}}})
	wantRPC(t, "attached stickers of nothing", err, "MEDIA_EMPTY")
}

// TestRecentStickersAndSavedGifs covers messages.saveRecentSticker,
// getRecentStickers, clearRecentStickers, saveGif and getSavedGifs.
func TestRecentStickersAndSavedGifs(t *testing.T) {
	sb := sandboxtest.Start(t, 1)
	a := login(t, sb, "9996610311")
	ctx := testCtx(t)
	s1 := uploadAs(t, a, randomBytes(100, 1), "image/webp")
	s2 := uploadAs(t, a, randomBytes(100, 2), "image/webp")
	set, err := dcs.Call(ctx, a, &api.StickersCreateStickerSetRequest{UserID: &api.InputUserSelf{}, Title: "R", ShortName: "recent_set",
		Stickers: []api.InputStickerSetItem{item(s1, "🍎"), item(s2, "🍐")}})
	if err != nil {
		t.Fatal(err)
	}
	full := set.(*api.MessagesStickerSet)
	st1, st2 := full.Documents[0].(*api.Document), full.Documents[1].(*api.Document)
	gif := uploadAs(t, a, randomBytes(100, 3), "video/mp4", &api.DocumentAttributeAnimated{},
		&api.DocumentAttributeVideo{W: 8, H: 8, Duration: 1})

	recent := func(attached bool, hash int64) api.MessagesRecentStickersClass {
		t.Helper()
		res, err := dcs.Call(ctx, a, &api.MessagesGetRecentStickersRequest{Attached: attached, Hash: hash})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	save := func(d *api.Document, attached, unsave bool) error {
		_, err := dcs.Call(ctx, a, &api.MessagesSaveRecentStickerRequest{ID: inputDoc(d), Attached: attached, Unsave: unsave})
		return err
	}
	for _, tc := range []struct {
		name string
		in   api.InputDocumentClass
		want string
	}{
		{"an animation", inputDoc(gif), "STICKER_ID_INVALID"},
		{"a webp outside sets", inputDoc(s1), "STICKER_ID_INVALID"},
		{"an unknown document", &api.InputDocument{ID: 5, AccessHash: 6}, "STICKER_ID_INVALID"},
		{"a stale file reference", &api.InputDocument{ID: st1.ID, AccessHash: st1.AccessHash, FileReference: []byte("old")}, "FILE_REFERENCE_INVALID"},
	} {
		_, err := dcs.Call(ctx, a, &api.MessagesSaveRecentStickerRequest{ID: tc.in})
		wantRPC(t, tc.name, err, tc.want)
	}
	for _, d := range []*api.Document{st1, st2, st1} {
		if err := save(d, false, false); err != nil {
			t.Fatal(err)
		}
	}
	if err := save(st2, true, false); err != nil {
		t.Fatal(err)
	}
	r := recent(false, 0).(*api.MessagesRecentStickers)
	if !slices.Equal(docIDs(r.Stickers), []int64{st1.ID, st2.ID}) || len(r.Dates) != 2 || r.Dates[0] == 0 || r.Hash == 0 {
		t.Errorf("recent: %v dates %v hash %d", docIDs(r.Stickers), r.Dates, r.Hash)
	}
	if len(r.Packs) != 2 || r.Packs[0].Emoticon != "🍎" || !slices.Equal(r.Packs[0].Documents, []int64{st1.ID}) {
		t.Errorf("recent packs: %+v", r.Packs)
	}
	if _, ok := recent(false, r.Hash).(*api.MessagesRecentStickersNotModified); !ok {
		t.Error("recent with its hash is not recentStickersNotModified")
	}
	if got := recent(true, 0).(*api.MessagesRecentStickers); !slices.Equal(docIDs(got.Stickers), []int64{st2.ID}) {
		t.Errorf("attached: %v", docIDs(got.Stickers))
	}
	if err := save(st1, false, true); err != nil {
		t.Fatal(err)
	}
	if got := recent(false, r.Hash).(*api.MessagesRecentStickers); !slices.Equal(docIDs(got.Stickers), []int64{st2.ID}) {
		t.Errorf("recent after unsaving: %v", docIDs(got.Stickers))
	}
	if ok, err := dcs.Call(ctx, a, &api.MessagesClearRecentStickersRequest{}); err != nil || !ok {
		t.Fatal(ok, err)
	}
	if got := recent(false, 0).(*api.MessagesRecentStickers); len(got.Stickers) != 0 || got.Hash != 0 {
		t.Errorf("recent after clearing: %v", docIDs(got.Stickers))
	}
	if got := recent(true, 0).(*api.MessagesRecentStickers); len(got.Stickers) != 1 {
		t.Errorf("clearing the sent ones cleared attached: %v", docIDs(got.Stickers))
	}

	// Saved GIFs.
	_, err = dcs.Call(ctx, a, &api.MessagesSaveGIFRequest{ID: inputDoc(st1)})
	wantRPC(t, "saving a sticker as a GIF", err, "GIF_ID_INVALID")
	_, err = dcs.Call(ctx, a, &api.MessagesSaveGIFRequest{ID: &api.InputDocumentEmpty{}})
	wantRPC(t, "saving nothing as a GIF", err, "GIF_ID_INVALID")
	if ok, err := dcs.Call(ctx, a, &api.MessagesSaveGIFRequest{ID: inputDoc(gif)}); err != nil || !ok {
		t.Fatal(ok, err)
	}
	gifs, err := dcs.Call(ctx, a, &api.MessagesGetSavedGifsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	g := gifs.(*api.MessagesSavedGifs)
	if !slices.Equal(docIDs(g.Gifs), []int64{gif.ID}) || g.Hash == 0 {
		t.Errorf("saved gifs: %v %d", docIDs(g.Gifs), g.Hash)
	}
	if again, _ := dcs.Call(ctx, a, &api.MessagesGetSavedGifsRequest{Hash: g.Hash}); again.TypeName() != "messages.savedGifsNotModified" {
		t.Errorf("saved gifs with their hash: %s", again.TypeName())
	}
	dcs.Call(ctx, a, &api.MessagesSaveGIFRequest{ID: inputDoc(gif), Unsave: true})
	if again, _ := dcs.Call(ctx, a, &api.MessagesGetSavedGifsRequest{Hash: g.Hash}); len(again.(*api.MessagesSavedGifs).Gifs) != 0 {
		t.Error("the unsaved gif is still saved")
	}
}
