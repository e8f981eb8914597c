package tdconv

import (
	"context"
	"math"

	"github.com/luagram/luagram/tl/api"
)

// Game scores (bots only): messages.setGameScore, setInlineGameScore,
// getGameHighScores and getInlineGameHighScores
// (core.telegram.org/api/bots/games).

func init() {
	register("setGameScore", (*Layer).setGameScore)
	register("setInlineGameScore", (*Layer).setInlineGameScore)
	register("getGameHighScores", (*Layer).getGameHighScores)
	register("getInlineGameHighScores", (*Layer).getInlineGameHighScores)
}

func gameScore(score int64) (int32, error) {
	if score < 0 || score > math.MaxInt32 {
		return 0, tdError(400, "Invalid score specified")
	}
	return int32(score), nil
}

// setGameScore returns the game message, as edited when edit_message is
// set.
func (s *Layer) setGameScore(ctx context.Context, r *SetGameScoreRequest) (Object, error) {
	score, err := gameScore(r.Score)
	if err != nil {
		return nil, err
	}
	peer, err := s.c.InputPeer(ctx, r.ChatID)
	if err != nil {
		return nil, err
	}
	user, err := s.c.InputUser(ctx, r.UserID)
	if err != nil {
		return nil, err
	}
	res, err := call(ctx, s, &api.MessagesSetGameScoreRequest{EditMessage: r.EditMessage, Force: r.Force, Peer: peer,
		ID: ServerMessageID(r.MessageID), UserID: user, Score: score})
	if err != nil {
		return nil, err
	}
	if u, ok := res.(*api.Updates); ok {
		for _, x := range u.Updates {
			var m api.MessageClass
			switch e := x.(type) {
			case *api.UpdateEditMessage:
				m = e.Message
			case *api.UpdateEditChannelMessage:
				m = e.Message
			default:
				continue
			}
			if mm, ok := m.(*api.Message); ok && mm.ID == ServerMessageID(r.MessageID) {
				s.mu.Lock()
				t := s.message(m)
				s.mu.Unlock()
				return t, nil
			}
		}
	}
	return s.getMessage(ctx, &GetMessageRequest{ChatID: r.ChatID, MessageID: r.MessageID})
}

func (s *Layer) setInlineGameScore(ctx context.Context, r *SetInlineGameScoreRequest) (Object, error) {
	score, err := gameScore(r.Score)
	if err != nil {
		return nil, err
	}
	id, err := parseInlineMessageID(r.InlineMessageID)
	if err != nil {
		return nil, err
	}
	user, err := s.c.InputUser(ctx, r.UserID)
	if err != nil {
		return nil, err
	}
	if _, err := call(ctx, s, &api.MessagesSetInlineGameScoreRequest{EditMessage: r.EditMessage, Force: r.Force, ID: id,
		UserID: user, Score: score}); err != nil {
		return nil, err
	}
	return &Ok{}, nil
}

// highScores converts messages.highScores.
func highScores(h *api.MessagesHighScores) *GameHighScores {
	out := &GameHighScores{Scores: make([]*GameHighScore, 0, len(h.Scores))}
	for _, x := range h.Scores {
		out.Scores = append(out.Scores, &GameHighScore{Position: int64(x.Pos), UserID: x.UserID, Score: int64(x.Score)})
	}
	return out
}

func (s *Layer) getGameHighScores(ctx context.Context, r *GetGameHighScoresRequest) (Object, error) {
	peer, err := s.c.InputPeer(ctx, r.ChatID)
	if err != nil {
		return nil, err
	}
	user, err := s.c.InputUser(ctx, r.UserID)
	if err != nil {
		return nil, err
	}
	res, err := call(ctx, s, &api.MessagesGetGameHighScoresRequest{Peer: peer, ID: ServerMessageID(r.MessageID), UserID: user})
	if err != nil {
		return nil, err
	}
	return highScores(res), nil
}

func (s *Layer) getInlineGameHighScores(ctx context.Context, r *GetInlineGameHighScoresRequest) (Object, error) {
	id, err := parseInlineMessageID(r.InlineMessageID)
	if err != nil {
		return nil, err
	}
	user, err := s.c.InputUser(ctx, r.UserID)
	if err != nil {
		return nil, err
	}
	res, err := call(ctx, s, &api.MessagesGetInlineGameHighScoresRequest{ID: id, UserID: user})
	if err != nil {
		return nil, err
	}
	return highScores(res), nil
}
