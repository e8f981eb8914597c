-- The account and its settings in the tdcli style: profile photo,
-- password state, sessions, privacy, notification settings, drafts, spam
-- reports, recently found chats, devices, the account's time to live,
-- public channels, the functions luagram does not serve, and at last the
-- deletion of the account.
local lib = require("lib")
local call, eq, ok, expect, mark = lib.call, lib.eq, lib.ok, lib.expect, lib.mark
local my_id

function tdcli_update_callback(data)
	if data.ID == "UpdateOption" and data.name_ == "my_id" then
		my_id = data.value_.value_
	end
	lib.on_update(data)
end

local function err(res, code, what)
	eq(type(res), "table", what)
	eq(res.ID, "Error", what)
	eq(res.code_, code, what .. " code_")
	return res.message_
end

local function sessions()
	return ok(call({ ID = "GetActiveSessions" }), "GetActiveSessions").sessions_
end

lib.test(function()
	expect(function(u) return u.ID == "UpdateOption" and u.name_ == "my_id" end)
	local w = step("world")
	local friend, other = w.friend, w.other
	local from = mark()

	-- The profile photo.
	eq(ok(call({ ID = "SetProfilePhoto", photo_path_ = w.png })).ID, "Ok", "SetProfilePhoto")
	local up = expect(function(u) return u.ID == "UpdateUser" and u.user_.id_ == my_id and u.user_.profile_photo_ ~= nil end, from)
	local photo_id = up.user_.profile_photo_.id_
	assert(photo_id ~= 0 and photo_id ~= "0", "profile_photo_.id_")
	local photos = ok(call({ ID = "GetUserProfilePhotos", user_id_ = my_id, offset_ = 0, limit_ = 10 }))
	eq(photos.total_count_, 1, "total_count_")
	eq(tostring(photos.photos_[0].id_), tostring(photo_id), "photos_[0].id_")
	err(call({ ID = "SetProfilePhoto", photo_path_ = w.png .. ".missing" }), 400, "SetProfilePhoto of a missing file")
	err(call({ ID = "DeleteProfilePhoto", profile_photo_id_ = 12345 }), 400, "DeleteProfilePhoto of another id")
	from = mark()
	eq(ok(call({ ID = "DeleteProfilePhoto", profile_photo_id_ = photo_id })).ID, "Ok", "DeleteProfilePhoto")
	expect(function(u) return u.ID == "UpdateUser" and u.user_.id_ == my_id and u.user_.profile_photo_ == nil end, from)
	eq(ok(call({ ID = "GetUserProfilePhotos", user_id_ = my_id, offset_ = 0, limit_ = 10 })).total_count_, 0, "no photos left")

	-- The password.
	local pw = ok(call({ ID = "GetPasswordState" }), "GetPasswordState")
	eq(pw.ID, "PasswordState")
	eq(pw.has_password_, false, "has_password_")
	eq(pw.password_hint_, "")
	eq(pw.has_recovery_email_, false)
	eq(pw.unconfirmed_recovery_email_pattern_, "")

	-- Sessions: the script's, then another login, terminated.
	local list = sessions()
	eq(#list, 0, "one session (index 0)")
	eq(list[0].ID, "Session")
	eq(list[0].is_current_, true, "is_current_")
	assert(list[0].app_id_ ~= 0, "app_id_")
	assert(list[0].date_created_ > 0 and list[0].date_active_ > 0, "dates")
	eq(list[0].ip_, "127.0.0.1")
	step("second_login")
	list = sessions()
	eq(#list, 1, "two sessions")
	eq(list[0].is_current_, true, "the current session first")
	eq(list[1].is_current_, false)
	assert(list[1].id_ ~= 0 and list[1].id_ ~= "0", "id_ of the other session")
	err(call({ ID = "TerminateSession", session_id_ = 424242 }), 400, "TerminateSession of an unknown id")
	eq(ok(call({ ID = "TerminateSession", session_id_ = list[1].id_ })).ID, "Ok", "TerminateSession")
	eq(step("second_call"), "AUTH_KEY_UNREGISTERED", "the terminated session is logged out")
	eq(#sessions(), 0, "one session left")
	step("second_login")
	step("second_login")
	eq(#sessions(), 2, "three sessions")
	eq(ok(call({ ID = "TerminateAllOtherSessions" })).ID, "Ok", "TerminateAllOtherSessions")
	eq(#sessions(), 0, "one session after TerminateAllOtherSessions")

	-- Privacy.
	local key = { ID = "PrivacyKeyUserStatus" }
	local rules = ok(call({ ID = "GetPrivacy", key_ = key }), "GetPrivacy")
	eq(rules.ID, "PrivacyRules")
	eq(rules.rules_[0].ID, "PrivacyRuleAllowAll", "the default rule")
	from = mark()
	eq(ok(call({ ID = "SetPrivacy", key_ = key, rules_ = { ID = "PrivacyRules", rules_ = {
		[0] = { ID = "PrivacyRuleAllowContacts" }, { ID = "PrivacyRuleDisallowUsers", user_ids_ = { [0] = friend } } } } })).ID,
		"Ok", "SetPrivacy")
	local upd = expect(function(u) return u.ID == "UpdatePrivacy" end, from)
	eq(upd.key_.ID, "PrivacyKeyUserStatus")
	eq(upd.rules_.rules_[1].user_ids_[0], friend, "UpdatePrivacy rules")
	rules = ok(call({ ID = "GetPrivacy", key_ = key }))
	eq(rules.rules_[0].ID, "PrivacyRuleAllowContacts")
	eq(rules.rules_[1].ID, "PrivacyRuleDisallowUsers")
	eq(rules.rules_[1].user_ids_[0], friend, "user_ids_[0]")
	eq(ok(call({ ID = "GetPrivacy", key_ = { ID = "PrivacyKeyChatInvite" } })).rules_[0].ID, "PrivacyRuleAllowAll", "another key")

	-- Notification settings of a chat, and of all private chats.
	ok(call({ ID = "CreatePrivateChat", user_id_ = friend }), "CreatePrivateChat")
	local scope = { ID = "NotificationSettingsForChat", chat_id_ = friend }
	local n = ok(call({ ID = "GetNotificationSettings", scope_ = scope }), "GetNotificationSettings")
	eq(n.ID, "NotificationSettings")
	eq(n.mute_for_, 0)
	eq(n.sound_, "default")
	eq(n.show_preview_, true)
	from = mark()
	eq(ok(call({ ID = "SetNotificationSettings", scope_ = scope, notification_settings_ = { ID = "NotificationSettings",
		mute_for_ = 3600, sound_ = "", show_preview_ = 0 } })).ID, "Ok", "SetNotificationSettings")
	local un = expect(function(u) return u.ID == "UpdateNotificationSettings" end, from)
	eq(un.scope_.chat_id_, friend, "UpdateNotificationSettings scope_")
	eq(un.notification_settings_.mute_for_, 3600)
	n = ok(call({ ID = "GetNotificationSettings", scope_ = scope }))
	assert(n.mute_for_ > 3590 and n.mute_for_ <= 3600, "mute_for_ " .. n.mute_for_)
	eq(n.sound_, "", "sound_")
	eq(n.show_preview_, false, "show_preview_ (0 means false)")
	eq(ok(call({ ID = "GetChat", chat_id_ = friend })).notification_settings_.show_preview_, false, "GetChat notification_settings_")
	local all = ok(call({ ID = "GetNotificationSettings", scope_ = { ID = "NotificationSettingsForPrivateChats" } }))
	eq(all.mute_for_, 0, "private chats untouched")
	eq(ok(call({ ID = "SetNotificationSettings", scope_ = { ID = "NotificationSettingsForGroupChats" },
		notification_settings_ = { ID = "NotificationSettings", mute_for_ = 60, sound_ = "bell.mp3", show_preview_ = true } })).ID, "Ok")
	local groups = ok(call({ ID = "GetNotificationSettings", scope_ = { ID = "NotificationSettingsForGroupChats" } }))
	eq(groups.sound_, "bell.mp3", "group sound_")
	eq(ok(call({ ID = "ResetAllNotificationSettings" })).ID, "Ok", "ResetAllNotificationSettings")
	eq(ok(call({ ID = "GetNotificationSettings", scope_ = scope })).mute_for_, 0, "reset")

	-- Drafts, seen in the chat list (the friend's chat is in it once a
	-- message was exchanged).
	from = mark()
	step("friend_says", "hello")
	expect(function(u) return u.ID == "UpdateNewMessage" and u.message_.content_.text_ == "hello" end, from)
	eq(ok(call({ ID = "ChangeChatDraftMessage", chat_id_ = friend, draft_message_ = { ID = "DraftMessage", reply_to_message_id_ = 0,
		input_message_text_ = { ID = "InputMessageText", text_ = "later *bold*", parse_mode_ = { ID = "TextParseModeMarkdown" } } } })).ID,
		"Ok", "ChangeChatDraftMessage")
	local ud = expect(function(u) return u.ID == "UpdateChatDraftMessage" end, from)
	eq(ud.chat_id_, friend)
	eq(ud.draft_message_.input_message_text_.text_, "later bold", "draft text_")
	eq(ud.draft_message_.input_message_text_.entities_[0].ID, "MessageEntityBold", "draft entities_")
	local chats = ok(call({ ID = "GetChats", offset_order_ = "9223372036854775807", offset_chat_id_ = 0, limit_ = 20 }))
	local found
	for i = 0, #chats.chats_ do
		if chats.chats_[i].id_ == friend then
			found = chats.chats_[i]
		end
	end
	assert(found, "the friend's chat in GetChats")
	eq(found.draft_message_.input_message_text_.text_, "later bold", "draft_message_ from the dialogs")
	eq(found.notification_settings_.mute_for_, 0, "notification_settings_ from the dialogs")
	from = mark()
	eq(ok(call({ ID = "ChangeChatDraftMessage", chat_id_ = friend })).ID, "Ok", "clearing the draft")
	local cleared = expect(function(u) return u.ID == "UpdateChatDraftMessage" end, from)
	eq(cleared.draft_message_, nil, "cleared draft")

	-- Spam: a stranger writes.
	step("other_says", "buy now")
	expect(function(u) return u.ID == "UpdateNewMessage" and u.message_.content_.text_ == "buy now" end, from)
	eq(ok(call({ ID = "GetChatReportSpamState", chat_id_ = other })).can_report_spam_, true, "a stranger can be reported")
	eq(ok(call({ ID = "GetChatReportSpamState", chat_id_ = friend })).can_report_spam_, false, "a contact cannot")
	eq(ok(call({ ID = "ChangeChatReportSpamState", chat_id_ = other, is_spam_chat_ = 0 })).ID, "Ok", "ChangeChatReportSpamState")
	eq(ok(call({ ID = "GetChatReportSpamState", chat_id_ = other })).can_report_spam_, false, "after ChangeChatReportSpamState")

	-- A public supergroup: its username, spam in it, the created public
	-- channels.
	local sg = ok(call({ ID = "CreateNewChannelChat", title_ = "Public", is_supergroup_ = 1, about_ = "" }), "CreateNewChannelChat")
	local cid = sg.type_.channel_.id_
	eq(ok(call({ ID = "GetCreatedPublicChannels" })).channel_ids_[0], nil, "no public channel yet")
	from = mark()
	eq(ok(call({ ID = "ChangeChannelUsername", channel_id_ = cid, username_ = "public_sg" })).ID, "Ok", "ChangeChannelUsername")
	expect(function(u) return u.ID == "UpdateChannel" and u.channel_.username_ == "public_sg" end, from)
	local pub = ok(call({ ID = "GetCreatedPublicChannels" }), "GetCreatedPublicChannels")
	eq(pub.ID, "Channels")
	eq(pub.channel_ids_[0], cid, "channel_ids_[0] (a bare channel id)")
	eq(ok(call({ ID = "AddChatMember", chat_id_ = sg.id_, user_id_ = friend, forward_limit_ = 0 })).ID, "Ok")
	step("friend_says_in", sg.id_, "spam spam")
	local spam = expect(function(u) return u.ID == "UpdateNewMessage" and u.message_.content_.text_ == "spam spam" end, from)
	eq(ok(call({ ID = "ReportChannelSpam", channel_id_ = cid, user_id_ = friend, message_ids_ = { [0] = spam.message_.id_ } })).ID,
		"Ok", "ReportChannelSpam")
	local mine = ok(call({ ID = "SendMessage", chat_id_ = sg.id_, reply_to_message_id_ = 0, disable_notification_ = 0,
		from_background_ = 1, input_message_content_ = { ID = "InputMessageText", text_ = "mine" } }))
	eq(err(call({ ID = "ReportChannelSpam", channel_id_ = cid, user_id_ = friend, message_ids_ = { [0] = mine.id_ } }), 400,
		"ReportChannelSpam of another's message"), "MESSAGE_ID_INVALID")

	-- Recently found chats, and SearchChats.
	eq(ok(call({ ID = "SearchChats", query_ = "", limit_ = 10 })).chats_[0], nil, "no recently found chats")
	eq(ok(call({ ID = "AddRecentlyFoundChat", chat_id_ = friend })).ID, "Ok", "AddRecentlyFoundChat")
	eq(ok(call({ ID = "AddRecentlyFoundChat", chat_id_ = sg.id_ })).ID, "Ok")
	local recent = ok(call({ ID = "SearchChats", query_ = "", limit_ = 10 })).chats_
	eq(recent[0].id_, sg.id_, "the latest found first")
	eq(recent[1].id_, friend)
	eq(ok(call({ ID = "DeleteRecentlyFoundChat", chat_id_ = sg.id_ })).ID, "Ok", "DeleteRecentlyFoundChat")
	recent = ok(call({ ID = "SearchChats", query_ = "", limit_ = 10 })).chats_
	eq(recent[0].id_, friend)
	eq(recent[1], nil)
	eq(ok(call({ ID = "DeleteRecentlyFoundChats" })).ID, "Ok", "DeleteRecentlyFoundChats")
	eq(ok(call({ ID = "SearchChats", query_ = "", limit_ = 10 })).chats_[0], nil, "cleared")
	eq(ok(call({ ID = "SearchChats", query_ = "publ", limit_ = 10 })).chats_[0].id_, sg.id_, "SearchChats by title")
	eq(ok(call({ ID = "SearchChats", query_ = "friend_us", limit_ = 10 })).chats_[0].id_, friend, "SearchChats by username")

	-- Devices, the account's time to live, the bot status.
	eq(ok(call({ ID = "RegisterDevice", device_token_ = { ID = "GcmDeviceToken", token_ = "tok-1" } })).ID, "Ok", "RegisterDevice")
	local tokens = ok(call({ ID = "GetDeviceTokens" }), "GetDeviceTokens")
	eq(tokens.ID, "DeviceTokenSet")
	eq(tokens.tokens_[0].ID, "GcmDeviceToken")
	eq(tokens.tokens_[0].token_, "tok-1")
	err(call({ ID = "RegisterDevice", device_token_ = { ID = "ApnsDeviceToken", token_ = "" } }), 400, "an empty token")
	local ttl = ok(call({ ID = "GetAccountTtl" }), "GetAccountTtl")
	eq(ttl.ID, "AccountTtl")
	eq(ttl.days_, 365)
	eq(ok(call({ ID = "ChangeAccountTtl", ttl_ = { ID = "AccountTtl", days_ = 180 } })).ID, "Ok", "ChangeAccountTtl")
	eq(ok(call({ ID = "GetAccountTtl" })).days_, 180)
	eq(err(call({ ID = "ChangeAccountTtl", ttl_ = { ID = "AccountTtl", days_ = 5 } }), 400, "a TTL too short"), "TTL_DAYS_INVALID")
	eq(err(call({ ID = "SetBotUpdatesStatus", pending_update_count_ = 0, error_message_ = "" }), 400, "SetBotUpdatesStatus of a user"),
		"BOT_METHOD_INVALID")

	-- What luagram does not serve answers an Error naming it.
	local m = err(call({ ID = "CreateNewSecretChat", user_id_ = friend }), 400, "CreateNewSecretChat")
	assert(m:find("^CreateNewSecretChat is not supported: secret chats"), m)
	m = err(call({ ID = "FinishFileGeneration", generation_id_ = 1 }), 400, "FinishFileGeneration")
	assert(m:find("^FinishFileGeneration is not supported: TDLib generated such files"), m)
	m = err(call({ ID = "CheckAuthCode", code_ = "1", first_name_ = "", last_name_ = "" }), 400, "CheckAuthCode")
	assert(m:find("^CheckAuthCode is not supported: the account is logged in"), m)
	m = err(call({ ID = "TestSquareInt", x_ = 3 }), 400, "TestSquareInt")
	assert(m:find("TestSquareInt is not supported"), m)

	-- At last, the account goes.
	eq(ok(call({ ID = "DeleteAccount", reason_ = "testing" })).ID, "Ok", "DeleteAccount")
	eq(step("deleted"), true, "others see a deleted account")
	eq(err(call({ ID = "GetMe" }), 401, "GetMe after DeleteAccount"), "AUTH_KEY_UNREGISTERED")
end)
