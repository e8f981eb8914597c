-- A userbot in the tdcli style talking to a bot (inline queries, buttons,
-- /start), and its contacts, blocks, profile and options.
local lib = require("lib")
local call, eq, ok, expect, mark = lib.call, lib.eq, lib.ok, lib.expect, lib.mark
local our_id

function tdcli_update_callback(data)
	if data.ID == "UpdateOption" and data.name_ == "my_id" then
		our_id = data.value_.value_
	end
	lib.on_update(data)
end

local function text(chat, s)
	return call({ ID = "SendMessage", chat_id_ = chat, reply_to_message_id_ = 0, disable_notification_ = 0, from_background_ = 1,
		input_message_content_ = { ID = "InputMessageText", text_ = s, entities_ = {} } })
end

lib.test(function()
	expect(function(u) return u.ID == "UpdateOption" and u.name_ == "my_id" end)
	local w = step("world")
	local bot, friend, other = w.bot, w.friend, w.other
	local from = mark()

	-- Inline queries.
	local res = ok(call({ ID = "GetInlineQueryResults", bot_user_id_ = bot, chat_id_ = bot, user_location_ = nil, query_ = "q", offset_ = "" }),
		"GetInlineQueryResults")
	eq(res.ID, "InlineQueryResults")
	assert(res.inline_query_id_ ~= 0, "inline_query_id_")
	eq(res.next_offset_, "")
	eq(res.results_[0].ID, "InlineQueryResultArticle")
	eq(res.results_[0].id_, "a1")
	eq(res.results_[0].title_, "First")
	eq(res.results_[0].description_, "one")
	eq(res.results_[1].ID, "InlineQueryResultLocation")
	eq(res.results_[1].location_.latitude_, 10)
	eq(res.results_[2].ID, "InlineQueryResultContact")
	eq(res.results_[2].contact_.first_name_, "Ann")
	local recent = ok(call({ ID = "GetRecentInlineBots" }), "GetRecentInlineBots")
	eq(recent.ID, "Users")
	eq(recent.total_count_, 1)
	eq(recent.users_[0].id_, bot, "the recent inline bot")
	eq(recent.users_[0].type_.ID, "UserTypeBot")
	local sent = ok(call({ ID = "SendInlineQueryResultMessage", chat_id_ = bot, reply_to_message_id_ = 0, disable_notification_ = 0,
		from_background_ = 1, query_id_ = res.inline_query_id_, result_id_ = "a1" }), "SendInlineQueryResultMessage")
	eq(sent.content_.text_, "article one")
	local chosen = expect(function(u) return u.ID == "UpdateNewMessage" and u.message_.sender_user_id_ == bot and u.message_.content_.text_:match("^chosen") end, from)
	eq(chosen.message_.content_.text_, "chosen a1 for q", "UpdateNewChosenInlineResult reached the bot")

	-- Buttons: the bot's keyboard, the callback answer, the edited markup.
	ok(text(bot, "/keyboard"), "/keyboard")
	local kb = expect(function(u) return u.ID == "UpdateNewMessage" and u.message_.content_.text_ == "Choose" end, from)
	local markup = kb.message_.reply_markup_
	eq(markup.ID, "ReplyMarkupInlineKeyboard")
	eq(markup.rows_[0][0].text_, "Yes")
	eq(markup.rows_[0][0].type_.ID, "InlineKeyboardButtonTypeCallback")
	eq(markup.rows_[0][0].type_.data_, "yes")
	local ans = ok(call({ ID = "GetCallbackQueryAnswer", chat_id_ = bot, message_id_ = kb.message_.id_,
		payload_ = { ID = "CallbackQueryData", data_ = "yes" } }), "GetCallbackQueryAnswer")
	eq(ans.ID, "CallbackQueryAnswer")
	eq(ans.text_, "You pressed yes")
	eq(ans.show_alert_, false)
	local edited = expect(function(u) return u.ID == "UpdateMessageEdited" and u.message_id_ == kb.message_.id_ end, from)
	eq(edited.reply_markup_.rows_[0][0].text_, "Done", "edited reply_markup_")

	-- /start with a parameter.
	local st = ok(call({ ID = "SendBotStartMessage", bot_user_id_ = bot, chat_id_ = bot, parameter_ = "ref" }), "SendBotStartMessage")
	eq(st.content_.text_, "/start ref")
	expect(function(u) return u.ID == "UpdateNewMessage" and u.message_.content_.text_ == "started: /start ref" end, from)

	-- Contacts.
	local imp = ok(call({ ID = "ImportContacts", contacts_ = { [0] = { ID = "Contact", phone_number_ = w.other_phone, first_name_ = "Oth",
		last_name_ = "Er", user_id_ = 0 }, { ID = "Contact", phone_number_ = "+999 000", first_name_ = "Nobody", last_name_ = "", user_id_ = 0 } } }),
		"ImportContacts")
	eq(imp.ID, "Users")
	eq(imp.users_[0].id_, other, "imported user")
	eq(imp.users_[0].my_link_.ID, "LinkStateContact", "my_link_ of a contact")
	eq(imp.users_[1].id_, 0, "a number not on Telegram")
	local sc = ok(call({ ID = "SearchContacts", query_ = "other", limit_ = 10 }), "SearchContacts")
	eq(sc.total_count_, 1)
	eq(sc.users_[0].id_, other)
	eq(ok(call({ ID = "DeleteContacts", user_ids_ = { [0] = other } })).ID, "Ok", "DeleteContacts")
	eq(ok(call({ ID = "SearchContacts", query_ = "", limit_ = 10 })).total_count_, 0, "no contacts left")
	local pub = ok(call({ ID = "SearchPublicChats", username_prefix_ = "friend" }), "SearchPublicChats")
	eq(pub.chats_[0].id_, friend)

	-- Blocking.
	eq(ok(call({ ID = "BlockUser", user_id_ = friend })).ID, "Ok", "BlockUser")
	local ub = expect(function(u) return u.ID == "UpdateUserBlocked" and u.user_id_ == friend end, from)
	eq(ub.is_blocked_, true)
	eq(ok(call({ ID = "GetUserFull", user_id_ = friend })).is_blocked_, true, "is_blocked_")
	local bl = ok(call({ ID = "GetBlockedUsers", offset_ = 0, limit_ = 10 }), "GetBlockedUsers")
	eq(bl.users_[0].id_, friend)
	from = mark()
	eq(ok(call({ ID = "UnblockUser", user_id_ = friend })).ID, "Ok", "UnblockUser")
	eq(expect(function(u) return u.ID == "UpdateUserBlocked" and u.user_id_ == friend end, from).is_blocked_, false)

	-- A user who blocked me: the send fails.
	step("friend_blocks")
	from = mark()
	local failed = text(friend, "are you there?")
	eq(failed.ID, "Error", "send to a user who blocked me")
	eq(failed.code_, 400)
	eq(failed.message_, "USER_IS_BLOCKED")
	local sf = expect(function(u) return u.ID == "UpdateMessageSendFailed" end, from)
	eq(sf.chat_id_, friend)
	eq(sf.error_code_, 400)
	eq(sf.error_message_, "USER_IS_BLOCKED")
	assert(sf.message_id_ % 1048576 ~= 0, "the temporary id")

	-- Profile photos.
	step("friend_photo")
	local pp = ok(call({ ID = "GetUserProfilePhotos", user_id_ = friend, offset_ = 0, limit_ = 10 }), "GetUserProfilePhotos")
	eq(pp.ID, "UserProfilePhotos")
	eq(pp.total_count_, 1)
	assert(pp.photos_[0].sizes_[0].photo_.id_ > 0, "photos_[0].sizes_[0]")
	local fu = expect(function(u) return u.ID == "UpdateUser" and u.user_.id_ == friend and u.user_.profile_photo_ ~= nil end, from)
	eq(fu.user_.profile_photo_.id_, pp.photos_[0].id_, "profile_photo_.id_")

	-- My profile.
	eq(ok(call({ ID = "ChangeUsername", username_ = "script_renamed" })).ID, "Ok", "ChangeUsername")
	eq(ok(call({ ID = "ChangeName", first_name_ = "New", last_name_ = "Name" })).ID, "Ok", "ChangeName")
	eq(ok(call({ ID = "ChangeAbout", about_ = "my bio" })).ID, "Ok", "ChangeAbout")
	local me = ok(call({ ID = "GetMe" }))
	eq(me.username_, "script_renamed")
	eq(me.first_name_, "New")
	eq(me.last_name_, "Name")
	eq(ok(call({ ID = "GetUserFull", user_id_ = our_id })).about_, "my bio", "about_")
	eq(call({ ID = "ChangeName", first_name_ = "", last_name_ = "" }).ID, "Error", "empty first name")

	-- Options and the state.
	local opt = ok(call({ ID = "GetOption", name_ = "my_id" }))
	eq(opt.ID, "OptionInteger")
	eq(opt.value_, our_id)
	eq(ok(call({ ID = "GetAuthState" })).ID, "AuthStateOk")
	eq(ok(call({ ID = "SetOption", name_ = "x", value_ = { ID = "OptionString", value_ = "y" } })).ID, "Ok")
	eq(ok(call({ ID = "GetOption", name_ = "x" })).value_, "y")
end)
