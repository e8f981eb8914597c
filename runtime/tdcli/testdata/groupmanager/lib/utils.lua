-- Helpers of the group manager, loaded with dofile as tdcli bots did.
local utils = {}

function utils.has_link(text)
	local t = text:lower()
	return t:match("https?://") ~= nil or t:match("t%.me/") ~= nil or t:match("telegram%.me/") ~= nil
end

-- channel_id turns a chat id (-100…) into the bare channel id, as the
-- tdcli.lua helper library did.
function utils.channel_id(chat_id)
	return (tostring(chat_id):gsub("^%-100", ""))
end

function utils.send(chat, reply_to, text, cb)
	tdcli_function({
		ID = "SendMessage",
		chat_id_ = chat,
		reply_to_message_id_ = reply_to or 0,
		disable_notification_ = 0,
		from_background_ = 1,
		reply_markup_ = nil,
		input_message_content_ = {
			ID = "InputMessageText",
			text_ = text,
			disable_web_page_preview_ = 1,
			clear_draft_ = 0,
			entities_ = {},
			parse_mode_ = { ID = "TextParseModeHTML" },
		},
	}, cb or dl_cb, nil)
end

return utils
