-- A group manager written for tdcli, as such bots were: it deletes links
-- and warns, kicks after too many warnings (counted in Redis), pins the
-- message an admin replies to with /pin, and answers commands.
package.path = package.path .. ";.luarocks/share/lua/5.2/?.lua;./lib/?.lua"
local redis = require("redis")
local serpent = require("serpent")
local json = require("dkjson")
local utils = dofile("./lib/utils.lua")
local config = loadfile("config.lua")()

local db = redis.connect("127.0.0.1", 6379)
db:select(config.redis_db or 0)
local our_id = 0

function dl_cb(arg, data)
end

local function is_admin(user)
	for _, id in pairs(config.sudo_users) do
		if id == user then
			return true
		end
	end
	return db:sismember("admins", user)
end

local function warn(msg)
	local chat, user = msg.chat_id_, msg.sender_user_id_
	local key = "warns:" .. chat .. ":" .. user
	local n = db:incr(key)
	db:expire(key, 86400)
	local max = tonumber(db:hget("settings:" .. chat, "max_warns") or config.max_warns)
	if n >= max then
		tdcli_function({
			ID = "ChangeChatMemberStatus",
			chat_id_ = chat,
			user_id_ = user,
			status_ = { ID = "ChatMemberStatusKicked" },
		}, function(extra, result)
			if result.ID == "Ok" then
				db:sadd("banned:" .. chat, extra.user)
				db:del(key)
				utils.send(chat, 0, "User " .. extra.user .. " was kicked: too many links.")
			else
				utils.send(chat, 0, "Could not kick: " .. tostring(result.message_))
			end
		end, { user = user })
	else
		utils.send(chat, msg.id_, "<b>No links!</b> Warning " .. n .. "/" .. max)
	end
end

local commands = {}

function commands.ping(msg)
	utils.send(msg.chat_id_, msg.id_, "pong")
end

function commands.id(msg)
	utils.send(msg.chat_id_, msg.id_, "chat " .. msg.chat_id_ .. ", user " .. msg.sender_user_id_ .. ", message " .. msg.id_ / 1048576)
end

function commands.stats(msg)
	local n = db:get("msgs:" .. msg.chat_id_ .. ":" .. msg.sender_user_id_) or 0
	utils.send(msg.chat_id_, msg.id_, "messages: " .. n)
end

function commands.warns(msg, arg)
	local user = tonumber(arg) or msg.sender_user_id_
	utils.send(msg.chat_id_, msg.id_, "warnings of " .. user .. ": " .. (db:get("warns:" .. msg.chat_id_ .. ":" .. user) or 0))
end

function commands.setwarn(msg, arg)
	if not is_admin(msg.sender_user_id_) then
		return utils.send(msg.chat_id_, msg.id_, "admins only")
	end
	db:hset("settings:" .. msg.chat_id_, "max_warns", tonumber(arg))
	utils.send(msg.chat_id_, msg.id_, "max warnings: " .. arg)
end

function commands.pin(msg)
	if not is_admin(msg.sender_user_id_) then
		return utils.send(msg.chat_id_, msg.id_, "admins only")
	end
	if msg.reply_to_message_id_ == 0 then
		return utils.send(msg.chat_id_, msg.id_, "reply to the message to pin")
	end
	tdcli_function({
		ID = "PinChannelMessage",
		channel_id_ = utils.channel_id(msg.chat_id_),
		message_id_ = msg.reply_to_message_id_,
		disable_notification_ = 1,
	}, function(extra, result)
		if result.ID == "Ok" then
			db:set("pinned:" .. extra.chat, extra.id)
			utils.send(extra.chat, 0, "pinned")
		end
	end, { chat = msg.chat_id_, id = msg.reply_to_message_id_ })
end

function commands.settings(msg)
	local s = db:hgetall("settings:" .. msg.chat_id_)
	utils.send(msg.chat_id_, msg.id_, json.encode(s))
end

function tdcli_update_callback(data)
	if data.ID == "UpdateOption" and data.name_ == "my_id" then
		our_id = data.value_.value_
		db:set("bot:id", our_id)
		return
	end
	if data.ID ~= "UpdateNewMessage" then
		return
	end
	local msg = data.message_
	if msg.sender_user_id_ == our_id or msg.content_.ID ~= "MessageText" then
		return
	end
	local text = msg.content_.text_
	db:incr("msgs:" .. msg.chat_id_ .. ":" .. msg.sender_user_id_)
	db:sadd("chats", msg.chat_id_)
	if utils.has_link(text) and not is_admin(msg.sender_user_id_) then
		tdcli_function({ ID = "DeleteMessages", chat_id_ = msg.chat_id_, message_ids_ = { [0] = msg.id_ } }, dl_cb, nil)
		return warn(msg)
	end
	local cmd, arg = text:match("^[/!#](%w+)%s*(.*)$")
	if cmd and commands[cmd:lower()] then
		commands[cmd:lower()](msg, arg)
	end
end
