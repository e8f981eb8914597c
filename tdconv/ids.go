package tdconv

// The Bot API's chat ids: basic groups are negated, channels and
// supergroups are −(10^12 + id).
const channelOffset = 1_000_000_000_000

// GroupChatID returns the chat id of a basic group.
func GroupChatID(id int64) int64 { return -id }

// ChannelChatID returns the chat id of a channel or supergroup.
func ChannelChatID(id int64) int64 { return -channelOffset - id }

// channelFromChatID returns the channel of a chat id of the −100… form.
func channelFromChatID(chatID int64) (int64, bool) {
	if chatID < -channelOffset {
		return -chatID - channelOffset, true
	}
	return 0, false
}

// A ChatKind says what a chat id names.
type ChatKind int

// Chat kinds.
const (
	PrivateChat ChatKind = iota
	GroupChat
	ChannelChat
)

// SplitChatID returns the kind of a chat id and the bare id of the user,
// group or channel.
func SplitChatID(chatID int64) (ChatKind, int64) {
	switch {
	case chatID < -channelOffset:
		return ChannelChat, -chatID - channelOffset
	case chatID < 0:
		return GroupChat, -chatID
	}
	return PrivateChat, chatID
}

// messageShift is the number of bits TD message ids keep below the
// server's id.
const messageShift = 20

// MessageID returns the TD message id of a server message id.
func MessageID(serverID int32) int64 { return int64(serverID) << messageShift }

// ServerMessageID returns the server message id of a TD message id. A value
// below 2^20, which no TD id is, is taken as a server id already.
func ServerMessageID(id int64) int32 {
	if id < 1<<messageShift && id > -(1<<messageShift) {
		return int32(id)
	}
	return int32(id >> messageShift)
}
