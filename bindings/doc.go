// Package bindings connects Lua scripts to the Telegram API (tl/api): a
// function per method in a namespace table, and a converter per constructor
// in each direction. It imports only tl, tl/api and gopher-lua; the script
// host (package runtime) provides the RPC through Caller, and other packages
// provide the MadelineProto conveniences through Hooks.
//
// # Methods
//
// Open installs one global table per namespace of the schema (messages,
// users, help, account, channels, …) holding a function per method, named
// verbatim as on core.telegram.org. Each takes one table of named
// parameters:
//
//	local r = messages.sendMessage{peer = "@durov", message = "hi"}
//	local cfg = help.getConfig()         -- no required parameters: no table needed
//
// Conditional parameters are set by presence; flags.N?true parameters are
// booleans (false is the same as absent); the "#" flag words never appear.
// A required random_id of a method or of an Input* constructor (long, int,
// or Vector<long> next to id:Vector<…>, one per id) is filled with random
// data when absent (longs from [1, 2^53], exact as Lua numbers), except for
// the secret-chat methods, whose random_id must match the encrypted
// payload.
//
// The methods without a namespace are the wrappers invokeAfterMsg,
// invokeWithLayer, initConnection, invokeWithTakeout, … They live in the
// table tl and take the wrapped call as a table naming its method:
//
//	tl.invokeWithTakeout{takeout_id = id, query = {_ = "messages.getHistory", peer = p, limit = 100}}
//
// and return what the wrapped method returns. The client wraps every
// connection in invokeWithLayer(initConnection(…)) itself; scripts need not.
// tl also holds tl.methods (the sorted names of every method) and tl.layer.
//
// A method function builds the request (raising a Lua error on any bad
// argument, see below) and returns Caller.Call(L, req, conv): the host
// encodes req, yields the coroutine and later resumes it with the value conv
// produces from the result.
//
// # Values
//
// A TL object is a Lua table whose field "_" holds the constructor name
// ("peerUser") and whose other fields are named as in the schema (the one
// field named after a Lua keyword is read as t["until"]). Results always
// carry "_"; absent conditional fields are left out, and flags.N?true
// fields appear only when true. On input, "_" selects the constructor where
// the type has several, and may be left out where the type has one
// constructor or the table is a method's parameters. Conditional fields
// that share one flag bit are given together or not at all, as the wire
// format demands.
//
//	int          Lua number, an integer in the int32 range
//	long         see below
//	double       Lua number
//	string       Lua string (any bytes)
//	bytes        Lua string
//	int128/256   Lua string of exactly 16/32 bytes, in wire order
//	Bool, true   Lua boolean (0 and 1 are not booleans; tdcli converts those)
//	Vector<T>    Lua sequence {v1, v2, …}, no other keys
//
// Lua numbers are float64, so a long (user, chat and channel ids, access
// hashes, random ids) is represented without ever losing a bit: on output
// a long whose magnitude is at most 2^53 is a number, any other a decimal
// string ("-1234567890123456789"); on input a long is a number that is an
// exact integer within ±2^53, or a decimal string holding any int64.
// Anything else (1.5, 2^60 as a number, "0x10", " 1") is an error. Scripts
// that compare ids should compare tostring(a) == tostring(b), or keep ids
// as they came.
//
// # Conveniences
//
// Hooks that other packages provide (see Hooks) add MadelineProto's
// conveniences; without them only what the schema says is accepted:
//
//   - a PeerResolver lets parameters of type InputPeer, InputUser and
//     InputChannel also take "@username", a bot-API id (number or string) or
//     a peer/user/chat table from a result (peerUser, user, …);
//   - a ParseModer adds parse_mode to every method and Input* constructor
//     with message (or caption) and entities: parse_mode = "html" turns the
//     formatted message into text and entities;
//   - a MarkupConverter lets reply_markup take a bot-API table
//     ({inline_keyboard = …}).
//
// A table whose "_" names a constructor of the expected type never goes to
// a hook.
//
// # Errors
//
// Misuse raises a Lua error (a string, pcall-able) naming the method, the
// parameter path and what was expected:
//
//	bad argument #1 to messages.sendMessage (table expected, got nil)
//	messages.sendMessage: peer: InputPeer expected, got boolean
//	messages.sendMessage: mesage: unknown field (did you mean message?)
//	messages.sendMessage: entities[2].offset: int expected, got string
//	messages.sendMessage: message: string expected, got nil
//	users.getUsers: id[1]: inputUsr is not a constructor of InputUser (did you mean inputUser?)
//	messages.getHistory: offset_id: int expected, got number 1.5 (not an integer)
//
// In Go the same errors are *ArgError values. A conversion gives up past
// 64 nested tables (a table inside itself) or 65,536 objects (a table used
// n times counts n times), so no value can stall the script's goroutine.
//
// # Cost
//
// Converters use no reflection. Converting the parameters of a typical
// messages.sendMessage allocates the request and its objects and one more
// value; pushing costs what gopher-lua's tables cost (a few allocations per
// field, in LTable.RawSetString), which dominates: see the benchmarks.
//
// # Generated code
//
// Every *_gen.go file is written by tl/tlgen (GenerateLua) from the schema
// of tl/api: per constructor and function a pusher (push<Name>), a field
// setter (check<Name>) and a static descriptor (d<Name>: field names and
// types, required fields, flag groups) that the hand-written driver
// cx.fields reads; the converters listed by id (convs), which pushAny and
// checkAny search; and the method table with the converter of each result
// type. Regenerate with go generate (the schema is read from LUAGRAM_SPEC or
// ../shared/spec; see tl/tlgen); tl/tlgen's TestCommittedBindingsAreFresh
// fails when the committed files are stale.
package bindings

//go:generate go run ../tl/tlgen/cmd/tlgen -schema telegram_api.tl -pkg bindings -layer 228 -lua
