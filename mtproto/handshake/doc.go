// Package handshake creates MTProto auth keys: the client and the server
// side of the exchange of core.telegram.org/mtproto/auth_key
// (req_pq_multi → req_DH_params → set_client_DH_params), permanent and
// temporary keys, and the bind_auth_key_inner message that binds a temporary
// key to a permanent one for Perfect Forward Secrecy.
//
// Each side is a state machine whose steps are plain functions of the
// messages and of injected randomness and time (ClientExchange,
// ServerExchange); Client and Serve drive them over a FrameConn. Every check
// of the security guidelines is made, and a failed one ends the exchange with
// a typed error (*NonceError, *CheckError) — nothing derived from a bad
// message is used.
package handshake
