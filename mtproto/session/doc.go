// Package session is the MTProto 2.0 message engine of one connection to one
// DC, for both sides: Session (client) sends queries and returns each one's
// result exactly once, across reconnects, salt changes and clock skew;
// ServerConn (the sandbox's side) decrypts, checks and answers client
// messages, never executing a msg_id twice.
//
// Both sides speak the service protocol of core.telegram.org/mtproto/service_messages:
// msg_container, gzip_packed, msgs_ack, rpc_result/rpc_error, bad_msg_notification,
// bad_server_salt, new_session_created, future_salts, pings, msg_resend_req,
// msgs_state_req/info and msg_detailed_info.
package session
