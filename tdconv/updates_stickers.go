package tdconv

import (
	"context"
	"slices"
	"time"

	"github.com/luagram/luagram/tl/api"
)

// Sticker updates. Telegram announces that a list changed (installed
// sets, recent stickers, trending sets) and mostly leaves the list out;
// TDLib fetched it and announced the new one. The fetch runs after Update
// has let s.mu go, on the update's goroutine, so the lists are announced
// in the order of the updates.

// stickerFetchTimeout bounds the fetch of a list an update announces.
const stickerFetchTimeout = 30 * time.Second

// stickerUpdates tells what a sticker update becomes: TD updates known
// at once, or a fetch to run without s.mu. Call with s.mu held.
func (s *Layer) stickerUpdates(u api.UpdateClass) (out []Object, fetch func(context.Context) ([]Object, error)) {
	switch x := u.(type) {
	case *api.UpdateNewStickerSet:
		full, ok := x.Stickerset.(*api.MessagesStickerSet)
		if !ok || full.Set.Emojis {
			return nil, nil
		}
		s.noteSet(&full.Set)
		masks := full.Set.Masks
		return nil, func(ctx context.Context) ([]Object, error) { return s.installedUpdate(ctx, masks) }
	case *api.UpdateStickerSets:
		if x.Emojis {
			return nil, nil // TD of the time had no custom emoji sets
		}
		masks := x.Masks
		return nil, func(ctx context.Context) ([]Object, error) { return s.installedUpdate(ctx, masks) }
	case *api.UpdateStickerSetsOrder:
		if x.Emojis {
			return nil, nil
		}
		return []Object{&UpdateStickerSets{IsMasks: x.Masks, StickerSetIDs: slices.Clone(x.Order)}}, nil
	case *api.UpdateRecentStickers:
		// Either list may have changed: both are fetched, those that did
		// are announced.
		return nil, s.recentUpdates
	case *api.UpdateReadFeaturedStickers:
		return nil, func(ctx context.Context) ([]Object, error) {
			sets, err := s.getTrendingStickerSets(ctx, &GetTrendingStickerSetsRequest{})
			if err != nil {
				return nil, err
			}
			return []Object{&UpdateTrendingStickerSets{StickerSets: sets.(*StickerSets)}}, nil
		}
	case *api.UpdateSavedGifs:
		// The TD update of the time carried no list.
		return []Object{&UpdateSavedAnimations{}}, nil
	}
	return nil, nil
}

// installedUpdate fetches the installed sets of a kind as
// UpdateStickerSets.
func (s *Layer) installedUpdate(ctx context.Context, masks bool) ([]Object, error) {
	sets, err := s.installedSets(ctx, masks)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, 0, len(sets))
	s.mu.Lock()
	for i := range sets {
		s.noteSet(&sets[i])
		ids = append(ids, sets[i].ID)
	}
	s.mu.Unlock()
	return []Object{&UpdateStickerSets{IsMasks: masks, StickerSetIDs: ids}}, nil
}

// recentUpdates fetches both lists of recent stickers and announces, as
// UpdateRecentStickers, those that differ from the ones last announced.
func (s *Layer) recentUpdates(ctx context.Context) ([]Object, error) {
	var out []Object
	for i, attached := range []bool{false, true} {
		st, err := s.recentStickers(ctx, attached)
		if err != nil {
			return nil, err
		}
		ids := make([]int64, 0, len(st.Stickers))
		for _, x := range st.Stickers {
			ids = append(ids, x.Sticker.ID)
		}
		s.mu.Lock()
		changed := s.recentIDs[i] == nil || !slices.Equal(s.recentIDs[i], ids)
		s.recentIDs[i] = ids
		s.mu.Unlock()
		if changed {
			out = append(out, &UpdateRecentStickers{IsAttached: attached, StickerIDs: ids})
		}
	}
	return out, nil
}

// runStickerFetch queues the fetch of a sticker update; a goroutine of its
// own runs the queue and emits what each fetch returns, so the client's
// update delivery never waits on it. A failed fetch is logged and
// announces nothing. Fetches run one at a time, in order, so a later list
// is never announced before an earlier one.
func (s *Layer) runStickerFetch(fetch func(context.Context) ([]Object, error)) {
	if s.c == nil {
		return
	}
	s.stickerFetch.Lock()
	s.stickerQueue = append(s.stickerQueue, fetch)
	start := !s.stickerFetching
	s.stickerFetching = true
	s.stickerFetch.Unlock()
	if start {
		go s.drainStickerFetches()
	}
}

// drainStickerFetches runs queued fetches until none is left.
func (s *Layer) drainStickerFetches() {
	for {
		s.stickerFetch.Lock()
		if len(s.stickerQueue) == 0 {
			s.stickerFetching = false
			s.stickerFetch.Unlock()
			return
		}
		fetch := s.stickerQueue[0]
		s.stickerQueue = s.stickerQueue[1:]
		s.stickerFetch.Unlock()
		ctx, cancel := context.WithTimeout(context.Background(), stickerFetchTimeout)
		out, err := fetch(ctx)
		cancel()
		if err != nil {
			s.log.Warn("tdconv: fetching a sticker list for an update failed", "err", err)
			continue
		}
		for _, o := range out {
			s.emit(o)
		}
	}
}
