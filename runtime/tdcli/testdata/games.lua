-- Games in the tdcli style, run by a bot: it sends its game "snake" (made
-- by the Go side as @BotFather would) to a player and to a group, sets
-- scores (edit_message_, force_), reads the high score tables, and keeps
-- the score of a game a user sent through its inline mode.
local lib = require("lib")
local call, eq, ok, expect = lib.call, lib.eq, lib.ok, lib.expect

function tdcli_update_callback(data)
	if data.ID == "UpdateNewInlineQuery" then
		tdcli_function({ ID = "AnswerInlineQuery", inline_query_id_ = data.id_, is_personal_ = 1, cache_time_ = 0, next_offset_ = "",
			switch_pm_text_ = "", switch_pm_parameter_ = "", results_ = { [0] = { ID = "InputInlineQueryResultGame", id_ = "g1",
				game_short_name_ = "snake", reply_markup_ = nil } } }, function() end, nil)
	end
	lib.on_update(data)
end

local function err(res, code, message, what)
	eq(type(res), "table", what)
	eq(res.ID, "Error", what)
	eq(res.code_, code, what .. " code_")
	eq(res.message_, message, what .. " message_")
end

local function scores(res, want, what)
	ok(res, what)
	eq(res.ID, "GameHighScores", what)
	local n = 0
	while res.scores_[n] ~= nil do
		local s = res.scores_[n]
		eq(s.ID, "GameHighScore", what)
		local w = want[n + 1]
		assert(w, what .. ": more scores than " .. #want)
		eq(s.position_, w[1], what .. " position_")
		eq(s.user_id_, w[2], what .. " user_id_")
		eq(s.score_, w[3], what .. " score_")
		n = n + 1
	end
	eq(n, #want, what .. " count")
end

local function set(chat, msg, user, score, edit, force)
	return call({ ID = "SetGameScore", chat_id_ = chat, message_id_ = msg, edit_message_ = edit and 1 or 0, user_id_ = user,
		score_ = score, force_ = force and 1 or 0 })
end

local function send_game(chat)
	local from = lib.mark()
	local m = ok(call({ ID = "SendMessage", chat_id_ = chat, reply_to_message_id_ = 0, disable_notification_ = 0,
		from_background_ = 1, reply_markup_ = nil, input_message_content_ = { ID = "InputMessageGame", bot_user_id_ = BOT,
			game_short_name_ = "snake" } }), "send the game")
	local succ = expect(function(x) return x.ID == "UpdateMessageSendSucceeded" and x.message_.id_ == m.id_ end, from)
	return succ.message_
end

lib.test(function()
	local w = step("world")
	BOT = w.bot
	local player, friend, group = w.player, w.friend, w.group

	-- The game in a private chat.
	local m = send_game(player)
	eq(m.content_.ID, "MessageGame", "content_")
	local g = m.content_.game_
	eq(g.ID, "Game")
	eq(tostring(g.id_), w.game, "game id_")
	eq(g.short_name_, "snake", "short_name_")
	eq(g.title_, "Snake", "title_")
	eq(g.description_, "Eat the apples", "description_")
	eq(g.text_, "", "text_")
	eq(g.photo_.ID, "Photo", "photo_")
	assert(g.photo_.sizes_[0] ~= nil, "photo_ sizes_")
	eq(g.photo_.sizes_[0].photo_.ID, "File", "photo size file")

	-- A first score, shown in the message; lower refused unless forced.
	local e = ok(set(player, m.id_, player, 100, true, false), "SetGameScore")
	eq(e.ID, "Message")
	eq(e.id_, m.id_, "edited id_")
	eq(e.content_.ID, "MessageGame")
	eq(e.content_.game_.text_, "1. Player — 100", "scoreboard")
	assert(e.edit_date_ > 0, "edit_date_")
	err(set(player, m.id_, player, 50, false, false), 400, "BOT_SCORE_NOT_MODIFIED", "lower")
	err(set(player, m.id_, player, 100, false, true), 400, "BOT_SCORE_NOT_MODIFIED", "same, forced")
	local f = ok(set(player, m.id_, player, 50, false, true), "forced lower")
	eq(f.id_, m.id_)
	eq(f.content_.game_.text_, "1. Player — 100", "not edited without edit_message_")
	scores(call({ ID = "GetGameHighScores", chat_id_ = player, message_id_ = m.id_, user_id_ = player }),
		{ { 1, player, 50 } }, "private table")
	err(set(player, m.id_ + 1048576 * 50, player, 1, false, false), 400, "MESSAGE_ID_INVALID", "no such message")
	err(call({ ID = "GetGameHighScores", chat_id_ = player, message_id_ = m.id_, user_id_ = BOT }), 400, "USER_BOT_INVALID",
		"a bot's score")
	err(set(player, m.id_, player, -1, false, false), 400, "Invalid score specified", "negative")

	-- A group: three players.
	local gm = send_game(group)
	ok(set(group, gm.id_, player, 10, true, false), "player 10")
	ok(set(group, gm.id_, friend, 30, true, false), "friend 30")
	local last = ok(set(group, gm.id_, w.third, 20, true, false), "third 20")
	eq(last.content_.game_.text_, "1. Friend — 30\n2. Third — 20\n3. Player — 10", "group scoreboard")
	scores(call({ ID = "GetGameHighScores", chat_id_ = group, message_id_ = gm.id_, user_id_ = player }),
		{ { 1, friend, 30 }, { 2, w.third, 20 }, { 3, player, 10 } }, "group table")
	-- A forced zero takes the player off the table.
	ok(set(group, gm.id_, player, 0, false, true), "forced zero")
	scores(call({ ID = "GetGameHighScores", chat_id_ = group, message_id_ = gm.id_, user_id_ = friend }),
		{ { 1, friend, 30 }, { 2, w.third, 20 } }, "without the player")

	-- Inline: the player sends the game via the bot to the friend.
	local from = lib.mark()
	step("inline")
	local chosen = expect(function(x) return x.ID == "UpdateNewChosenInlineResult" end, from)
	eq(chosen.result_id_, "g1", "result_id_")
	eq(chosen.sender_user_id_, player, "sender_user_id_")
	local id = chosen.inline_message_id_
	assert(type(id) == "string" and id ~= "", "inline_message_id_")
	local function iset(user, score, edit, force)
		return call({ ID = "SetInlineGameScore", inline_message_id_ = id, edit_message_ = edit and 1 or 0, user_id_ = user,
			score_ = score, force_ = force and 1 or 0 })
	end
	eq(ok(iset(friend, 7, true, false), "SetInlineGameScore").ID, "Ok")
	ok(iset(player, 9, false, false), "inline player")
	err(iset(friend, 6, false, false), 400, "BOT_SCORE_NOT_MODIFIED", "inline lower")
	ok(iset(friend, 6, false, true), "inline forced")
	scores(call({ ID = "GetInlineGameHighScores", inline_message_id_ = id, user_id_ = friend }),
		{ { 1, player, 9 }, { 2, friend, 6 } }, "inline table")
	err(call({ ID = "GetInlineGameHighScores", inline_message_id_ = "!!", user_id_ = friend }), 400,
		"Invalid inline message identifier", "bad inline id")
	eq(step("inline_text"), "1. Friend — 7", "the inline message as edited")
end)
