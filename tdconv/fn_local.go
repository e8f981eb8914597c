package tdconv

import (
	"context"
	"math"
	"time"

	"github.com/luagram/luagram/tl/api"
)

// The functions TDLib answered from its own state.

func init() {
	register("getAuthState", (*Layer).getAuthState)
	register("getOption", (*Layer).getOption)
	register("setOption", (*Layer).setOption)
	register("setAlarm", (*Layer).setAlarm)
	register("deleteChatReplyMarkup", (*Layer).deleteChatReplyMarkup)
	register("getFile", (*Layer).getFile)
	register("getFilePersistent", (*Layer).getFilePersistent)
	register("downloadFile", (*Layer).downloadFile)
	register("cancelDownloadFile", (*Layer).cancelDownloadFile)
	register("getSupportUser", (*Layer).getSupportUser)
	register("getWebPagePreview", (*Layer).getWebPagePreview)
}

// getAuthState answers authStateOk: a Layer runs on a logged-in account.
func (s *Layer) getAuthState(context.Context, *GetAuthStateRequest) (Object, error) {
	return &AuthStateOk{}, nil
}

// getOption answers my_id and the options set by setOption; others are
// empty.
func (s *Layer) getOption(_ context.Context, r *GetOptionRequest) (Object, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r.Name == "my_id" && s.self != nil {
		return &OptionInteger{Value: s.self.ID}, nil
	}
	if v := s.options[r.Name]; v != nil {
		return v, nil
	}
	return &OptionEmpty{}, nil
}

func (s *Layer) setOption(_ context.Context, r *SetOptionRequest) (Object, error) {
	if r.Name == "my_id" {
		return nil, tdError(400, "Option can't be set")
	}
	s.mu.Lock()
	if _, empty := r.Value.(*OptionEmpty); empty || r.Value == nil {
		delete(s.options, r.Name)
	} else {
		s.options[r.Name] = r.Value
	}
	s.mu.Unlock()
	s.emit(&UpdateOption{Name: r.Name, Value: r.Value})
	return &Ok{}, nil
}

// setAlarm answers Ok after the given number of seconds; scripts use it
// as a timer.
func (s *Layer) setAlarm(ctx context.Context, r *SetAlarmRequest) (Object, error) {
	if r.Seconds < 0 || math.IsNaN(r.Seconds) || r.Seconds > 3e9 {
		return nil, tdError(400, "Wrong parameter seconds specified")
	}
	t := time.NewTimer(time.Duration(r.Seconds * float64(time.Second)))
	defer t.Stop()
	select {
	case <-t.C:
		return &Ok{}, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (s *Layer) deleteChatReplyMarkup(context.Context, *DeleteChatReplyMarkupRequest) (Object, error) {
	return &Ok{}, nil
}

func (s *Layer) getSupportUser(ctx context.Context, _ *GetSupportUserRequest) (Object, error) {
	res, err := call(ctx, s, &api.HelpGetSupportRequest{})
	if err != nil {
		return nil, err
	}
	u, ok := res.User.(*api.User)
	if !ok {
		return nil, tdError(404, "User not found")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.user(u), nil
}

func (s *Layer) getWebPagePreview(ctx context.Context, r *GetWebPagePreviewRequest) (Object, error) {
	res, err := call(ctx, s, &api.MessagesGetWebPagePreviewRequest{Message: r.MessageText})
	if err != nil {
		return nil, err
	}
	mw, ok := res.Media.(*api.MessageMediaWebPage)
	if !ok {
		return nil, tdError(404, "Web page not found")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	w := s.webPage(&api.Message{Media: mw}, mw.Webpage)
	if w == nil {
		return nil, tdError(404, "Web page not found")
	}
	return w, nil
}
