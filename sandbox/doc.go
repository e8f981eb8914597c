// Package sandbox is a local Telegram-like server over real TCP, so that
// luagram's tests, examples and users can work without Telegram: several
// DCs on consecutive ports, its own RSA key, the auth key exchange (permanent
// and temporary keys, binding), MTProto sessions, and the API methods the
// features need, behaving as core.telegram.org documents the real servers.
// CDN DCs with their own RSA key serve popular documents and photos encrypted
// (cdn.go, files_cdn.go; CDNPolicy decides which). Messages, captions and
// edits get the entities the servers find in text by themselves: bot
// commands, mentions, hashtags, cashtags, bank cards, URLs and e-mail
// addresses (entities_detect.go, entities_url.go).
//
// It never imports the client, the runtime or the bindings: it is kept
// honest by being an independent peer, and by interop tests against gotd.
package sandbox
