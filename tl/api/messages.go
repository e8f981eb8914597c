package api

// MessagesOf returns the messages of any messages.Messages answer
// (messages.messages, messages.messagesSlice, messages.channelMessages),
// or nil for messages.messagesNotModified: callers that only read the
// messages need not tell the three list forms apart.
func MessagesOf(res MessagesMessagesClass) []MessageClass {
	switch x := res.(type) {
	case *MessagesMessages:
		return x.Messages
	case *MessagesMessagesSlice:
		return x.Messages
	case *MessagesChannelMessages:
		return x.Messages
	}
	return nil
}
