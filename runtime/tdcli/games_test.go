package tdcli

import (
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/luagram/luagram/tl/api"
)

// TestGames runs testdata/games.lua on a bot: its game sent to a player
// and to a group, scores set with edit_message and force, the high score
// tables, and an inline game message a user sent through the bot.
func TestGames(t *testing.T) {
	w := newWorld(t)
	player := w.user("Player", "game_player")
	friend := w.user("Friend", "game_friend")
	third := w.user("Third", "game_third")
	bot := w.bot("arcade")
	game, err := w.sb.CreateGame(bot.info.ID, "snake", "Snake", "Eat the apples")
	if err != nil {
		t.Fatal(err)
	}
	// The player writes to the bot and makes a group with it.
	player.say(t, "@"+bot.info.Username, "/start")
	call(t, player, &api.MessagesCreateChatRequest{Title: "Gamers", Users: []api.InputUserClass{player.inputUser(t, "@"+bot.info.Username),
		player.inputUser(t, "@game_friend"), player.inputUser(t, "@game_third")}})
	var chatID int64
	deadline := time.Now().Add(10 * time.Second)
	for chatID == 0 && time.Now().Before(deadline) {
		d := call(t, player, &api.MessagesGetDialogsRequest{OffsetPeer: &api.InputPeerEmpty{}, Limit: 10})
		for _, c := range d.(*api.MessagesDialogs).Chats {
			if ch, ok := c.(*api.Chat); ok && ch.Title == "Gamers" {
				chatID = ch.ID
			}
		}
	}
	// The bot learns of them.
	bot.peer(t, "@game_player")
	bot.peer(t, "@game_friend")
	bot.peer(t, "@game_third")
	steps := map[string]func([]lua.LValue) any{
		"world": func([]lua.LValue) any {
			return map[string]any{"bot": bot.info.ID, "player": player.info.ID, "friend": friend.info.ID, "third": third.info.ID,
				"group": -chatID, "game": strconv.FormatInt(game.ID, 10)}
		},
		"inline": func([]lua.LValue) any {
			res := call(t, player, &api.MessagesGetInlineBotResultsRequest{Bot: player.inputUser(t, "@"+bot.info.Username),
				Peer: player.peer(t, "@game_friend"), Query: "play"})
			call(t, player, &api.MessagesSendInlineBotResultRequest{Peer: player.peer(t, "@game_friend"), QueryID: res.QueryID,
				ID: res.Results[0].(*api.BotInlineMediaResult).ID, RandomID: rand.Int64()})
			return nil
		},
		"inline_text": func([]lua.LValue) any {
			h := call(t, friend, &api.MessagesGetHistoryRequest{Peer: friend.peer(t, "@game_player"), Limit: 1})
			return api.MessagesOf(h)[0].(*api.Message).Message
		},
	}
	r := bot.start(t, "games.lua", runConfig{}, steps)
	r.wait(60 * time.Second)
}
