package tdconv

import (
	"context"
	"slices"

	"github.com/luagram/luagram/tl/api"
)

// Sticker sets, recent stickers and saved animations: the sets are
// Telegram's (messages.getStickerSet and friends); a set is named by its
// id alone in TD, so a Layer remembers the access hash of every set it
// has seen (in messages, in lists of sets).

func init() {
	register("getStickers", (*Layer).getStickers)
	register("getStickerEmojis", (*Layer).getStickerEmojis)
	register("getStickerSets", (*Layer).getStickerSets)
	register("getArchivedStickerSets", (*Layer).getArchivedStickerSets)
	register("getTrendingStickerSets", (*Layer).getTrendingStickerSets)
	register("getAttachedStickerSets", (*Layer).getAttachedStickerSets)
	register("getStickerSet", (*Layer).getStickerSet)
	register("searchStickerSet", (*Layer).searchStickerSet)
	register("updateStickerSet", (*Layer).updateStickerSet)
	register("viewTrendingStickerSets", (*Layer).viewTrendingStickerSets)
	register("reorderStickerSets", (*Layer).reorderStickerSets)
	register("getRecentStickers", (*Layer).getRecentStickers)
	register("addRecentSticker", (*Layer).addRecentSticker)
	register("deleteRecentSticker", (*Layer).deleteRecentSticker)
	register("clearRecentStickers", (*Layer).clearRecentStickers)
	register("getSavedAnimations", (*Layer).getSavedAnimations)
	register("addSavedAnimation", (*Layer).addSavedAnimation)
	register("deleteSavedAnimation", (*Layer).deleteSavedAnimation)
}

// maxCovers is how many stickers of a set StickerSetInfo shows.
const maxCovers = 5

// inputStickerSet names a set by id, with the access hash seen.
func (s *Layer) inputStickerSet(id int64) (api.InputStickerSetClass, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	hash, ok := s.stickerSets[id]
	if !ok {
		return nil, tdError(400, "Sticker set not found")
	}
	return &api.InputStickerSetID{ID: id, AccessHash: hash}, nil
}

// noteSet remembers a set's access hash. Call with s.mu held.
func (s *Layer) noteSet(set *api.StickerSet) { s.stickerSets[set.ID] = set.AccessHash }

// stickersOf converts documents to stickers, leaving out those that are
// not stickers. Call with s.mu held.
func (s *Layer) stickersOf(docs []api.DocumentClass) []*Sticker {
	out := []*Sticker{}
	for _, dc := range docs {
		if d, ok := dc.(*api.Document); ok && isStickerDoc(d) {
			out = append(out, s.stickerOf(d, d))
		}
	}
	return out
}

func isStickerDoc(d *api.Document) bool {
	for _, a := range d.Attributes {
		if _, ok := a.(*api.DocumentAttributeSticker); ok {
			return true
		}
	}
	return false
}

// stickerSetTD converts a full set.
func (s *Layer) stickerSetTD(r api.MessagesStickerSetClass) (*StickerSet, error) {
	full, ok := r.(*api.MessagesStickerSet)
	if !ok {
		return nil, tdError(400, "Sticker set not found")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	set := &full.Set
	s.noteSet(set)
	t := &StickerSet{ID: set.ID, Title: set.Title, Name: set.ShortName, IsInstalled: set.InstalledDate.Set && !set.Archived,
		IsArchived: set.Archived, IsOfficial: set.Official, IsMasks: set.Masks, IsViewed: true,
		Stickers: []*Sticker{}, Emojis: []*StickerEmojis{}}
	for _, dc := range full.Documents {
		if d, ok := dc.(*api.Document); ok && isStickerDoc(d) {
			t.Stickers = append(t.Stickers, s.stickerOf(d, d))
			t.Emojis = append(t.Emojis, &StickerEmojis{Emojis: emojisOf(full.Packs, d.ID)})
		}
	}
	return t, nil
}

// emojisOf lists the emojis of the packs holding a document.
func emojisOf(packs []api.StickerPack, docID int64) []string {
	out := []string{}
	for _, p := range packs {
		if slices.Contains(p.Documents, docID) {
			out = append(out, p.Emoticon)
		}
	}
	return out
}

// setInfo converts a set with its covers. Call with s.mu held.
func (s *Layer) setInfo(set *api.StickerSet, covers []api.DocumentClass, viewed bool) *StickerSetInfo {
	s.noteSet(set)
	st := s.stickersOf(covers)
	return &StickerSetInfo{ID: set.ID, Title: set.Title, Name: set.ShortName, IsInstalled: set.InstalledDate.Set && !set.Archived,
		IsArchived: set.Archived, IsOfficial: set.Official, IsMasks: set.Masks, IsViewed: viewed, Size: int64(set.Count),
		Covers: st[:min(len(st), maxCovers)]}
}

// coveredInfo converts a StickerSetCovered. Call with s.mu held.
func (s *Layer) coveredInfo(c api.StickerSetCoveredClass, viewed bool) *StickerSetInfo {
	switch x := c.(type) {
	case *api.StickerSetCovered:
		return s.setInfo(&x.Set, []api.DocumentClass{x.Cover}, viewed)
	case *api.StickerSetMultiCovered:
		return s.setInfo(&x.Set, x.Covers, viewed)
	case *api.StickerSetFullCovered:
		return s.setInfo(&x.Set, x.Documents, viewed)
	case *api.StickerSetNoCovered:
		return s.setInfo(&x.Set, nil, viewed)
	}
	return nil
}

func (s *Layer) coveredSets(sets []api.StickerSetCoveredClass, total int32, viewed func(id int64) bool) *StickerSets {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := &StickerSets{TotalCount: int64(total), Sets: []*StickerSetInfo{}}
	for _, c := range sets {
		info := s.coveredInfo(c, true)
		if info == nil {
			continue
		}
		if viewed != nil {
			info.IsViewed = viewed(info.ID)
		}
		out.Sets = append(out.Sets, info)
	}
	return out
}

// installedSets returns the installed sets of a kind, in their order.
func (s *Layer) installedSets(ctx context.Context, masks bool) ([]api.StickerSet, error) {
	var res api.MessagesAllStickersClass
	var err error
	if masks {
		res, err = call(ctx, s, &api.MessagesGetMaskStickersRequest{})
	} else {
		res, err = call(ctx, s, &api.MessagesGetAllStickersRequest{})
	}
	if err != nil {
		return nil, err
	}
	all, ok := res.(*api.MessagesAllStickers)
	if !ok {
		return nil, nil
	}
	return all.Sets, nil
}

// getStickers answers GetStickers: the stickers of the installed sets
// for an emoji, or all of them for an empty emoji.
func (s *Layer) getStickers(ctx context.Context, r *GetStickersRequest) (Object, error) {
	if r.Emoji != "" {
		res, err := call(ctx, s, &api.MessagesGetStickersRequest{Emoticon: r.Emoji})
		if err != nil {
			return nil, err
		}
		out := &Stickers{Stickers: []*Sticker{}}
		if x, ok := res.(*api.MessagesStickers); ok {
			s.mu.Lock()
			out.Stickers = s.stickersOf(x.Stickers)
			s.mu.Unlock()
		}
		return out, nil
	}
	sets, err := s.installedSets(ctx, false)
	if err != nil {
		return nil, err
	}
	out := &Stickers{Stickers: []*Sticker{}}
	for _, set := range sets {
		full, err := call(ctx, s, &api.MessagesGetStickerSetRequest{Stickerset: &api.InputStickerSetID{ID: set.ID, AccessHash: set.AccessHash}})
		if err != nil {
			return nil, err
		}
		t, err := s.stickerSetTD(full)
		if err != nil {
			return nil, err
		}
		out.Stickers = append(out.Stickers, t.Stickers...)
	}
	return out, nil
}

// inputDocument names the document of a file TD knows: one of a message
// or a list, or a persistent id. Local files are not documents Telegram
// has.
func (s *Layer) inputDocument(ctx context.Context, in InputFileClass) (*api.InputDocument, error) {
	var persistent string
	switch x := in.(type) {
	case *InputFileID:
		s.mu.Lock()
		f := s.files.byID[x.ID]
		var d *api.Document
		if f != nil {
			switch src := f.src.(type) {
			case *api.Document:
				d = src
			case *api.Message:
				if m, ok := src.Media.(*api.MessageMediaDocument); ok {
					d, _ = m.Document.(*api.Document)
				}
			}
			persistent = f.persistent
		}
		s.mu.Unlock()
		if f == nil {
			return nil, tdError(400, "File %d not found", x.ID)
		}
		if d != nil {
			return &api.InputDocument{ID: d.ID, AccessHash: d.AccessHash, FileReference: d.FileReference}, nil
		}
	case *InputFilePersistentID:
		persistent = x.PersistentID
	case *InputFileLocal, *InputFileGenerated:
		return nil, tdError(400, "A local file is not known to the server")
	default:
		return nil, tdError(400, "InputFile must be non-empty")
	}
	if persistent == "" {
		return nil, tdError(400, "The file is not a document")
	}
	media, err := s.c.InputMedia(ctx, persistent, Media{Kind: "document"})
	if err != nil {
		return nil, err
	}
	if m, ok := media.(*api.InputMediaDocument); ok {
		if d, ok := m.ID.(*api.InputDocument); ok {
			return d, nil
		}
	}
	return nil, tdError(400, "The file is not a document")
}

// getStickerEmojis answers GetStickerEmojis: the emojis of a sticker in
// its set.
func (s *Layer) getStickerEmojis(ctx context.Context, r *GetStickerEmojisRequest) (Object, error) {
	in, err := s.inputDocument(ctx, r.Sticker)
	if err != nil {
		return nil, err
	}
	set := s.setOfDocument(in.ID)
	out := &StickerEmojis{Emojis: []string{}}
	if set == nil {
		return out, nil
	}
	res, err := call(ctx, s, &api.MessagesGetStickerSetRequest{Stickerset: set})
	if err != nil {
		return nil, err
	}
	if full, ok := res.(*api.MessagesStickerSet); ok {
		out.Emojis = emojisOf(full.Packs, in.ID)
	}
	return out, nil
}

// setOfDocument finds the set of a sticker document the Layer has seen.
func (s *Layer) setOfDocument(docID int64) api.InputStickerSetClass {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range s.files.byID {
		var d *api.Document
		switch src := f.src.(type) {
		case *api.Document:
			d = src
		case *api.Message:
			if m, ok := src.Media.(*api.MessageMediaDocument); ok {
				d, _ = m.Document.(*api.Document)
			}
		}
		if d == nil || d.ID != docID {
			continue
		}
		for _, a := range d.Attributes {
			if st, ok := a.(*api.DocumentAttributeSticker); ok {
				return st.Stickerset
			}
		}
	}
	return nil
}

// getStickerSets answers GetStickerSets: the installed sets, each with
// its first stickers.
func (s *Layer) getStickerSets(ctx context.Context, r *GetStickerSetsRequest) (Object, error) {
	sets, err := s.installedSets(ctx, r.IsMasks)
	if err != nil {
		return nil, err
	}
	out := &StickerSets{TotalCount: int64(len(sets)), Sets: []*StickerSetInfo{}}
	for i := range sets {
		full, err := call(ctx, s, &api.MessagesGetStickerSetRequest{Stickerset: &api.InputStickerSetID{ID: sets[i].ID, AccessHash: sets[i].AccessHash}})
		if err != nil {
			return nil, err
		}
		var docs []api.DocumentClass
		if x, ok := full.(*api.MessagesStickerSet); ok {
			docs = x.Documents
		}
		s.mu.Lock()
		out.Sets = append(out.Sets, s.setInfo(&sets[i], docs, true))
		s.mu.Unlock()
	}
	return out, nil
}

func (s *Layer) getArchivedStickerSets(ctx context.Context, r *GetArchivedStickerSetsRequest) (Object, error) {
	res, err := call(ctx, s, &api.MessagesGetArchivedStickersRequest{Masks: r.IsMasks, OffsetID: r.OffsetStickerSetID, Limit: int32(r.Limit)})
	if err != nil {
		return nil, err
	}
	return s.coveredSets(res.Sets, res.Count, nil), nil
}

// getTrendingStickerSets answers GetTrendingStickerSets; the sets not
// read yet are not viewed.
func (s *Layer) getTrendingStickerSets(ctx context.Context, _ *GetTrendingStickerSetsRequest) (Object, error) {
	res, err := call(ctx, s, &api.MessagesGetFeaturedStickersRequest{})
	if err != nil {
		return nil, err
	}
	f, ok := res.(*api.MessagesFeaturedStickers)
	if !ok {
		return &StickerSets{Sets: []*StickerSetInfo{}}, nil
	}
	return s.coveredSets(f.Sets, int32(len(f.Sets)), func(id int64) bool { return !slices.Contains(f.Unread, id) }), nil
}

// getAttachedStickerSets answers GetAttachedStickerSets for a photo or a
// document of a message.
func (s *Layer) getAttachedStickerSets(ctx context.Context, r *GetAttachedStickerSetsRequest) (Object, error) {
	s.mu.Lock()
	f := s.files.byID[r.FileID]
	var media api.InputStickeredMediaClass
	if f != nil {
		src := f.src
		if m, ok := src.(*api.Message); ok {
			switch x := m.Media.(type) {
			case *api.MessageMediaPhoto:
				src = x.Photo
			case *api.MessageMediaDocument:
				src = x.Document
			}
		}
		switch x := src.(type) {
		case *api.Photo:
			media = &api.InputStickeredMediaPhoto{ID: &api.InputPhoto{ID: x.ID, AccessHash: x.AccessHash, FileReference: x.FileReference}}
		case *api.Document:
			media = &api.InputStickeredMediaDocument{ID: &api.InputDocument{ID: x.ID, AccessHash: x.AccessHash, FileReference: x.FileReference}}
		}
	}
	s.mu.Unlock()
	if f == nil {
		return nil, tdError(400, "File not found")
	}
	if media == nil {
		return nil, tdError(400, "The file is not a photo or a document")
	}
	sets, err := call(ctx, s, &api.MessagesGetAttachedStickersRequest{Media: media})
	if err != nil {
		return nil, err
	}
	return s.coveredSets(sets, int32(len(sets)), nil), nil
}

func (s *Layer) getStickerSet(ctx context.Context, r *GetStickerSetRequest) (Object, error) {
	in, err := s.inputStickerSet(r.SetID)
	if err != nil {
		return nil, err
	}
	res, err := call(ctx, s, &api.MessagesGetStickerSetRequest{Stickerset: in})
	if err != nil {
		return nil, err
	}
	return s.stickerSetTD(res)
}

func (s *Layer) searchStickerSet(ctx context.Context, r *SearchStickerSetRequest) (Object, error) {
	res, err := call(ctx, s, &api.MessagesGetStickerSetRequest{Stickerset: &api.InputStickerSetShortName{ShortName: r.Name}})
	if err != nil {
		return nil, err
	}
	return s.stickerSetTD(res)
}

// updateStickerSet answers UpdateStickerSet: install, archive or remove
// a set.
func (s *Layer) updateStickerSet(ctx context.Context, r *UpdateStickerSetRequest) (Object, error) {
	in, err := s.inputStickerSet(r.SetID)
	if err != nil {
		return nil, err
	}
	if r.IsInstalled || r.IsArchived {
		_, err = call(ctx, s, &api.MessagesInstallStickerSetRequest{Stickerset: in, Archived: r.IsArchived})
	} else {
		_, err = call(ctx, s, &api.MessagesUninstallStickerSetRequest{Stickerset: in})
	}
	if err != nil {
		return nil, err
	}
	return &Ok{}, nil
}

func (s *Layer) viewTrendingStickerSets(ctx context.Context, r *ViewTrendingStickerSetsRequest) (Object, error) {
	if len(r.StickerSetIDs) == 0 {
		return &Ok{}, nil
	}
	if _, err := call(ctx, s, &api.MessagesReadFeaturedStickersRequest{ID: slices.Clone(r.StickerSetIDs)}); err != nil {
		return nil, err
	}
	return &Ok{}, nil
}

func (s *Layer) reorderStickerSets(ctx context.Context, r *ReorderStickerSetsRequest) (Object, error) {
	if _, err := call(ctx, s, &api.MessagesReorderStickerSetsRequest{Masks: r.IsMasks, Order: slices.Clone(r.StickerSetIDs)}); err != nil {
		return nil, err
	}
	return &Ok{}, nil
}

func (s *Layer) recentStickers(ctx context.Context, attached bool) (*Stickers, error) {
	res, err := call(ctx, s, &api.MessagesGetRecentStickersRequest{Attached: attached})
	if err != nil {
		return nil, err
	}
	out := &Stickers{Stickers: []*Sticker{}}
	if x, ok := res.(*api.MessagesRecentStickers); ok {
		s.mu.Lock()
		out.Stickers = s.stickersOf(x.Stickers)
		s.mu.Unlock()
	}
	return out, nil
}

func (s *Layer) getRecentStickers(ctx context.Context, r *GetRecentStickersRequest) (Object, error) {
	return s.recentStickers(ctx, r.IsAttached)
}

// addRecentSticker answers AddRecentSticker with the new list.
func (s *Layer) addRecentSticker(ctx context.Context, r *AddRecentStickerRequest) (Object, error) {
	in, err := s.inputDocument(ctx, r.Sticker)
	if err != nil {
		return nil, err
	}
	if _, err := call(ctx, s, &api.MessagesSaveRecentStickerRequest{Attached: r.IsAttached, ID: in}); err != nil {
		return nil, err
	}
	return s.recentStickers(ctx, r.IsAttached)
}

func (s *Layer) deleteRecentSticker(ctx context.Context, r *DeleteRecentStickerRequest) (Object, error) {
	in, err := s.inputDocument(ctx, r.Sticker)
	if err != nil {
		return nil, err
	}
	if _, err := call(ctx, s, &api.MessagesSaveRecentStickerRequest{Attached: r.IsAttached, ID: in, Unsave: true}); err != nil {
		return nil, err
	}
	return &Ok{}, nil
}

func (s *Layer) clearRecentStickers(ctx context.Context, r *ClearRecentStickersRequest) (Object, error) {
	if _, err := call(ctx, s, &api.MessagesClearRecentStickersRequest{Attached: r.IsAttached}); err != nil {
		return nil, err
	}
	return &Ok{}, nil
}

func (s *Layer) getSavedAnimations(ctx context.Context, _ *GetSavedAnimationsRequest) (Object, error) {
	res, err := call(ctx, s, &api.MessagesGetSavedGifsRequest{})
	if err != nil {
		return nil, err
	}
	out := &Animations{Animations: []*Animation{}}
	if x, ok := res.(*api.MessagesSavedGifs); ok {
		s.mu.Lock()
		for _, dc := range x.Gifs {
			if d, ok := dc.(*api.Document); ok {
				out.Animations = append(out.Animations, s.animationOf(d, d))
			}
		}
		s.mu.Unlock()
	}
	return out, nil
}

func (s *Layer) saveGif(ctx context.Context, file InputFileClass, unsave bool) (Object, error) {
	in, err := s.inputDocument(ctx, file)
	if err != nil {
		return nil, err
	}
	if _, err := call(ctx, s, &api.MessagesSaveGIFRequest{ID: in, Unsave: unsave}); err != nil {
		return nil, err
	}
	return &Ok{}, nil
}

func (s *Layer) addSavedAnimation(ctx context.Context, r *AddSavedAnimationRequest) (Object, error) {
	return s.saveGif(ctx, r.Animation, false)
}

func (s *Layer) deleteSavedAnimation(ctx context.Context, r *DeleteSavedAnimationRequest) (Object, error) {
	return s.saveGif(ctx, r.Animation, true)
}
