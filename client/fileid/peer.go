package fileid

import "math"

// A PeerKind says what kind of chat a Bot API chat id names.
type PeerKind uint8

// Peer kinds. The zero PeerKind marks an invalid chat id.
const (
	PeerUser       PeerKind = iota + 1 // inputPeerUser: user_id, access_hash
	PeerChat                           // inputPeerChat: chat_id
	PeerChannel                        // inputPeerChannel: channel_id, access_hash
	PeerSecretChat                     // a secret chat; it has no input peer
)

// Bot API chat id ranges, from TDLib's DialogId, UserId, ChatId and
// ChannelId.
const (
	maxUserID             = 1<<40 - 1
	maxChatID             = 999_999_999_999
	zeroChannelID         = -1_000_000_000_000
	maxChannelID          = 1_000_000_000_000 - 1<<31
	maxMonoforumChannelID = 3_000_000_000_000
	zeroSecretChatID      = -2_000_000_000_000
)

// A Peer is the MTProto peer behind a Bot API chat id: ID is the user,
// chat, channel or secret chat id as MTProto counts it. AccessHash is
// carried along; it is zero for chats.
type Peer struct {
	Kind       PeerKind
	ID         int64
	AccessHash int64
}

// PeerOf splits a Bot API chat id into its kind and MTProto id: users keep
// their id, basic groups are negated and channels are offset by
// -1000000000000. The Kind of the result is zero if dialogID is in none of
// the ranges.
func PeerOf(dialogID, accessHash int64) Peer {
	p := Peer{AccessHash: accessHash}
	// The order of the tests is TDLib's DialogId::get_type.
	switch {
	case dialogID > 0:
		if dialogID <= maxUserID {
			p.Kind, p.ID = PeerUser, dialogID
		}
	case dialogID == 0:
	case dialogID >= -maxChatID:
		p.Kind, p.ID = PeerChat, -dialogID
	case dialogID >= zeroChannelID-maxChannelID && dialogID != zeroChannelID:
		p.Kind, p.ID = PeerChannel, zeroChannelID-dialogID
	case dialogID >= zeroSecretChatID+math.MinInt32 && dialogID != zeroSecretChatID:
		if id := dialogID - zeroSecretChatID; id <= math.MaxInt32 {
			p.Kind, p.ID = PeerSecretChat, id
		}
	case dialogID >= zeroChannelID-maxMonoforumChannelID:
		p.Kind, p.ID = PeerChannel, zeroChannelID-dialogID
	}
	return p
}

// DialogID returns the Bot API chat id of p, the inverse of PeerOf.
func (p Peer) DialogID() int64 {
	switch p.Kind {
	case PeerUser:
		return p.ID
	case PeerChat:
		return -p.ID
	case PeerChannel:
		return zeroChannelID - p.ID
	case PeerSecretChat:
		return zeroSecretChatID + p.ID
	}
	return 0
}
