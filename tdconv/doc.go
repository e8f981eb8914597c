// Package tdconv is the TD layer of legacy tdcli scripts: the objects of
// td_api_tdcli.tl (the schema of telegram-cli built on early TDLib) as Go
// types, their Lua form in the tdcli convention, the tdcli_function
// requests carried out with MTProto calls, and MTProto updates turned into
// TD updates.
//
// # The tdcli convention
//
// A TD object is a Lua table whose field ID holds the constructor's name
// in UpperCamel case ("UpdateNewMessage", "MessageText"); every other field
// name ends in "_" (chat_id_, content_.text_). Vectors are 0-based:
// {[0] = a, [1] = b}. Read always accepts what old scripts pass: booleans as
// true/false or 0/1 (0 is false, as are "0", "false" and the empty string),
// numbers as numbers or decimal strings, strings as numbers, vectors as
// 0-based or 1-based tables, and IDs in UpperCamel or lowerCamel case.
// Push writes 64-bit values as numbers when they are exact (|v| ≤ 2^53)
// and as decimal strings beyond.
//
// # Identifiers
//
// Chat ids are the Bot API's: a user's id, −id for a basic group, −100…
// for a supergroup or channel (−(10^12 + id)). Methods of the schema that
// name a channel or a group (channel_id, group_id) take the bare id. TD
// message ids are the server's message id × 2^20 (1048576), as TDLib
// numbered them; Read accepts a bare server id (below 2^20) as well.
//
// # Calls and updates
//
// A Layer serves the requests of the schema's functions that have an
// MTProto counterpart (see Layer.Call and Functions) over a Client, and
// turns the MTProto updates of that client into TD updates (Layer.Update).
// A function without a counterpart answers an Error naming it.
package tdconv

//go:generate go run ../tl/tlgen/cmd/tlgen -schema td_api_tdcli.tl -pkg tdconv -td
