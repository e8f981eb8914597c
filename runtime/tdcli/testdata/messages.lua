-- Users, private chats, messages and media, in the tdcli style: every
-- request through tdcli_function, every result checked field by field.
local lib = require("lib")
local call, eq, ok, expect, mark = lib.call, lib.eq, lib.ok, lib.expect, lib.mark
local our_id

function tdcli_update_callback(data)
	if data.ID == "UpdateOption" and data.name_ == "my_id" then
		our_id = data.value_.value_
	end
	lib.on_update(data)
end

local function text(chat, s, extra)
	local content = { ID = "InputMessageText", text_ = s, disable_web_page_preview_ = 1, clear_draft_ = 0, entities_ = {} }
	for k, v in pairs(extra or {}) do
		content[k] = v
	end
	return ok(call({ ID = "SendMessage", chat_id_ = chat, reply_to_message_id_ = 0, disable_notification_ = 0,
		from_background_ = 1, reply_markup_ = nil, input_message_content_ = content }), "SendMessage " .. s)
end

local function send(chat, content, reply)
	return call({ ID = "SendMessage", chat_id_ = chat, reply_to_message_id_ = reply or 0, disable_notification_ = 1,
		from_background_ = 0, input_message_content_ = content })
end

lib.test(function()
	expect(function(u) return u.ID == "UpdateOption" and u.name_ == "my_id" end)
	local w = step("world")
	local friend = w.friend

	-- GetMe, GetUser, GetUserFull.
	local me = ok(call({ ID = "GetMe" }))
	eq(me.ID, "User")
	eq(me.id_, our_id, "id_")
	eq(me.first_name_, "Script", "first_name_")
	eq(me.username_, "script_user", "username_")
	eq(me.phone_number_, w.phone, "phone_number_")
	eq(me.type_.ID, "UserTypeGeneral", "type_")
	eq(me.have_access_, true, "have_access_")
	eq(me.is_verified_, false, "is_verified_")
	eq(me.status_.ID, "UserStatusRecently", "status_")
	eq(me.my_link_.ID, "LinkStateKnowsPhoneNumber", "my_link_")
	eq(me.foreign_link_.ID, "LinkStateNone", "foreign_link_")
	local u = ok(call({ ID = "GetUser", user_id_ = tostring(friend) }), "GetUser")
	eq(u.id_, friend, "GetUser id_")
	eq(u.first_name_, "Friend", "GetUser first_name_")
	eq(u.username_, "friend_user", "GetUser username_")
	eq(u.phone_number_, "", "phone of a non-contact")
	local full = ok(call({ ID = "GetUserFull", user_id_ = friend }), "GetUserFull")
	eq(full.ID, "UserFull")
	eq(full.user_.id_, friend)
	eq(full.is_blocked_, false, "is_blocked_")
	eq(full.about_, "", "about_")
	eq(full.common_chat_count_, 0, "common_chat_count_")
	eq(full.bot_info_, nil, "bot_info_")

	-- SearchPublicChat, GetChat, OpenChat, GetChats.
	local chat = ok(call({ ID = "SearchPublicChat", username_ = "@friend_user" }), "SearchPublicChat")
	eq(chat.ID, "Chat")
	eq(chat.id_, friend, "chat id_ is the user id")
	eq(chat.title_, "Friend", "title_")
	eq(chat.type_.ID, "PrivateChatInfo", "type_")
	eq(chat.type_.user_.id_, friend, "type_.user_.id_")
	eq(chat.notification_settings_.ID, "NotificationSettings", "notification_settings_")
	local c2 = ok(call({ ID = "GetChat", chat_id_ = friend }), "GetChat")
	eq(c2.id_, friend)
	eq(c2.top_message_.content_.text_, "hi", "top_message_")
	eq(c2.top_message_.id_ / 1048576, w.hi_id, "top message id / 2^20")
	eq(ok(call({ ID = "OpenChat", chat_id_ = friend })).ID, "Ok")
	local chats = ok(call({ ID = "GetChats", offset_order_ = "9223372036854775807", offset_chat_id_ = 0, limit_ = 20 }), "GetChats")
	eq(chats.ID, "Chats")
	assert(chats.chats_[0] ~= nil, "chats_ is 0-based")
	local found = false
	for i = 0, #chats.chats_ do
		if chats.chats_[i].id_ == friend then
			found = true
			assert(type(chats.chats_[i].order_) == "string" or chats.chats_[i].order_ > 0, "order_")
		end
	end
	assert(found, "GetChats lists the private chat")

	-- Text with entities, Markdown and HTML; replies.
	local from = mark()
	local m1 = text(friend, "bold text", { entities_ = { [0] = { ID = "MessageEntityBold", offset_ = 0, length_ = 4 } } })
	eq(m1.id_ % 1048576, 0, "id_ is server id x 2^20")
	eq(m1.chat_id_, friend)
	eq(m1.sender_user_id_, our_id, "sender_user_id_")
	eq(m1.content_.ID, "MessageText")
	eq(m1.content_.entities_[0].ID, "MessageEntityBold", "entity")
	eq(m1.content_.entities_[0].offset_, 0)
	eq(m1.content_.entities_[0].length_, 4)
	eq(m1.can_be_edited_, true, "can_be_edited_")
	eq(m1.can_be_deleted_, true, "can_be_deleted_")
	eq(m1.is_post_, false, "is_post_")
	assert(m1.date_ > 1500000000, "date_")
	eq(m1.edit_date_, 0, "edit_date_")
	eq(m1.views_, 0, "views_")
	eq(m1.reply_to_message_id_, 0)
	-- UpdateNewMessage (being sent), then UpdateMessageSendSucceeded.
	local pending = expect(function(x) return x.ID == "UpdateNewMessage" and x.message_.content_.text_ == "bold text" end, from)
	eq(pending.message_.send_state_.ID, "MessageIsBeingSent", "pending send_state_")
	assert(pending.message_.id_ % 1048576 ~= 0, "temporary id")
	local succ = expect(function(x) return x.ID == "UpdateMessageSendSucceeded" and x.message_.id_ == m1.id_ end, from)
	eq(succ.old_message_id_, pending.message_.id_, "old_message_id_")
	eq(succ.message_.send_state_.ID, "MessageIsSuccessfullySent")
	local md = text(friend, "*bold* _it_ `code` [link](http://example.com)", { parse_mode_ = { ID = "TextParseModeMarkdown" } })
	eq(md.content_.text_, "bold it code link", "markdown text")
	eq(md.content_.entities_[0].ID, "MessageEntityBold")
	eq(md.content_.entities_[1].ID, "MessageEntityItalic")
	eq(md.content_.entities_[2].ID, "MessageEntityCode")
	eq(md.content_.entities_[3].ID, "MessageEntityTextUrl")
	eq(md.content_.entities_[3].url_, "http://example.com")
	local html = text(friend, "<b>b</b> <pre>p</pre>", { parse_mode_ = { ID = "TextParseModeHTML" } })
	eq(html.content_.entities_[0].ID, "MessageEntityBold")
	eq(html.content_.entities_[1].ID, "MessageEntityPre")
	local reply = text(friend, "a reply", nil)
	local r2 = ok(send(friend, { ID = "InputMessageText", text_ = "re", entities_ = {} }, reply.id_))
	eq(r2.reply_to_message_id_, reply.id_, "reply_to_message_id_")

	-- Media.
	local photo = ok(send(friend, { ID = "InputMessagePhoto", photo_ = { ID = "InputFileLocal", path_ = w.png },
		added_sticker_file_ids_ = {}, width_ = 0, height_ = 0, caption_ = "a photo" }), "photo")
	eq(photo.content_.ID, "MessagePhoto")
	eq(photo.content_.caption_, "a photo")
	assert(photo.content_.photo_.id_ ~= 0, "photo id_")
	local sizes = photo.content_.photo_.sizes_
	assert(sizes[0] ~= nil, "sizes_[0]")
	assert(sizes[0].photo_.id_ > 0, "file id_")
	assert(#sizes >= 0, "#sizes_")
	local big = sizes[#sizes]
	assert(big.width_ > 0 and big.height_ > 0, "size dimensions")
	assert(big.photo_.size_ > 0, "file size_")
	assert(big.photo_.persistent_id_ ~= "", "persistent_id_")
	eq(big.photo_.path_, "", "path_ before download")
	local doc = ok(send(friend, { ID = "InputMessageDocument", document_ = { ID = "InputFileLocal", path_ = w.doc }, caption_ = "doc" }), "document")
	eq(doc.content_.ID, "MessageDocument")
	eq(doc.content_.document_.file_name_, "notes.txt")
	eq(doc.content_.document_.mime_type_, "text/plain", "mime_type_")
	eq(doc.content_.caption_, "doc")
	local voice = ok(send(friend, { ID = "InputMessageVoice", voice_ = { ID = "InputFileLocal", path_ = w.ogg }, duration_ = 3,
		waveform_ = "", caption_ = "" }), "voice")
	eq(voice.content_.ID, "MessageVoice")
	eq(voice.content_.voice_.duration_, 3)
	local audio = ok(send(friend, { ID = "InputMessageAudio", audio_ = { ID = "InputFileLocal", path_ = w.mp3 }, duration_ = 7,
		title_ = "Song", performer_ = "Band", caption_ = "" }), "audio")
	eq(audio.content_.ID, "MessageAudio")
	eq(audio.content_.audio_.title_, "Song")
	eq(audio.content_.audio_.performer_, "Band")
	eq(audio.content_.audio_.duration_, 7)
	local video = ok(send(friend, { ID = "InputMessageVideo", video_ = { ID = "InputFileLocal", path_ = w.mp4 }, added_sticker_file_ids_ = {},
		duration_ = 5, width_ = 320, height_ = 240, caption_ = "v" }), "video")
	eq(video.content_.ID, "MessageVideo")
	eq(video.content_.video_.width_, 320)
	eq(video.content_.video_.duration_, 5)
	local anim = ok(send(friend, { ID = "InputMessageAnimation", animation_ = { ID = "InputFileLocal", path_ = w.gif }, width_ = 0,
		height_ = 0, caption_ = "gif" }), "animation")
	eq(anim.content_.ID, "MessageAnimation")
	eq(anim.content_.caption_, "gif")
	local sticker = ok(send(friend, { ID = "InputMessageSticker", sticker_ = { ID = "InputFileLocal", path_ = w.webp }, width_ = 0, height_ = 0 }), "sticker")
	eq(sticker.content_.ID, "MessageSticker")
	-- Resending a file by its persistent id uploads nothing.
	local again = ok(send(friend, { ID = "InputMessagePhoto", photo_ = { ID = "InputFilePersistentId", persistent_id_ = big.photo_.persistent_id_ },
		caption_ = "again" }), "photo by persistent id")
	eq(again.content_.photo_.id_, photo.content_.photo_.id_, "same photo")
	local again2 = ok(send(friend, { ID = "InputMessageDocument", document_ = { ID = "InputFileId", id_ = doc.content_.document_.document_.id_ } }), "document by file id")
	eq(again2.content_.document_.document_.id_, doc.content_.document_.document_.id_, "same file id_")
	local loc = ok(send(friend, { ID = "InputMessageLocation", location_ = { ID = "Location", latitude_ = 51.5, longitude_ = -0.1 } }), "location")
	eq(loc.content_.ID, "MessageLocation")
	eq(loc.content_.location_.latitude_, 51.5)
	local venue = ok(send(friend, { ID = "InputMessageVenue", venue_ = { ID = "Venue", location_ = { ID = "Location", latitude_ = 1, longitude_ = 2 },
		title_ = "Cafe", address_ = "Street 1", provider_ = "foursquare", id_ = "v1" } }), "venue")
	eq(venue.content_.ID, "MessageVenue")
	eq(venue.content_.venue_.title_, "Cafe")
	local contact = ok(send(friend, { ID = "InputMessageContact", contact_ = { ID = "Contact", phone_number_ = "123", first_name_ = "C",
		last_name_ = "D", user_id_ = 0 } }), "contact")
	eq(contact.content_.ID, "MessageContact")
	eq(contact.content_.contact_.first_name_, "C")

	-- DownloadFile, then UpdateFile with the path.
	local fid = big.photo_.id_
	eq(ok(call({ ID = "DownloadFile", file_id_ = fid })).ID, "Ok", "DownloadFile")
	local uf = expect(function(x) return x.ID == "UpdateFile" and x.file_.id_ == fid end)
	assert(uf.file_.path_ ~= "", "path_")
	local fh = io.open(uf.file_.path_, "rb")
	assert(fh, "downloaded file exists")
	local bytes = fh:read("*a")
	fh:close()
	eq(#bytes, uf.file_.size_, "size_")
	local gf = ok(call({ ID = "GetFile", file_id_ = fid }), "GetFile")
	eq(gf.path_, uf.file_.path_, "GetFile path_")

	-- GetMessage, GetMessages (a hole where a message is missing).
	local g = ok(call({ ID = "GetMessage", chat_id_ = friend, message_id_ = m1.id_ }), "GetMessage")
	eq(g.content_.text_, "bold text")
	local gm = ok(call({ ID = "GetMessages", chat_id_ = friend, message_ids_ = { [0] = m1.id_, 999 * 1048576, md.id_ } }), "GetMessages")
	eq(gm.ID, "Messages")
	eq(gm.messages_[0].id_, m1.id_, "messages_[0]")
	eq(gm.messages_[1], nil, "missing message")
	eq(gm.messages_[2].id_, md.id_, "messages_[2]")
	local nf = call({ ID = "GetMessage", chat_id_ = friend, message_id_ = 998 * 1048576 })
	eq(nf.ID, "Error", "GetMessage of a missing message")
	eq(nf.code_, 404)

	-- EditMessageText and EditMessageCaption: UpdateMessageContent, UpdateMessageEdited.
	from = mark()
	local ed = ok(call({ ID = "EditMessageText", chat_id_ = friend, message_id_ = m1.id_, reply_markup_ = nil,
		input_message_content_ = { ID = "InputMessageText", text_ = "edited", entities_ = {} } }), "EditMessageText")
	eq(ed.content_.text_, "edited")
	assert(ed.edit_date_ > 0, "edit_date_")
	local uc = expect(function(x) return x.ID == "UpdateMessageContent" and x.message_id_ == m1.id_ end, from)
	eq(uc.chat_id_, friend)
	eq(uc.new_content_.text_, "edited")
	local ue = expect(function(x) return x.ID == "UpdateMessageEdited" and x.message_id_ == m1.id_ end, from)
	assert(ue.edit_date_ > 0, "UpdateMessageEdited edit_date_")
	local ec = ok(call({ ID = "EditMessageCaption", chat_id_ = friend, message_id_ = photo.id_, caption_ = "new caption" }), "EditMessageCaption")
	eq(ec.content_.caption_, "new caption")

	-- ForwardMessages.
	local fw = ok(call({ ID = "ForwardMessages", chat_id_ = friend, from_chat_id_ = friend, message_ids_ = { [0] = md.id_ },
		disable_notification_ = 0, from_background_ = 1 }), "ForwardMessages")
	eq(fw.ID, "Messages")
	eq(fw.messages_[0].forward_info_.ID, "MessageForwardedFromUser", "forward_info_")
	eq(fw.messages_[0].forward_info_.sender_user_id_, our_id)
	local fw2 = ok(send(friend, { ID = "InputMessageForwarded", from_chat_id_ = friend, message_id_ = w.hi_id * 1048576, in_game_share_ = 0 }), "InputMessageForwarded")
	eq(fw2.forward_info_.sender_user_id_, friend, "forwarded from the friend")
	eq(fw2.content_.text_, "hi")

	-- GetChatHistory (newest first), SearchChatMessages.
	local h = ok(call({ ID = "GetChatHistory", chat_id_ = friend, from_message_id_ = 0, offset_ = 0, limit_ = 5 }), "GetChatHistory")
	eq(h.ID, "Messages")
	assert(h.total_count_ >= 5, "total_count_")
	assert(h.messages_[0].id_ > h.messages_[1].id_, "newest first")
	local h2 = ok(call({ ID = "GetChatHistory", chat_id_ = friend, from_message_id_ = h.messages_[1].id_, offset_ = 0, limit_ = 2 }))
	eq(h2.messages_[0].id_, h.messages_[1].id_, "from_message_id_ is included")
	local s = ok(call({ ID = "SearchChatMessages", chat_id_ = friend, query_ = "reply", from_message_id_ = 0, limit_ = 10,
		filter_ = { ID = "SearchMessagesFilterEmpty" } }), "SearchChatMessages")
	eq(s.messages_[0].content_.text_, "a reply")

	-- DeleteMessages.
	eq(ok(call({ ID = "DeleteMessages", chat_id_ = friend, message_ids_ = { [0] = r2.id_ } })).ID, "Ok")
	eq(call({ ID = "GetMessage", chat_id_ = friend, message_id_ = r2.id_ }).ID, "Error", "deleted")

	-- Incoming: UpdateNewMessage, UpdateChatTopMessage, UpdateChatOrder;
	-- ViewMessages then UpdateChatReadInbox; the friend reads: UpdateChatReadOutbox.
	from = mark()
	step("friend_says", "news")
	local nm = expect(function(x) return x.ID == "UpdateNewMessage" and x.message_.content_.text_ == "news" end, from)
	eq(nm.message_.send_state_.ID, "MessageIsIncoming")
	eq(nm.disable_notification_, false)
	eq(nm.message_.can_be_edited_, false)
	local top = expect(function(x) return x.ID == "UpdateChatTopMessage" and x.chat_id_ == friend end, from)
	eq(top.top_message_.id_, nm.message_.id_)
	local ord = expect(function(x) return x.ID == "UpdateChatOrder" and x.chat_id_ == friend end, from)
	assert(ord.order_ ~= 0, "order_")
	eq(ok(call({ ID = "ViewMessages", chat_id_ = friend, message_ids_ = { [0] = nm.message_.id_ } })).ID, "Ok")
	local ri = expect(function(x) return x.ID == "UpdateChatReadInbox" and x.chat_id_ == friend end, from)
	eq(ri.last_read_inbox_message_id_, nm.message_.id_)
	eq(ri.unread_count_, 0)
	step("friend_reads")
	local ro = expect(function(x) return x.ID == "UpdateChatReadOutbox" and x.chat_id_ == friend end, from)
	assert(ro.last_read_outbox_message_id_ > 0 and ro.last_read_outbox_message_id_ % 1048576 == 0, "last_read_outbox_message_id_")

	-- SendChatAction; the friend types: UpdateUserAction.
	eq(ok(call({ ID = "SendChatAction", chat_id_ = friend, action_ = { ID = "SendMessageTypingAction" } })).ID, "Ok")
	eq(ok(call({ ID = "SendChatAction", chat_id_ = friend, action_ = { ID = "SendMessageUploadPhotoAction", progress_ = 50 } })).ID, "Ok")
	step("friend_types")
	local ua = expect(function(x) return x.ID == "UpdateUserAction" end, from)
	eq(ua.chat_id_, friend)
	eq(ua.user_id_, friend)
	eq(ua.action_.ID, "SendMessageRecordVoiceAction")

	-- The friend deletes a message for both: UpdateDeleteMessages.
	step("friend_says_alone", "oops")
	local oops = expect(function(x) return x.ID == "UpdateNewMessage" and x.message_.content_.text_ == "oops" end, from)
	step("friend_deletes")
	local del = expect(function(x) return x.ID == "UpdateDeleteMessages" end, from)
	eq(del.chat_id_, friend, "UpdateDeleteMessages chat_id_")
	eq(del.message_ids_[0], oops.message_.id_, "message_ids_[0]")

	-- The friend changes name and goes offline: UpdateUser, UpdateChatTitle, UpdateUserStatus.
	step("friend_renames")
	local uu = expect(function(x) return x.ID == "UpdateUser" and x.user_.id_ == friend and x.user_.first_name_ == "Renamed" end, from)
	eq(uu.user_.username_, "friend_user")
	local ut = expect(function(x) return x.ID == "UpdateChatTitle" and x.chat_id_ == friend end, from)
	eq(ut.title_, "Renamed")
	local us = expect(function(x) return x.ID == "UpdateUserStatus" and x.user_id_ == friend end, from)
	eq(us.status_.ID, "UserStatusOffline")
	assert(us.status_.was_online_ > 0, "was_online_")

	-- SetAlarm.
	local t0 = os.time()
	eq(ok(call({ ID = "SetAlarm", seconds_ = 0.2 })).ID, "Ok", "SetAlarm")
	assert(os.time() - t0 < 5, "SetAlarm returns")
end)
