package sandbox

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"sort"
	"strconv"
	"strings"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// Games as Telegram has them (core.telegram.org/api/bots/games): a bot has
// HTML5 games, made with @BotFather (here CreateGame), each with a short
// name unique for the bot, a title, a description and a 640×360 photo. A
// bot sends one with messages.sendMedia{inputMediaGame{inputGameShortName}}
// (anyone may send it again by inputGameID), or users send it through the
// bot's inline mode (td_inline_games.go). The bot then reports players'
// scores with messages.setGameScore (a message in a chat) or
// messages.setInlineGameScore (a message sent via the bot), and reads the
// high score table with messages.getGameHighScores/getInlineGameHighScores.
//
// Scores are kept per chat and game (per message for inline messages): a
// new score must beat the user's current one unless force is set
// (BOT_SCORE_NOT_MODIFIED). With edit_message the game message is edited
// to show the scoreboard, and in a chat a new high score is announced by a
// messageActionGameScore service message from the player, replying to the
// game.

func init() {
	handlers[api.MessagesSetGameScoreRequestTypeID] = (*call).messagesSetGameScore
	handlers[api.MessagesSetInlineGameScoreRequestTypeID] = (*call).messagesSetInlineGameScore
	handlers[api.MessagesGetGameHighScoresRequestTypeID] = (*call).messagesGetGameHighScores
	handlers[api.MessagesGetInlineGameHighScoresRequestTypeID] = (*call).messagesGetInlineGameHighScores
}

// A game is one of a bot's games.
type game struct {
	id, accessHash int64
	bot            int64
	shortName      string
	title          string
	description    string
	photo          *photo
}

// A scoreEntry is one user's score on a board; seq orders equal scores
// (the earlier first).
type scoreEntry struct {
	user  int64
	score int32
	seq   int64
}

// A boardKey names a high score table: a chat (as the bot sees it) or an
// inline message ('i', its id), and a game.
type boardKey struct {
	where peerRef
	game  int64
}

// An inlineGame is a game message sent via a bot's inline mode: the
// sender's copy identifies it.
type inlineGame struct {
	id         int64 // key of gameWorld.inline and boards
	owner      int64 // the user who sent it, or the channel it is in
	sender     int64
	ref        peerRef
	msgID      int32 // in the owner's box (or the channel's)
	game       *game
	accessHash int64
}

// gameWorld is the sandbox's games and scores. It is guarded by the
// world's lock.
type gameWorld struct {
	games  map[int64]*game
	byName map[int64]map[string]*game // bot → lower-case short name
	boards map[boardKey]map[int64]*scoreEntry
	inline map[[2]int64]*inlineGame // owner, message id
	seq    int64
}

// games returns the world's games. Call with w.mu held.
func (w *world) games() *gameWorld {
	t := w.td()
	if t.games == nil {
		t.games = &gameWorld{games: map[int64]*game{}, byName: map[int64]map[string]*game{},
			boards: map[boardKey]map[int64]*scoreEntry{}, inline: map[[2]int64]*inlineGame{}}
	}
	return t.games
}

// A GameInfo describes a game the sandbox created.
type GameInfo struct {
	ID, AccessHash int64
	ShortName      string
}

// validGameShortName is @BotFather's rule for a game's short name: 3–64
// letters, digits and underscores.
func validGameShortName(s string) bool {
	if len(s) < 3 || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}

// CreateGame gives the bot with id bot a game, as @BotFather's /newgame
// does: a short name (unique for the bot), a title, a description and a
// 640×360 photo (a plain picture here).
func (sb *Sandbox) CreateGame(bot int64, shortName, title, description string) (GameInfo, error) {
	if !validGameShortName(shortName) {
		return GameInfo{}, fmt.Errorf("sandbox: invalid game short name %q", shortName)
	}
	if strings.TrimSpace(title) == "" {
		return GameInfo{}, errors.New("sandbox: game title is empty")
	}
	w := sb.world
	w.mu.Lock()
	b := w.users[bot]
	if b == nil || !b.bot {
		w.mu.Unlock()
		return GameInfo{}, fmt.Errorf("sandbox: %d is not a bot", bot)
	}
	if w.games().byName[bot][strings.ToLower(shortName)] != nil {
		w.mu.Unlock()
		return GameInfo{}, fmt.Errorf("sandbox: the bot already has a game %q", shortName)
	}
	home := b.homeDC
	w.mu.Unlock()

	img := image.NewRGBA(image.Rect(0, 0, 640, 360))
	for y := 0; y < 360; y++ {
		for x := 0; x < 640; x++ {
			img.Set(x, y, color.RGBA{uint8(x / 3), uint8(y / 2), 160, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return GameInfo{}, err
	}
	sf, err := sb.files.storeBytes(buf.Bytes())
	if err != nil {
		return GameInfo{}, err
	}
	p, err := sb.files.newPhoto(sf, home, int32(sb.cfg.Now().Unix()))
	if err != nil {
		return GameInfo{}, err
	}
	sb.files.addPhoto(p)

	w.mu.Lock()
	defer w.mu.Unlock()
	gw := w.games()
	key := strings.ToLower(shortName)
	if gw.byName[bot][key] != nil {
		return GameInfo{}, fmt.Errorf("sandbox: the bot already has a game %q", shortName)
	}
	g := &game{id: randomInt64(), accessHash: randomInt64(), bot: bot, shortName: shortName, title: title,
		description: description, photo: p}
	gw.games[g.id] = g
	if gw.byName[bot] == nil {
		gw.byName[bot] = map[string]*game{}
	}
	gw.byName[bot][key] = g
	return GameInfo{ID: g.id, AccessHash: g.accessHash, ShortName: shortName}, nil
}

// media renders a game as message media.
func (fs *fileStore) gameMedia(g *game) *api.MessageMediaGame {
	return &api.MessageMediaGame{Game: api.Game{ID: g.id, AccessHash: g.accessHash, ShortName: g.shortName, Title: g.title,
		Description: g.description, Photo: fs.photoObject(g.photo)}}
}

// inputGame finds the game an InputGame names for user: by short name
// only the bot's own games (bots only), by id any game. Call with w.mu
// held.
func (c *call) inputGame(w *world, me *user, in api.InputGameClass) (*game, error) {
	gw := w.games()
	switch x := in.(type) {
	case *api.InputGameShortName:
		if !me.bot {
			return nil, rpcError(400, "USER_BOT_REQUIRED")
		}
		bot, err := c.inputUser(me, x.BotID)
		if err != nil {
			return nil, err
		}
		if bot.id != me.id {
			return nil, rpcError(400, "GAME_BOT_INVALID")
		}
		if g := gw.byName[me.id][strings.ToLower(x.ShortName)]; g != nil {
			return g, nil
		}
	case *api.InputGameID:
		if g := gw.games[x.ID]; g != nil && g.accessHash == x.AccessHash {
			return g, nil
		}
	}
	return nil, rpcError(400, "MEDIA_INVALID")
}

// inputMediaGame is the media of messages.sendMedia{inputMediaGame}.
// Called without w.mu held.
func (c *call) inputMediaGame(userID int64, x *api.InputMediaGame) (api.MessageMediaClass, error) {
	w := c.dc.sb.world
	w.mu.Lock()
	me := w.users[userID]
	if me == nil {
		w.mu.Unlock()
		return nil, rpcError(401, "AUTH_KEY_UNREGISTERED")
	}
	g, err := c.inputGame(w, me, x.ID)
	w.mu.Unlock()
	if err != nil {
		return nil, err
	}
	return c.dc.sb.files.gameMedia(g), nil
}

// gameOf returns the game shown by a message, or nil.
func (w *world) gameOf(m *api.Message) *game {
	if m == nil {
		return nil
	}
	mg, ok := m.Media.(*api.MessageMediaGame)
	if !ok {
		return nil
	}
	return w.games().games[mg.Game.ID]
}

// ranking is a board's entries, best first.
func ranking(b map[int64]*scoreEntry) []*scoreEntry {
	out := make([]*scoreEntry, 0, len(b))
	for _, e := range b {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].score != out[j].score {
			return out[i].score > out[j].score
		}
		return out[i].seq < out[j].seq
	})
	return out
}

// setScore applies a new score. It reports whether the user's score went
// up (a new high score).
func (gw *gameWorld) setScore(key boardKey, userID int64, score int32, force bool) (bool, error) {
	if score < 0 {
		return false, rpcError(400, "SCORE_INVALID")
	}
	b := gw.boards[key]
	if b == nil {
		b = map[int64]*scoreEntry{}
		gw.boards[key] = b
	}
	old := b[userID]
	if old != nil && (score == old.score || score < old.score && !force) {
		return false, rpcError(400, "BOT_SCORE_NOT_MODIFIED")
	}
	gw.seq++
	if force && score == 0 {
		// A zero forced score takes the user off the table.
		delete(b, userID)
		return false, nil
	}
	if old == nil {
		b[userID] = &scoreEntry{user: userID, score: score, seq: gw.seq}
		return true, nil
	}
	up := score > old.score
	old.score, old.seq = score, gw.seq
	return up, nil
}

// scoreboard is the text a game message shows with edit_message: the top
// three players.
func (w *world) scoreboard(key boardKey) string {
	var lines []string
	for i, e := range ranking(w.games().boards[key]) {
		if i == 3 {
			break
		}
		name := "Deleted Account"
		if u := w.users[e.user]; u != nil {
			name = strings.TrimSpace(u.first + " " + u.last)
		}
		lines = append(lines, strconv.Itoa(i+1)+". "+name+" — "+strconv.Itoa(int(e.score)))
	}
	return strings.Join(lines, "\n")
}

// highScores is the answer of getGameHighScores for target: the top three,
// and target with its two neighbours on each side.
func (w *world) highScores(viewer *user, key boardKey, target int64) *api.MessagesHighScores {
	list := ranking(w.games().boards[key])
	show := map[int]bool{0: true, 1: true, 2: true}
	for i, e := range list {
		if e.user == target {
			for j := i - 2; j <= i+2; j++ {
				show[j] = true
			}
		}
	}
	res := &api.MessagesHighScores{Scores: []api.HighScore{}, Users: []api.UserClass{}}
	for i, e := range list {
		if !show[i] {
			continue
		}
		res.Scores = append(res.Scores, api.HighScore{Pos: int32(i + 1), UserID: e.user, Score: e.score})
		if u := w.users[e.user]; u != nil {
			res.Users = append(res.Users, w.userView(viewer, u))
		}
	}
	return res
}

// gameMessage finds the bot's game message id in a chat, with its game.
// Call with w.mu held.
func (c *call) gameMessage(w *world, me *user, peer api.InputPeerClass, id int32) (peerRef, *api.Message, *game, error) {
	if !me.bot {
		return peerRef{}, nil, nil, rpcError(400, "USER_BOT_REQUIRED")
	}
	ref, err := c.inputPeer(me, peer)
	if err != nil {
		return peerRef{}, nil, nil, rpcError(400, "PEER_ID_INVALID")
	}
	box := me.box
	if ref.kind == 'C' {
		ch := w.channels[ref.id]
		if ch == nil || ch.members[me.id] == nil {
			return peerRef{}, nil, nil, rpcError(400, "PEER_ID_INVALID")
		}
		box = ch.box
	}
	m := box.messages[id]
	if m == nil || refOf(m.PeerID) != ref {
		return peerRef{}, nil, nil, rpcError(400, "MESSAGE_ID_INVALID")
	}
	g := w.gameOf(m)
	if g == nil || g.bot != me.id {
		return peerRef{}, nil, nil, rpcError(400, "MESSAGE_ID_INVALID")
	}
	return ref, m, g, nil
}

// scoredUser resolves the user_id of a score: a user, not a bot.
func (c *call) scoredUser(me *user, in api.InputUserClass) (*user, error) {
	u, err := c.inputUser(me, in)
	if err != nil {
		return nil, err
	}
	if u.bot {
		return nil, rpcError(400, "USER_BOT_INVALID")
	}
	return u, nil
}

func (c *call) messagesSetGameScore(q tl.Object) (any, error) {
	r := q.(*api.MessagesSetGameScoreRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ref, m, g, err := c.gameMessage(w, me, r.Peer, r.ID)
		if err != nil {
			return nil, err
		}
		player, err := c.scoredUser(me, r.UserID)
		if err != nil {
			return nil, err
		}
		key := boardKey{ref, g.id}
		up, err := w.games().setScore(key, player.id, r.Score, r.Force)
		if err != nil {
			return nil, err
		}
		date := c.now()
		var mine []api.UpdateClass
		if r.EditMessage {
			mine = append(mine, c.editGameMessage(w, me, ref, m.ID, w.scoreboard(key), date, false)...)
			if up {
				mine = append(mine, c.announceScore(w, me, ref, m.ID, player, g, r.Score, date)...)
			}
		}
		refs := map[peerRef]bool{ref: true, {'u', player.id}: true}
		users, chats := w.render(me, refs)
		if mine == nil {
			mine = []api.UpdateClass{}
		}
		return &api.Updates{Updates: mine, Users: users, Chats: chats, Date: date}, nil
	})
}

// editGameMessage sets the text of owner's message id in the chat ref and
// of every copy of it, pushing updateEditMessage (updateEditChannelMessage)
// to everyone who has one; owner's update is returned, and pushed too if
// pushOwner. Call with w.mu held.
func (c *call) editGameMessage(w *world, owner *user, ref peerRef, id int32, text string, date int32, pushOwner bool) []api.UpdateClass {
	apply := func(m *api.Message) {
		m.Message, m.Entities, m.EditDate = text, nil, tl.Some(date)
	}
	if ref.kind == 'C' {
		ch := w.channels[ref.id]
		m := ch.box.messages[id]
		apply(m)
		pts := ch.box.record(&api.UpdateEditChannelMessage{Message: m, Pts: ch.box.pts + 1, PtsCount: 1}, 1, date)
		var mine api.UpdateClass
		for uid := range ch.members {
			u := w.users[uid]
			upd := &api.UpdateEditChannelMessage{Message: w.view(u, m), Pts: pts, PtsCount: 1}
			if uid == owner.id {
				mine = upd
				if !pushOwner {
					continue
				}
			}
			users, chats := w.render(u, map[peerRef]bool{ref: true})
			w.push(u, &api.Updates{Updates: []api.UpdateClass{upd}, Users: users, Chats: chats, Date: date})
		}
		if mine == nil {
			return nil
		}
		return []api.UpdateClass{mine}
	}
	// Private chats and basic groups: a copy in each box, found before
	// any text changes.
	m := owner.box.messages[id]
	copies := map[*user]int32{owner: id}
	switch ref.kind {
	case 'u':
		if other := w.users[ref.id]; other != nil && other != owner {
			if oid := w.counterpartOf(other, owner, m, ref); oid != 0 {
				copies[other] = oid
			}
		}
	case 'c':
		if ch := w.chats[ref.id]; ch != nil {
			for uid := range ch.members {
				if u := w.users[uid]; u != nil && u != owner {
					if oid := w.counterpartOf(u, owner, m, ref); oid != 0 {
						copies[u] = oid
					}
				}
			}
		}
	}
	var mine []api.UpdateClass
	for u, cid := range copies {
		cm := u.box.messages[cid]
		apply(cm)
		pts := u.box.record(&api.UpdateEditMessage{Message: cm, Pts: u.box.pts + 1, PtsCount: 1}, 1, date)
		upd := &api.UpdateEditMessage{Message: cm, Pts: pts, PtsCount: 1}
		if u == owner {
			mine = []api.UpdateClass{upd}
			if !pushOwner {
				continue
			}
		}
		users, chats := w.render(u, map[peerRef]bool{refOf(cm.PeerID): true, {'u', owner.id}: true})
		w.push(u, &api.Updates{Updates: []api.UpdateClass{upd}, Users: users, Chats: chats, Date: date})
	}
	return mine
}

// counterpartOf finds u's copy of owner's game message m in a private
// chat or basic group: the copies of one sending share date and game, and
// copies of sendings in the same second come in the same order.
func (w *world) counterpartOf(u, owner *user, m *api.Message, ref peerRef) int32 {
	if id, ok := w.linkedCopy(owner.id, m.ID, u); ok {
		return id
	}
	// same lists the game messages of owner's sending in a box, by id.
	same := func(b *user, peer peerRef, out bool) []int32 {
		var ids []int32
		for id, om := range b.box.messages {
			if om.Date != m.Date || refOf(om.PeerID) != peer || ref.kind == 'u' && om.Out != out || w.gameOf(om) != w.gameOf(m) {
				continue
			}
			if ref.kind == 'c' {
				if from, ok := om.FromID.(*api.PeerUser); !ok || from.UserID != owner.id {
					continue
				}
			}
			ids = append(ids, id)
		}
		sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
		return ids
	}
	theirs := ref
	if ref.kind == 'u' {
		theirs = peerRef{'u', owner.id}
	}
	mine, other := same(owner, ref, m.Out), same(u, theirs, !m.Out)
	for i, id := range mine {
		if id == m.ID && i < len(other) {
			return other[i]
		}
	}
	return 0
}

// announceScore posts the messageActionGameScore service message of a new
// high score: from the player, replying to the game message, in every
// copy of the chat. The bot's update is returned. Call with w.mu held.
func (c *call) announceScore(w *world, bot *user, ref peerRef, gameMsg int32, player *user, g *game, score int32, date int32) []api.UpdateClass {
	action := &api.MessageActionGameScore{GameID: g.id, Score: score}
	refs := map[peerRef]bool{ref: true, {'u', player.id}: true, {'u', bot.id}: true}
	if ref.kind == 'C' {
		ch := w.channels[ref.id]
		if ch.members[player.id] == nil {
			return nil
		}
		svc := &api.MessageService{ID: ch.box.nextID(), FromID: &api.PeerUser{UserID: player.id}, PeerID: &api.PeerChannel{ChannelID: ch.id},
			Date: date, Action: action, ReplyTo: &api.MessageReplyHeader{ReplyToMsgID: tl.Some(gameMsg)}}
		pts := ch.box.record(&api.UpdateNewChannelMessage{Message: svc, Pts: ch.box.pts + 1, PtsCount: 1}, 1, date)
		var mine []api.UpdateClass
		for uid := range ch.members {
			u := w.users[uid]
			w.touchDialog(u, ref, svc.ID, date, false)
			cp := *svc
			cp.Out = uid == player.id
			upd := &api.UpdateNewChannelMessage{Message: &cp, Pts: pts, PtsCount: 1}
			if uid == bot.id {
				mine = []api.UpdateClass{upd}
				continue
			}
			users, chats := w.render(u, refs)
			w.push(u, &api.Updates{Updates: []api.UpdateClass{upd}, Users: users, Chats: chats, Date: date})
		}
		return mine
	}
	// The players who see it, each with the game message in their box.
	gm := bot.box.messages[gameMsg]
	holders := map[*user]int32{}
	switch ref.kind {
	case 'u':
		if player.id != ref.id {
			return nil // a private chat of the bot with someone else
		}
		holders[bot] = gameMsg
		holders[player] = w.counterpartOf(player, bot, gm, ref)
	case 'c':
		ch := w.chats[ref.id]
		if ch == nil || !ch.members[player.id] {
			return nil
		}
		for uid := range ch.members {
			if u := w.users[uid]; u != nil {
				if u == bot {
					holders[u] = gameMsg
				} else {
					holders[u] = w.counterpartOf(u, bot, gm, ref)
				}
			}
		}
	}
	var mine []api.UpdateClass
	for u, replyTo := range holders {
		svc := &api.MessageService{Out: u == player, ID: u.box.nextID(), Date: date, Action: action}
		where := ref
		if ref.kind == 'u' {
			if u == bot {
				svc.PeerID = &api.PeerUser{UserID: player.id}
			} else {
				svc.PeerID = &api.PeerUser{UserID: bot.id}
				where = peerRef{'u', bot.id}
			}
		} else {
			svc.PeerID, svc.FromID = &api.PeerChat{ChatID: ref.id}, &api.PeerUser{UserID: player.id}
		}
		if replyTo != 0 {
			svc.ReplyTo = &api.MessageReplyHeader{ReplyToMsgID: tl.Some(replyTo)}
		}
		pts := u.box.record(&api.UpdateNewMessage{Message: svc, Pts: u.box.pts + 1, PtsCount: 1}, 1, date)
		w.touchDialog(u, where, svc.ID, date, false)
		upd := &api.UpdateNewMessage{Message: svc, Pts: pts, PtsCount: 1}
		if u == bot {
			mine = []api.UpdateClass{upd}
			continue
		}
		users, chats := w.render(u, refs)
		w.push(u, &api.Updates{Updates: []api.UpdateClass{upd}, Users: users, Chats: chats, Date: date})
	}
	return mine
}

func (c *call) messagesGetGameHighScores(q tl.Object) (any, error) {
	r := q.(*api.MessagesGetGameHighScoresRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ref, _, g, err := c.gameMessage(w, me, r.Peer, r.ID)
		if err != nil {
			return nil, err
		}
		target, err := c.scoredUser(me, r.UserID)
		if err != nil {
			return nil, err
		}
		return w.highScores(me, boardKey{ref, g.id}, target.id), nil
	})
}

// inlineGameMessage finds the inline game message an
// InputBotInlineMessageID names, for its bot. Call with w.mu held.
func (c *call) inlineGameMessage(w *world, me *user, in api.InputBotInlineMessageIDClass) (*inlineGame, error) {
	if !me.bot {
		return nil, rpcError(400, "USER_BOT_REQUIRED")
	}
	x, ok := in.(*api.InputBotInlineMessageID64)
	if !ok {
		return nil, rpcError(400, "MESSAGE_ID_INVALID")
	}
	ig := w.games().inline[[2]int64{x.OwnerID, int64(x.ID)}]
	if ig == nil || ig.accessHash != x.AccessHash || ig.game.bot != me.id {
		return nil, rpcError(400, "MESSAGE_ID_INVALID")
	}
	return ig, nil
}

func (c *call) messagesSetInlineGameScore(q tl.Object) (any, error) {
	r := q.(*api.MessagesSetInlineGameScoreRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ig, err := c.inlineGameMessage(w, me, r.ID)
		if err != nil {
			return nil, err
		}
		player, err := c.scoredUser(me, r.UserID)
		if err != nil {
			return nil, err
		}
		key := boardKey{peerRef{'i', ig.id}, ig.game.id}
		if _, err := w.games().setScore(key, player.id, r.Score, r.Force); err != nil {
			return nil, err
		}
		if r.EditMessage {
			owner := w.users[ig.sender]
			box := owner.box
			if ig.ref.kind == 'C' {
				box = w.channels[ig.ref.id].box
			}
			if box.messages[ig.msgID] != nil {
				c.editGameMessage(w, owner, ig.ref, ig.msgID, w.scoreboard(key), c.now(), true)
			}
		}
		return boolResult(true), nil
	})
}

func (c *call) messagesGetInlineGameHighScores(q tl.Object) (any, error) {
	r := q.(*api.MessagesGetInlineGameHighScoresRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ig, err := c.inlineGameMessage(w, me, r.ID)
		if err != nil {
			return nil, err
		}
		target, err := c.scoredUser(me, r.UserID)
		if err != nil {
			return nil, err
		}
		return w.highScores(me, boardKey{peerRef{'i', ig.id}, ig.game.id}, target.id), nil
	})
}

// gameMarkup is the keyboard of a new game message given the markup its
// sender supplied (nil if none). A game message always starts with its
// keyboardButtonGame (core.telegram.org/constructor/keyboardButtonGame,
// core.telegram.org/bots/api#sendgame): without a markup the server adds
// one "Play <title>" button; a markup whose first button is not a game
// button is refused with REPLY_MARKUP_GAME_EMPTY.
func gameMarkup(title string, markup api.ReplyMarkupClass) (api.ReplyMarkupClass, error) {
	if markup == nil {
		return playMarkup(title), nil
	}
	if err := checkGameMarkup(markup); err != nil {
		return nil, err
	}
	return markup, nil
}

// checkGameMarkup refuses a keyboard for a game message whose first button
// (first of the first row) is not a keyboardButtonGame.
func checkGameMarkup(markup api.ReplyMarkupClass) error {
	if im, ok := markup.(*api.ReplyInlineMarkup); ok && len(im.Rows) > 0 && len(im.Rows[0].Buttons) > 0 {
		if _, ok := im.Rows[0].Buttons[0].(*api.KeyboardButtonGame); ok {
			return nil
		}
	}
	return rpcError(400, "REPLY_MARKUP_GAME_EMPTY")
}

// playMarkup is the keyboard the server gives a game message sent without
// one: a single "Play <title>" game button.
func playMarkup(title string) api.ReplyMarkupClass {
	return &api.ReplyInlineMarkup{Rows: []api.KeyboardButtonRow{{Buttons: []api.KeyboardButtonClass{
		&api.KeyboardButtonGame{Text: "Play " + title}}}}}
}
