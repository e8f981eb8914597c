-- Groups, supergroups and channels in the tdcli style: creation, members
-- and their statuses, titles, photos, invite links, pins, descriptions,
-- migration, views.
local lib = require("lib")
local call, eq, ok, expect, mark = lib.call, lib.eq, lib.ok, lib.expect, lib.mark
local our_id

function tdcli_update_callback(data)
	if data.ID == "UpdateOption" and data.name_ == "my_id" then
		our_id = data.value_.value_
	end
	lib.on_update(data)
end

local function status(chat, user)
	local m = ok(call({ ID = "GetChatMember", chat_id_ = chat, user_id_ = user }), "GetChatMember")
	eq(m.ID, "ChatMember")
	eq(m.user_id_, user, "ChatMember user_id_")
	return m.status_.ID, m
end

local function set_status(chat, user, st)
	return call({ ID = "ChangeChatMemberStatus", chat_id_ = chat, user_id_ = user, status_ = { ID = "ChatMemberStatus" .. st } })
end

local function members(channel_id, filter)
	return ok(call({ ID = "GetChannelMembers", channel_id_ = channel_id, filter_ = { ID = "ChannelMembers" .. filter },
		offset_ = 0, limit_ = 200 }), "GetChannelMembers " .. filter)
end

local function say(chat, s)
	return ok(call({ ID = "SendMessage", chat_id_ = chat, reply_to_message_id_ = 0, disable_notification_ = 0,
		from_background_ = 1, input_message_content_ = { ID = "InputMessageText", text_ = s, entities_ = {} } }), "SendMessage")
end

lib.test(function()
	expect(function(u) return u.ID == "UpdateOption" and u.name_ == "my_id" end)
	local w = step("world")
	local friend, other = w.friend, w.other

	-- A basic group.
	local from = mark()
	local g = ok(call({ ID = "CreateNewGroupChat", user_ids_ = { [0] = friend }, title_ = "Group" }), "CreateNewGroupChat")
	eq(g.type_.ID, "GroupChatInfo")
	assert(g.id_ < 0 and g.id_ > -1000000000000, "group chat id is -id")
	local gid = -g.id_
	local group = g.type_.group_
	eq(group.ID, "Group")
	eq(group.id_, gid, "group id_")
	eq(group.member_count_, 2, "member_count_")
	eq(group.status_.ID, "ChatMemberStatusCreator", "status_")
	eq(group.is_active_, true, "is_active_")
	eq(group.anyone_can_edit_, false, "anyone_can_edit_")
	eq(group.migrated_to_channel_id_, 0, "migrated_to_channel_id_")
	eq(g.title_, "Group")
	local ug = expect(function(u) return u.ID == "UpdateGroup" and u.group_.id_ == gid end, from)
	eq(ug.group_.member_count_, 2)
	expect(function(u) return u.ID == "UpdateChat" and u.chat_.id_ == g.id_ end, from)
	local created = expect(function(u) return u.ID == "UpdateNewMessage" and u.message_.chat_id_ == g.id_ end, from)
	eq(created.message_.content_.ID, "MessageGroupChatCreate")
	eq(created.message_.content_.title_, "Group")
	assert(created.message_.content_.members_[0] ~= nil, "members_[0]")

	eq(ok(call({ ID = "AddChatMember", chat_id_ = g.id_, user_id_ = other, forward_limit_ = 10 })).ID, "Ok", "AddChatMember")
	local added = expect(function(u) return u.ID == "UpdateNewMessage" and u.message_.content_.ID == "MessageChatAddMembers" end, from)
	eq(added.message_.content_.members_[0].id_, other, "added member")
	local gr = ok(call({ ID = "GetGroup", group_id_ = gid }), "GetGroup")
	eq(gr.member_count_, 3, "GetGroup member_count_")
	local gf = ok(call({ ID = "GetGroupFull", group_id_ = gid }), "GetGroupFull")
	eq(gf.ID, "GroupFull")
	eq(gf.creator_user_id_, our_id, "creator_user_id_")
	eq(gf.group_.id_, gid)
	local n = 0
	for i = 0, #gf.members_ do
		n = n + 1
		if gf.members_[i].user_id_ == our_id then
			eq(gf.members_[i].status_.ID, "ChatMemberStatusCreator")
		else
			eq(gf.members_[i].status_.ID, "ChatMemberStatusMember")
			eq(gf.members_[i].inviter_user_id_, our_id, "inviter_user_id_")
			assert(gf.members_[i].join_date_ > 0, "join_date_")
		end
	end
	eq(n, 3, "members_ counted from 0 to #members_")

	-- Title and photo.
	eq(ok(call({ ID = "ChangeChatTitle", chat_id_ = g.id_, title_ = "Renamed group" })).ID, "Ok", "ChangeChatTitle")
	local ut = expect(function(u) return u.ID == "UpdateChatTitle" and u.chat_id_ == g.id_ end, from)
	eq(ut.title_, "Renamed group")
	local tm = expect(function(u) return u.ID == "UpdateNewMessage" and u.message_.content_.ID == "MessageChatChangeTitle" end, from)
	eq(tm.message_.content_.title_, "Renamed group")
	eq(ok(call({ ID = "ChangeChatPhoto", chat_id_ = g.id_, photo_ = { ID = "InputFileLocal", path_ = w.png } })).ID, "Ok", "ChangeChatPhoto")
	local up = expect(function(u) return u.ID == "UpdateChatPhoto" and u.chat_id_ == g.id_ end, from)
	assert(up.photo_.small_.id_ > 0 and up.photo_.big_.id_ > 0, "chat photo files")
	local pm = expect(function(u) return u.ID == "UpdateNewMessage" and u.message_.content_.ID == "MessageChatChangePhoto" end, from)
	assert(pm.message_.content_.photo_.sizes_[0].photo_.id_ > 0, "photo sizes_[0]")
	local gc = ok(call({ ID = "GetChat", chat_id_ = g.id_ }), "GetChat group")
	eq(gc.title_, "Renamed group")
	assert(gc.photo_ ~= nil, "GetChat photo_")

	-- Invite links.
	local link = ok(call({ ID = "ExportChatInviteLink", chat_id_ = g.id_ }), "ExportChatInviteLink")
	eq(link.ID, "ChatInviteLink")
	assert(link.invite_link_:match("^https://t%.me/joinchat/"), link.invite_link_)
	local info = ok(call({ ID = "CheckChatInviteLink", invite_link_ = link.invite_link_ }), "CheckChatInviteLink")
	eq(info.ID, "ChatInviteLinkInfo")
	eq(info.chat_id_, g.id_, "chat_id_ of a chat I am in")
	eq(info.is_group_, true, "is_group_")
	eq(info.is_channel_, false, "is_channel_")
	eq(info.member_count_, 3)
	eq(ok(call({ ID = "GetGroupFull", group_id_ = gid })).invite_link_, link.invite_link_, "GroupFull invite_link_")

	-- Member statuses in a group.
	eq(ok(set_status(g.id_, friend, "Editor")).ID, "Ok", "Editor")
	eq(status(g.id_, friend), "ChatMemberStatusEditor")
	eq(ok(set_status(g.id_, friend, "Member")).ID, "Ok", "Member")
	eq(status(g.id_, friend), "ChatMemberStatusMember")
	eq(set_status(g.id_, friend, "Moderator").ID, "Error", "no moderators in groups")
	eq(set_status(g.id_, friend, "Creator").ID, "Error", "no second creator")
	eq(ok(set_status(g.id_, friend, "Kicked")).ID, "Ok", "Kicked")
	local gone = expect(function(u) return u.ID == "UpdateNewMessage" and u.message_.content_.ID == "MessageChatDeleteMember" end, from)
	eq(gone.message_.content_.user_.id_, friend)
	eq(status(g.id_, friend), "ChatMemberStatusLeft")

	-- Migration to a supergroup.
	local sg = ok(call({ ID = "MigrateGroupChatToChannelChat", chat_id_ = g.id_ }), "MigrateGroupChatToChannelChat")
	eq(sg.type_.ID, "ChannelChatInfo")
	eq(sg.type_.channel_.is_supergroup_, true)
	assert(tostring(sg.id_):match("^%-100"), "supergroup chat id -100…")
	local sgid = sg.type_.channel_.id_
	eq(sg.id_, -1000000000000 - sgid, "chat id of a channel")
	local mg = expect(function(u) return u.ID == "UpdateGroup" and u.group_.id_ == gid and u.group_.migrated_to_channel_id_ ~= 0 end, from)
	eq(mg.group_.migrated_to_channel_id_, sgid, "migrated_to_channel_id_")
	eq(mg.group_.is_active_, false, "is_active_ after migration")
	local sgf = ok(call({ ID = "GetChannelFull", channel_id_ = sgid }), "GetChannelFull migrated")
	eq(sgf.migrated_from_group_id_, gid, "migrated_from_group_id_")

	-- A supergroup.
	local ch = ok(call({ ID = "CreateNewChannelChat", title_ = "Super", is_supergroup_ = 1, about_ = "first about" }), "CreateNewChannelChat")
	local c = ch.type_.channel_
	local cid = c.id_
	eq(c.ID, "Channel")
	eq(c.is_supergroup_, true)
	eq(c.status_.ID, "ChatMemberStatusCreator")
	eq(c.anyone_can_invite_, true, "anyone_can_invite_")
	eq(c.sign_messages_, false)
	eq(c.username_, "")
	assert(c.date_ > 0, "date_")
	expect(function(u) return u.ID == "UpdateChannel" and u.channel_.id_ == cid end, from)
	eq(ok(call({ ID = "AddChatMembers", chat_id_ = ch.id_, user_ids_ = { [0] = friend, other } })).ID, "Ok", "AddChatMembers")
	eq(members(cid, "Recent").total_count_, 3, "Recent")
	local admins = members(cid, "Administrators")
	eq(admins.total_count_, 1, "Administrators")
	eq(admins.members_[0].status_.ID, "ChatMemberStatusCreator")
	eq(status(ch.id_, friend), "ChatMemberStatusMember")
	eq(ok(set_status(ch.id_, friend, "Editor")).ID, "Ok")
	eq(status(ch.id_, friend), "ChatMemberStatusEditor")
	eq(ok(set_status(ch.id_, friend, "Moderator")).ID, "Ok")
	eq(status(ch.id_, friend), "ChatMemberStatusModerator")
	eq(members(cid, "Administrators").total_count_, 2, "Administrators after promotion")
	eq(ok(set_status(ch.id_, friend, "Member")).ID, "Ok")
	eq(status(ch.id_, friend), "ChatMemberStatusMember")

	-- Pins (channel_id_ without -100), descriptions, full info.
	local post = say(ch.id_, "pin me")
	eq(post.chat_id_, ch.id_)
	eq(post.is_post_, false, "is_post_ in a supergroup")
	eq(ok(call({ ID = "PinChannelMessage", channel_id_ = cid, message_id_ = post.id_, disable_notification_ = 0 })).ID, "Ok", "PinChannelMessage")
	local pin = expect(function(u) return u.ID == "UpdateNewMessage" and u.message_.content_.ID == "MessagePinMessage" end, from)
	eq(pin.message_.content_.message_id_, post.id_, "pinned message_id_")
	local full = ok(call({ ID = "GetChannelFull", channel_id_ = cid }), "GetChannelFull")
	eq(full.ID, "ChannelFull")
	eq(full.pinned_message_id_, post.id_, "pinned_message_id_")
	eq(full.about_, "first about", "about_")
	eq(full.member_count_, 3, "member_count_")
	eq(full.administrator_count_, 1, "administrator_count_")
	eq(full.kicked_count_, 0, "kicked_count_")
	eq(full.can_get_members_, true, "can_get_members_")
	eq(full.can_set_username_, true, "can_set_username_")
	eq(full.channel_.id_, cid)
	eq(ok(call({ ID = "UnpinChannelMessage", channel_id_ = cid })).ID, "Ok", "UnpinChannelMessage")
	eq(ok(call({ ID = "GetChannelFull", channel_id_ = cid })).pinned_message_id_, 0, "unpinned")
	eq(ok(call({ ID = "ChangeChannelAbout", channel_id_ = cid, about_ = "new about" })).ID, "Ok", "ChangeChannelAbout")
	local link2 = ok(call({ ID = "ExportChatInviteLink", chat_id_ = ch.id_ }))
	full = ok(call({ ID = "GetChannelFull", channel_id_ = tostring(ch.id_) }), "GetChannelFull by -100 id")
	eq(full.about_, "new about")
	eq(full.invite_link_, link2.invite_link_, "invite_link_")
	local gch = ok(call({ ID = "GetChannel", channel_id_ = cid }), "GetChannel")
	eq(gch.id_, cid)

	-- Kicked, banned lists, back as member; left.
	eq(ok(set_status(ch.id_, friend, "Kicked")).ID, "Ok", "Kicked in a channel")
	eq(status(ch.id_, friend), "ChatMemberStatusKicked")
	local kicked = members(cid, "Kicked")
	eq(kicked.total_count_, 1)
	eq(kicked.members_[0].user_id_, friend)
	eq(kicked.members_[0].status_.ID, "ChatMemberStatusKicked")
	eq(kicked.members_[0].inviter_user_id_, our_id, "kicked by")
	eq(ok(call({ ID = "GetChannelFull", channel_id_ = cid })).kicked_count_, 1)
	eq(ok(set_status(ch.id_, friend, "Member")).ID, "Ok", "unbanned")
	eq(status(ch.id_, friend), "ChatMemberStatusMember")
	eq(members(cid, "Kicked").total_count_, 0)
	eq(ok(set_status(ch.id_, other, "Left")).ID, "Ok", "Left")
	eq(status(ch.id_, other), "ChatMemberStatusLeft")
	eq(members(cid, "Kicked").total_count_, 0, "Left is no ban")

	-- Bots.
	eq(ok(call({ ID = "AddChatMember", chat_id_ = ch.id_, user_id_ = w.bot, forward_limit_ = 0 })).ID, "Ok", "add a bot")
	local bots = members(cid, "Bots")
	eq(bots.total_count_, 1, "Bots")
	eq(bots.members_[0].user_id_, w.bot)

	-- DeleteMessagesFromUser.
	local fm = step("friend_says_in", ch.id_, "spam")
	local seen = expect(function(u) return u.ID == "UpdateNewMessage" and u.message_.content_.text_ == "spam" end, from)
	eq(seen.message_.sender_user_id_, friend)
	eq(ok(call({ ID = "DeleteMessagesFromUser", chat_id_ = ch.id_, user_id_ = friend })).ID, "Ok", "DeleteMessagesFromUser")
	eq(call({ ID = "GetMessage", chat_id_ = ch.id_, message_id_ = seen.message_.id_ }).ID, "Error", "deleted")

	-- Joining by a link.
	local finfo = ok(call({ ID = "CheckChatInviteLink", invite_link_ = w.friend_link }), "CheckChatInviteLink of another chat")
	eq(finfo.chat_id_, 0, "chat_id_ of a chat I am not in")
	eq(finfo.title_, "Friends")
	eq(finfo.is_channel_, true)
	eq(finfo.is_supergroup_channel_, true)
	eq(finfo.is_public_channel_, false)
	eq(ok(call({ ID = "ImportChatInviteLink", invite_link_ = w.friend_link })).ID, "Ok", "ImportChatInviteLink")
	local joined = expect(function(u) return u.ID == "UpdateChat" and u.chat_.title_ == "Friends" end, from)
	eq(joined.chat_.type_.channel_.status_.ID, "ChatMemberStatusMember")
	eq(ok(set_status(joined.chat_.id_, our_id, "Left")).ID, "Ok", "leave")
	expect(function(u) return u.ID == "UpdateChannel" and u.channel_.status_.ID == "ChatMemberStatusLeft" end, from)

	-- A broadcast channel: posts and views.
	local bc = ok(call({ ID = "CreateNewChannelChat", title_ = "News", is_supergroup_ = 0, about_ = "" }), "broadcast channel")
	eq(bc.type_.channel_.is_supergroup_, false)
	eq(ok(call({ ID = "AddChatMember", chat_id_ = bc.id_, user_id_ = friend, forward_limit_ = 0 })).ID, "Ok")
	local p = say(bc.id_, "a post")
	eq(p.is_post_, true, "is_post_")
	eq(p.sender_user_id_, 0, "unsigned post")
	step("friend_views", bc.id_, p.id_)
	local v = expect(function(u) return u.ID == "UpdateMessageViews" and u.message_id_ == p.id_ end, from)
	eq(v.chat_id_, bc.id_)
	eq(v.views_, 1, "views_")
	eq(ok(call({ ID = "ViewMessages", chat_id_ = bc.id_, message_ids_ = { [0] = p.id_ } })).ID, "Ok")
	local v2 = expect(function(u) return u.ID == "UpdateMessageViews" and u.message_id_ == p.id_ and u.views_ == 2 end, from)
	eq(v2.views_, 2)
end)
