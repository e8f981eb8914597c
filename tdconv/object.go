package tdconv

import (
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// An Object is a TD object or function of td_api_tdcli.tl.
type Object interface {
	// TDName returns the name in the schema: "updateNewMessage".
	TDName() string
	// TDID returns the name in the tdcli convention: "UpdateNewMessage".
	TDID() string
	pushTD(p *pusher) lua.LValue
	readTD(r *reader, t *lua.LTable)
}

// A Function is a TD function: a request of tdcli_function.
type Function interface {
	Object
	// TDResult returns the type of the result: "Message", "Ok".
	TDResult() string
}

// New returns an empty object or function named id, in UpperCamel or
// lowerCamel case, or nil if the schema has no such name.
func New(id string) Object {
	if id == "" {
		return nil
	}
	if mk := constructors[strings.ToLower(id[:1])+id[1:]]; mk != nil {
		return mk()
	}
	if alias, ok := aliases[id]; ok {
		return constructors[alias]()
	}
	return nil
}

// aliases are IDs old scripts use that the schema spells differently.
var aliases = map[string]string{
	// A later TDLib name of the kicked status, passed by some bots.
	"ChatMemberStatusBanned": "chatMemberStatusKicked",
	"chatMemberStatusBanned": "chatMemberStatusKicked",
}

// ClassOf returns the type of the constructor or function named id (for a
// function, the type of its result), or "".
func ClassOf(id string) string {
	if id == "" {
		return ""
	}
	return classOf[strings.ToLower(id[:1])+id[1:]]
}
