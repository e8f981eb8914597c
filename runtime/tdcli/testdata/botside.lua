-- A bot written for tdcli, in plain callback style: it answers inline
-- queries, reports chosen results, shows an inline keyboard and answers
-- its button.
local our_id
local kb_message

local function dl_cb(extra, result)
	if type(result) == "table" and result.ID == "Error" then
		print("bot error", extra, result.code_, result.message_)
	end
end

local function reply(chat, text, markup, cb)
	tdcli_function({ ID = "SendMessage", chat_id_ = chat, reply_to_message_id_ = 0, disable_notification_ = 0, from_background_ = 1,
		reply_markup_ = markup, input_message_content_ = { ID = "InputMessageText", text_ = text, disable_web_page_preview_ = 1,
			clear_draft_ = 0, entities_ = {} } }, cb or dl_cb, "reply")
end

function tdcli_update_callback(data)
	if data.ID == "UpdateOption" and data.name_ == "my_id" then
		our_id = data.value_.value_
	elseif data.ID == "UpdateNewInlineQuery" then
		assert(data.query_ == "q", "query_")
		assert(data.offset_ == "", "offset_")
		assert(data.sender_user_id_ > 0, "sender_user_id_")
		assert(type(data.id_) == "number" or type(data.id_) == "string", "id_")
		tdcli_function({ ID = "AnswerInlineQuery", inline_query_id_ = data.id_, is_personal_ = 1, cache_time_ = 0, next_offset_ = "",
			switch_pm_text_ = "", switch_pm_parameter_ = "", results_ = {
				[0] = { ID = "InputInlineQueryResultArticle", id_ = "a1", url_ = "", hide_url_ = 1, title_ = "First", description_ = "one",
					thumb_url_ = "", thumb_width_ = 0, thumb_height_ = 0, reply_markup_ = nil,
					input_message_content_ = { ID = "InputMessageText", text_ = "article one", entities_ = {} } },
				{ ID = "InputInlineQueryResultLocation", id_ = "l1", location_ = { ID = "Location", latitude_ = 10, longitude_ = 20 },
					title_ = "Here", thumb_url_ = "", thumb_width_ = 0, thumb_height_ = 0 },
				{ ID = "InputInlineQueryResultContact", id_ = "c1", contact_ = { ID = "Contact", phone_number_ = "555", first_name_ = "Ann",
					last_name_ = "", user_id_ = 0 }, thumb_url_ = "", thumb_width_ = 0, thumb_height_ = 0 },
			} }, dl_cb, "answer")
	elseif data.ID == "UpdateNewChosenInlineResult" then
		reply(data.sender_user_id_, "chosen " .. data.result_id_ .. " for " .. data.query_)
	elseif data.ID == "UpdateNewMessage" then
		local msg = data.message_
		if msg.sender_user_id_ == our_id then
			return
		end
		local text = msg.content_.text_ or ""
		if text == "/keyboard" then
			reply(msg.chat_id_, "Choose", { ID = "ReplyMarkupInlineKeyboard", rows_ = { [0] = { [0] = { ID = "InlineKeyboardButton",
				text_ = "Yes", type_ = { ID = "InlineKeyboardButtonTypeCallback", data_ = "yes" } } } } }, function(_, m)
				kb_message = m
			end)
		elseif text:match("^/start") then
			reply(msg.chat_id_, "started: " .. text)
		end
	elseif data.ID == "UpdateNewCallbackQuery" then
		assert(data.payload_.ID == "CallbackQueryData", "payload_")
		assert(data.message_id_ % 1048576 == 0, "message_id_ × 2^20")
		assert(data.chat_id_ == data.sender_user_id_, "chat_id_ of a private chat")
		tdcli_function({ ID = "AnswerCallbackQuery", callback_query_id_ = data.id_, text_ = "You pressed " .. data.payload_.data_,
			show_alert_ = 0, url_ = "", cache_time_ = 0 }, dl_cb, "callback")
		tdcli_function({ ID = "EditMessageReplyMarkup", chat_id_ = data.chat_id_, message_id_ = data.message_id_,
			reply_markup_ = { ID = "ReplyMarkupInlineKeyboard", rows_ = { [0] = { [0] = { ID = "InlineKeyboardButton", text_ = "Done",
				type_ = { ID = "InlineKeyboardButtonTypeCallback", data_ = "done" } } } } } }, dl_cb, "edit")
	end
end
