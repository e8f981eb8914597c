package sandbox_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/luagram/luagram/mtproto/dcs"
	"github.com/luagram/luagram/sandbox"
	"github.com/luagram/luagram/sandbox/sandboxtest"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// loginWatched logs a user (phone) or a bot (token) in, passing every
// update it is pushed to updates.
func loginWatched(t *testing.T, sb *sandbox.Sandbox, info sandbox.UserInfo, updates chan<- api.UpdateClass) *dcs.Client {
	t.Helper()
	cfg := sandboxtest.ClientConfig(sb)
	cfg.HomeDC = info.HomeDC
	if updates != nil {
		cfg.OnUpdates = func(_ int, body []byte) {
			var list []api.UpdateClass
			switch x := tl.DecodeObject(tl.NewDecoder(body)).(type) {
			case *api.Updates:
				list = x.Updates
			case *api.UpdateShort:
				list = []api.UpdateClass{x.Update}
			}
			for _, u := range list {
				select {
				case updates <- u:
				default:
				}
			}
		}
	}
	c, err := dcs.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	ctx := testCtx(t)
	if info.Token != "" {
		if _, err := dcs.Call(ctx, c, &api.AuthImportBotAuthorizationRequest{APIID: 1, APIHash: "x", BotAuthToken: info.Token}); err != nil {
			t.Fatal(err)
		}
	} else {
		sent, err := dcs.Call(ctx, c, &api.AuthSendCodeRequest{PhoneNumber: info.Phone, APIID: 1, APIHash: "x", Settings: api.CodeSettings{}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := dcs.Call(ctx, c, &api.AuthSignInRequest{PhoneNumber: info.Phone, PhoneCodeHash: sent.(*api.AuthSentCode).PhoneCodeHash,
			PhoneCode: tl.Some(info.Code)}); err != nil {
			t.Fatal(err)
		}
	}
	c.SetAuthorized(true)
	return c
}

// resolve finds a user by username as c sees it.
func resolve(t *testing.T, c *dcs.Client, name string) (*api.InputUser, *api.InputPeerUser) {
	t.Helper()
	r, err := dcs.Call(testCtx(t), c, &api.ContactsResolveUsernameRequest{Username: name})
	if err != nil {
		t.Fatal(err)
	}
	u := r.Users[0].(*api.User)
	return &api.InputUser{UserID: u.ID, AccessHash: u.AccessHash.Value}, &api.InputPeerUser{UserID: u.ID, AccessHash: u.AccessHash.Value}
}

// sentMessage is the message of a send's updates, and the other updates.
func sentMessage(t *testing.T, res api.UpdatesClass) (*api.Message, []api.UpdateClass) {
	t.Helper()
	u, ok := res.(*api.Updates)
	if !ok {
		t.Fatalf("got %T, want updates", res)
	}
	for _, x := range u.Updates {
		if nm, ok := x.(*api.UpdateNewMessage); ok {
			if m, ok := nm.Message.(*api.Message); ok {
				return m, u.Updates
			}
		}
	}
	t.Fatalf("no new message in %v", u)
	return nil, nil
}

func scoresOf(h *api.MessagesHighScores) string {
	s := ""
	for _, x := range h.Scores {
		s += fmt.Sprintf("%d:%d:%d ", x.Pos, x.UserID, x.Score)
	}
	return s
}

// TestGames: a bot's games sent with inputMediaGame, scores in a private
// chat and a group (edit_message, force, BOT_SCORE_NOT_MODIFIED, the
// service message), the high score table with neighbours, inline game
// messages, and the documented errors.
func TestGames(t *testing.T) {
	sb := sandboxtest.Start(t, 2)
	ctx := testCtx(t)
	botInfo, err := sb.CreateBot("arcade")
	if err != nil {
		t.Fatal(err)
	}
	otherBot, _ := sb.CreateBot("rival")
	if _, err := sb.CreateGame(botInfo.ID, "x", "Bad", ""); err == nil {
		t.Error("a 1-letter short name is accepted")
	}
	aliceInfo, _ := sb.CreateUser("9996610001", "Alice", "", "alice_g", "")
	if _, err := sb.CreateGame(aliceInfo.ID, "snake", "Snake", ""); err == nil {
		t.Error("a user got a game")
	}
	info, err := sb.CreateGame(botInfo.ID, "snake", "Snake", "Eat the apples")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sb.CreateGame(botInfo.ID, "Snake", "Again", ""); err == nil {
		t.Error("a second game snake")
	}
	if _, err := sb.CreateGame(otherBot.ID, "chess", "Chess", ""); err != nil {
		t.Fatal(err)
	}
	bobInfo, _ := sb.CreateUser("9996610002", "Bob", "", "bob_g", "")
	carolInfo, _ := sb.CreateUser("9996610003", "Carol", "", "carol_g", "")

	botUpdates := make(chan api.UpdateClass, 256)
	bot := loginWatched(t, sb, botInfo, botUpdates)
	alice := loginWatched(t, sb, aliceInfo, nil)
	bobUpdates := make(chan api.UpdateClass, 256)
	bob := loginWatched(t, sb, bobInfo, bobUpdates)
	aliceU, aliceP := resolve(t, bot, "alice_g")
	bobU, _ := resolve(t, bot, "bob_g")
	carolU, _ := resolve(t, bot, "carol_g")
	botU, botP := resolve(t, alice, botInfo.Username)

	// Sending: only the bot itself, by short name; anyone by id.
	game := &api.InputMediaGame{ID: &api.InputGameShortName{BotID: &api.InputUserSelf{}, ShortName: "snake"}}
	_, err = dcs.Call(ctx, alice, &api.MessagesSendMediaRequest{Peer: botP, Media: &api.InputMediaGame{
		ID: &api.InputGameShortName{BotID: botU, ShortName: "snake"}}, RandomID: rand.Int64()})
	wantRPC(t, "user sends by short name", err, "USER_BOT_REQUIRED")
	_, err = dcs.Call(ctx, bot, &api.MessagesSendMediaRequest{Peer: aliceP, Media: &api.InputMediaGame{
		ID: &api.InputGameShortName{BotID: &api.InputUserSelf{}, ShortName: "chess"}}, RandomID: rand.Int64()})
	wantRPC(t, "another bot's game", err, "MEDIA_INVALID")
	res, err := dcs.Call(ctx, bot, &api.MessagesSendMediaRequest{Peer: aliceP, Media: game, RandomID: rand.Int64()})
	if err != nil {
		t.Fatal(err)
	}
	gm, _ := sentMessage(t, res)
	mg, ok := gm.Media.(*api.MessageMediaGame)
	if !ok {
		t.Fatalf("media %T", gm.Media)
	}
	g := mg.Game
	if g.ID != info.ID || g.AccessHash != info.AccessHash || g.ShortName != "snake" || g.Title != "Snake" || g.Description != "Eat the apples" {
		t.Errorf("game %+v", g)
	}
	if p, ok := g.Photo.(*api.Photo); !ok || len(p.Sizes) == 0 {
		t.Errorf("game photo %v", g.Photo)
	}
	// Without a markup the server adds one "Play <title>" game button; a
	// markup must start with a game button.
	if im, ok := gm.ReplyMarkup.(*api.ReplyInlineMarkup); !ok || len(im.Rows) != 1 || len(im.Rows[0].Buttons) != 1 {
		t.Errorf("default markup %#v", gm.ReplyMarkup)
	} else if b, ok := im.Rows[0].Buttons[0].(*api.KeyboardButtonGame); !ok || b.Text != "Play Snake" {
		t.Errorf("default button %#v", im.Rows[0].Buttons[0])
	}
	cb := &api.KeyboardButtonCallback{Text: "Rules", Data: []byte("rules")}
	_, err = dcs.Call(ctx, bot, &api.MessagesSendMediaRequest{Peer: aliceP, Media: game, RandomID: rand.Int64(),
		ReplyMarkup: &api.ReplyInlineMarkup{Rows: []api.KeyboardButtonRow{{Buttons: []api.KeyboardButtonClass{cb}}}}})
	wantRPC(t, "markup without a game button", err, "REPLY_MARKUP_GAME_EMPTY")
	_, err = dcs.Call(ctx, bot, &api.MessagesSendMediaRequest{Peer: aliceP, Media: game, RandomID: rand.Int64(),
		ReplyMarkup: &api.ReplyInlineMarkup{Rows: []api.KeyboardButtonRow{{Buttons: []api.KeyboardButtonClass{cb, &api.KeyboardButtonGame{Text: "Go"}}}}}})
	wantRPC(t, "game button not first", err, "REPLY_MARKUP_GAME_EMPTY")
	own := &api.ReplyInlineMarkup{Rows: []api.KeyboardButtonRow{{Buttons: []api.KeyboardButtonClass{&api.KeyboardButtonGame{Text: "Go!"}}},
		{Buttons: []api.KeyboardButtonClass{cb}}}}
	res2, err := dcs.Call(ctx, bot, &api.MessagesSendMediaRequest{Peer: aliceP, Media: game, RandomID: rand.Int64(), ReplyMarkup: own})
	if err != nil {
		t.Fatal(err)
	}
	gm2, _ := sentMessage(t, res2)
	if im, ok := gm2.ReplyMarkup.(*api.ReplyInlineMarkup); !ok || len(im.Rows) != 2 {
		t.Errorf("bot's markup %#v", gm2.ReplyMarkup)
	}
	_, err = dcs.Call(ctx, bot, &api.MessagesEditMessageRequest{Peer: aliceP, ID: gm2.ID,
		ReplyMarkup: &api.ReplyInlineMarkup{Rows: []api.KeyboardButtonRow{{Buttons: []api.KeyboardButtonClass{cb}}}}})
	wantRPC(t, "edit drops the game button", err, "REPLY_MARKUP_GAME_EMPTY")
	// Alice shares it with Bob by id.
	_, bobP := resolve(t, alice, "bob_g")
	if _, err := dcs.Call(ctx, alice, &api.MessagesSendMediaRequest{Peer: bobP, Media: &api.InputMediaGame{
		ID: &api.InputGameID{ID: g.ID, AccessHash: g.AccessHash}}, RandomID: rand.Int64()}); err != nil {
		t.Fatal(err)
	}
	_, err = dcs.Call(ctx, alice, &api.MessagesSendMediaRequest{Peer: bobP, Media: &api.InputMediaGame{
		ID: &api.InputGameID{ID: g.ID, AccessHash: g.AccessHash + 1}}, RandomID: rand.Int64()})
	wantRPC(t, "wrong access hash", err, "MEDIA_INVALID")

	// Errors of setGameScore.
	set := func(c *dcs.Client, peer api.InputPeerClass, id int32, u api.InputUserClass, score int32, edit, force bool) (api.UpdatesClass, error) {
		return dcs.Call(ctx, c, &api.MessagesSetGameScoreRequest{Peer: peer, ID: id, UserID: u, Score: score, EditMessage: edit, Force: force})
	}
	_, err = set(alice, botP, 1, &api.InputUserSelf{}, 5, false, false)
	wantRPC(t, "a user sets a score", err, "USER_BOT_REQUIRED")
	_, err = set(bot, aliceP, gm.ID+100, aliceU, 5, false, false)
	wantRPC(t, "no such message", err, "MESSAGE_ID_INVALID")
	_, err = set(bot, &api.InputPeerUser{UserID: aliceU.UserID, AccessHash: 1}, gm.ID, aliceU, 5, false, false)
	wantRPC(t, "bad peer", err, "PEER_ID_INVALID")
	text, err := dcs.Call(ctx, bot, &api.MessagesSendMessageRequest{Peer: aliceP, Message: "not a game", RandomID: rand.Int64()})
	if err != nil {
		t.Fatal(err)
	}
	_, err = set(bot, aliceP, text.(*api.UpdateShortSentMessage).ID, aliceU, 5, false, false)
	wantRPC(t, "a text message", err, "MESSAGE_ID_INVALID")

	// A first score with edit_message: the message shows the board and a
	// service message announces it.
	up, err := set(bot, aliceP, gm.ID, aliceU, 100, true, false)
	if err != nil {
		t.Fatal(err)
	}
	var edited, announced bool
	for _, u := range up.(*api.Updates).Updates {
		switch x := u.(type) {
		case *api.UpdateEditMessage:
			m := x.Message.(*api.Message)
			edited = m.ID == gm.ID && m.Message == "1. Alice — 100" && m.EditDate.Set
		case *api.UpdateNewMessage:
			s := x.Message.(*api.MessageService)
			a, ok := s.Action.(*api.MessageActionGameScore)
			announced = ok && a.GameID == g.ID && a.Score == 100 && s.ReplyTo.(*api.MessageReplyHeader).ReplyToMsgID.Value == gm.ID && !s.Out
		}
	}
	if !edited || !announced {
		t.Errorf("edited %v announced %v: %v", edited, announced, up)
	}
	// Alice sees both in her history.
	h, err := dcs.Call(ctx, alice, &api.MessagesGetHistoryRequest{Peer: botP, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, m := range api.MessagesOf(h) {
		if mm, ok := m.(*api.Message); ok && mm.Media != nil {
			found = mm.Message == "1. Alice — 100" && mm.EditDate.Set
		}
	}
	if !found {
		t.Error("alice's game message is not edited")
	}

	// Not higher: refused unless forced; equal: refused even forced.
	_, err = set(bot, aliceP, gm.ID, aliceU, 50, false, false)
	wantRPC(t, "lower without force", err, "BOT_SCORE_NOT_MODIFIED")
	_, err = set(bot, aliceP, gm.ID, aliceU, 100, false, true)
	wantRPC(t, "same forced", err, "BOT_SCORE_NOT_MODIFIED")
	up, err = set(bot, aliceP, gm.ID, aliceU, 50, false, true)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(up.(*api.Updates).Updates); n != 0 {
		t.Errorf("without edit_message: %d updates", n)
	}
	hs, err := dcs.Call(ctx, bot, &api.MessagesGetGameHighScoresRequest{Peer: aliceP, ID: gm.ID, UserID: aliceU})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := scoresOf(hs), fmt.Sprintf("1:%d:50 ", aliceInfo.ID); got != want {
		t.Errorf("private scores %q, want %q", got, want)
	}
	_, err = dcs.Call(ctx, alice, &api.MessagesGetGameHighScoresRequest{Peer: botP, ID: 1, UserID: &api.InputUserSelf{}})
	wantRPC(t, "a user reads scores", err, "USER_BOT_REQUIRED")
	_, err = set(bot, aliceP, gm.ID, &api.InputUserSelf{}, 5, false, false)
	wantRPC(t, "a bot's score", err, "USER_BOT_INVALID")

	// A group: Alice, Bob, Carol and the bot; and more players.
	_, carolP := resolve(t, alice, "carol_g")
	_ = carolP
	aliceCarol, _ := resolve(t, alice, "carol_g")
	aliceBob, _ := resolve(t, alice, "bob_g")
	inv, err := dcs.Call(ctx, alice, &api.MessagesCreateChatRequest{Users: []api.InputUserClass{botU, aliceBob, aliceCarol}, Title: "Gamers"})
	if err != nil {
		t.Fatal(err)
	}
	chatID := inv.Updates.(*api.Updates).Chats[0].(*api.Chat).ID
	chatP := &api.InputPeerChat{ChatID: chatID}
	res, err = dcs.Call(ctx, bot, &api.MessagesSendMediaRequest{Peer: chatP, Media: game, RandomID: rand.Int64()})
	if err != nil {
		t.Fatal(err)
	}
	cm, _ := sentMessage(t, res)
	for _, s := range []struct {
		u     *api.InputUser
		score int32
	}{{aliceU, 10}, {bobU, 30}, {carolU, 20}} {
		if _, err := set(bot, chatP, cm.ID, s.u, s.score, true, false); err != nil {
			t.Fatal(err)
		}
	}
	// The private board is apart.
	hs, err = dcs.Call(ctx, bot, &api.MessagesGetGameHighScoresRequest{Peer: chatP, ID: cm.ID, UserID: aliceU})
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("1:%d:30 2:%d:20 3:%d:10 ", bobInfo.ID, carolInfo.ID, aliceInfo.ID)
	if got := scoresOf(hs); got != want {
		t.Errorf("group scores %q, want %q", got, want)
	}
	if len(hs.Users) != 3 {
		t.Errorf("%d users", len(hs.Users))
	}
	// Bob's copy of the game shows the board.
	bh, err := dcs.Call(ctx, bob, &api.MessagesGetHistoryRequest{Peer: chatP, Limit: 20})
	if err != nil {
		t.Fatal(err)
	}
	board := ""
	var bobGame int32
	services := 0
	for _, m := range api.MessagesOf(bh) {
		switch x := m.(type) {
		case *api.Message:
			if _, ok := x.Media.(*api.MessageMediaGame); ok {
				board, bobGame = x.Message, x.ID
			}
		}
	}
	// Bob was told of the three scores, each replying to his copy.
	wait := time.After(5 * time.Second)
	for services < 3 {
		var u api.UpdateClass
		select {
		case u = <-bobUpdates:
		case <-wait:
			t.Fatalf("bob was told of %d scores", services)
		}
		if nm, ok := u.(*api.UpdateNewMessage); ok {
			if x, ok := nm.Message.(*api.MessageService); ok {
				if _, ok := x.Action.(*api.MessageActionGameScore); ok && x.ReplyTo.(*api.MessageReplyHeader).ReplyToMsgID.Value == bobGame {
					services++
				}
			}
		}
	}
	if board != "1. Bob — 30\n2. Carol — 20\n3. Alice — 10" {
		t.Errorf("bob sees board %q", board)
	}
	// With eight players, the 8th sees the top three and their neighbours.
	ids := []int64{bobInfo.ID, carolInfo.ID, aliceInfo.ID}
	for i := 4; i <= 8; i++ {
		name := fmt.Sprintf("player%d", i)
		pi, err := sb.CreateUser(fmt.Sprintf("99966100%02d", 10+i), name, "", name, "")
		if err != nil {
			t.Fatal(err)
		}
		pu, _ := resolve(t, bot, name)
		if _, err := set(bot, chatP, cm.ID, pu, int32(10-i), false, false); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, pi.ID)
	}
	last, _ := resolve(t, bot, "player8")
	hs, err = dcs.Call(ctx, bot, &api.MessagesGetGameHighScoresRequest{Peer: chatP, ID: cm.ID, UserID: last})
	if err != nil {
		t.Fatal(err)
	}
	want = fmt.Sprintf("1:%d:30 2:%d:20 3:%d:10 6:%d:4 7:%d:3 8:%d:2 ", ids[0], ids[1], ids[2], ids[5], ids[6], ids[7])
	if got := scoresOf(hs); got != want {
		t.Errorf("around the last %q, want %q", got, want)
	}

	// Inline: Alice sends the game through the bot's inline mode.
	go func() {
		for u := range botUpdates {
			if q, ok := u.(*api.UpdateBotInlineQuery); ok {
				_, err := dcs.Call(ctx, bot, &api.MessagesSetInlineBotResultsRequest{QueryID: q.QueryID, Results: []api.InputBotInlineResultClass{
					&api.InputBotInlineResultGame{ID: "g1", ShortName: "snake", SendMessage: &api.InputBotInlineMessageGame{}}}})
				if err != nil {
					t.Error(err)
				}
				return
			}
		}
	}()
	results, err := dcs.Call(ctx, alice, &api.MessagesGetInlineBotResultsRequest{Bot: botU, Peer: bobP, Query: "play"})
	if err != nil {
		t.Fatal(err)
	}
	r0, ok := results.Results[0].(*api.BotInlineMediaResult)
	if !ok || r0.Type != "game" || r0.ID != "g1" || r0.Photo == nil {
		t.Fatalf("inline result %v", results.Results)
	}
	sent, err := dcs.Call(ctx, alice, &api.MessagesSendInlineBotResultRequest{Peer: bobP, QueryID: results.QueryID, ID: "g1", RandomID: rand.Int64()})
	if err != nil {
		t.Fatal(err)
	}
	im, _ := sentMessage(t, sent)
	var inlineID api.InputBotInlineMessageIDClass
	deadline := time.After(10 * time.Second)
	for inlineID == nil {
		select {
		case u := <-botUpdates:
			if s, ok := u.(*api.UpdateBotInlineSend); ok && s.ID == "g1" {
				inlineID = s.MsgID
			}
		case <-deadline:
			t.Fatal("no updateBotInlineSend with msg_id")
		}
	}
	if x := inlineID.(*api.InputBotInlineMessageID64); x.ID != im.ID || x.OwnerID != aliceInfo.ID {
		t.Errorf("inline message id %v for message %d", x, im.ID)
	}
	setInline := func(u api.InputUserClass, score int32, edit, force bool) (bool, error) {
		return dcs.Call(ctx, bot, &api.MessagesSetInlineGameScoreRequest{ID: inlineID, UserID: u, Score: score, EditMessage: edit, Force: force})
	}
	if _, err := setInline(bobU, 7, true, false); err != nil {
		t.Fatal(err)
	}
	if _, err := setInline(carolU, 9, false, false); err != nil {
		t.Fatal(err)
	}
	_, err = setInline(bobU, 6, false, false)
	wantRPC(t, "inline lower", err, "BOT_SCORE_NOT_MODIFIED")
	_, err = dcs.Call(ctx, bot, &api.MessagesSetInlineGameScoreRequest{ID: &api.InputBotInlineMessageID64{DCID: 2, OwnerID: aliceInfo.ID,
		ID: im.ID, AccessHash: 1}, UserID: bobU, Score: 8})
	wantRPC(t, "inline bad hash", err, "MESSAGE_ID_INVALID")
	_, err = dcs.Call(ctx, alice, &api.MessagesSetInlineGameScoreRequest{ID: inlineID, UserID: &api.InputUserSelf{}, Score: 8})
	wantRPC(t, "inline by a user", err, "USER_BOT_REQUIRED")
	hs, err = dcs.Call(ctx, bot, &api.MessagesGetInlineGameHighScoresRequest{ID: inlineID, UserID: bobU})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := scoresOf(hs), fmt.Sprintf("1:%d:9 2:%d:7 ", carolInfo.ID, bobInfo.ID); got != want {
		t.Errorf("inline scores %q, want %q", got, want)
	}
	// The edit reached Alice's and Bob's copies.
	ah, err := dcs.Call(ctx, alice, &api.MessagesGetHistoryRequest{Peer: bobP, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if m := api.MessagesOf(ah)[0].(*api.Message); m.ID != im.ID || m.Message != "1. Bob — 7" {
		t.Errorf("alice's inline game message %d %q", m.ID, m.Message)
	}
	bh, err = dcs.Call(ctx, bob, &api.MessagesGetHistoryRequest{Peer: &api.InputPeerUser{UserID: aliceInfo.ID,
		AccessHash: func() int64 { _, p := resolve(t, bob, "alice_g"); return p.AccessHash }()}, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if m := api.MessagesOf(bh)[0].(*api.Message); m.Message != "1. Bob — 7" {
		t.Errorf("bob's inline game message %v", m)
	}
}
