// Package transport frames MTProto payloads on a byte stream: the abridged,
// intermediate, padded intermediate and full transports of
// core.telegram.org/mtproto/mtproto-transports, transport obfuscation
// (obfuscated2, also the MTProxy protocol), and dialers for SOCKS5 and HTTP
// CONNECT proxies.
//
// It knows nothing of MTProto messages: a frame is an opaque payload. It never
// reconnects, retries or interprets auth keys; the session layer does.
//
// A [Codec] frames one side of one stream. [Client] wraps a net.Conn as the
// client side of a chosen transport; [Accept] reads the first bytes a client
// sends, recognises the transport (plain or obfuscated) and returns the server
// side. Both return a [*Conn].
//
// Limits and conventions:
//
//   - Payload lengths must be multiples of 4 (MTProto never produces others);
//     [Options.Unaligned] relaxes this for the framings that can carry them.
//   - A length prefix larger than [Options.MaxFrameSize] is refused with a
//     [*FrameSizeError] before anything is allocated.
//   - The padded intermediate receiver cannot tell payload from padding:
//     ReadFrame returns both. Encrypted MTProto messages carry their own
//     length, and unencrypted ones their message_data_length, so consumers
//     ignore the trailing 0..15 bytes.
//   - Transport errors (a 4-byte negative payload such as -404) are returned by
//     ReadFrame as a [*ProtocolError]; quick acks as a [Frame] with QuickAck set.
//     With padded intermediate the client cannot see where the 4 bytes end,
//     so it reads any frame under 20 bytes that starts with a negative int32
//     as an error: no MTProto message is that short.
//   - One goroutine may read while another writes; writes must not be
//     concurrent with each other, nor reads with each other.
package transport
