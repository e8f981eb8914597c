package session

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// An RPCError is an rpc_error answer: code, type and the numeric argument
// carried by types such as FLOOD_WAIT_X or PHONE_MIGRATE_X.
type RPCError struct {
	Code     int
	Message  string // as sent: "FLOOD_WAIT_30"
	Type     string // without the argument: "FLOOD_WAIT"
	Argument int    // 30 for FLOOD_WAIT_30; 0 if none
}

// NewRPCError splits an rpc_error message into type and argument.
func NewRPCError(code int, message string) *RPCError {
	e := &RPCError{Code: code, Message: message, Type: message}
	if i := strings.LastIndexByte(message, '_'); i > 0 {
		if n, err := strconv.Atoi(message[i+1:]); err == nil {
			e.Type, e.Argument = message[:i], n
		}
	}
	return e
}

// RPCParts returns the error's parts (all zero for a nil error). Packages
// that must not import this one (the Lua runtime) recognise Telegram
// errors by this method.
func (e *RPCError) RPCParts() (code int, typ, message string, argument int) {
	if e == nil {
		return 0, "", "", 0
	}
	return e.Code, e.Type, e.Message, e.Argument
}

func (e *RPCError) Error() string {
	return fmt.Sprintf("rpc error %d: %s", e.Code, e.Message)
}

// Is matches another *RPCError by Type (and Code when set), so that
// errors.Is(err, &RPCError{Type: "FLOOD_WAIT"}) works.
func (e *RPCError) Is(target error) bool {
	t, ok := target.(*RPCError)
	if !ok {
		return false
	}
	return t.Type == e.Type && (t.Code == 0 || t.Code == e.Code)
}

// Wait returns the time an error of type *_WAIT asks the caller to wait.
func (e *RPCError) Wait() (time.Duration, bool) {
	switch e.Type {
	case "FLOOD_WAIT", "FLOOD_PREMIUM_WAIT", "SLOWMODE_WAIT", "FLOOD_TEST_PHONE_WAIT":
		return time.Duration(e.Argument) * time.Second, true
	}
	return 0, false
}

// Migrate returns the DC of a *_MIGRATE_X error.
func (e *RPCError) Migrate() (dc int, ok bool) {
	if e.Code == 303 && strings.HasSuffix(e.Type, "_MIGRATE") {
		return e.Argument, true
	}
	return 0, false
}

// Retryable reports whether the same query may succeed if sent again:
// internal server errors and timeouts.
func (e *RPCError) Retryable() bool {
	return e.Code == 500 || e.Code == -503 || e.Type == "RPC_CALL_FAIL" || e.Type == "RPC_MCGET_FAIL"
}

// A BadMsgError reports a bad_msg_notification the engine could not recover
// from (codes 18, 19, 34, 35, 64 are bugs; others are retried).
type BadMsgError struct {
	Code  int
	MsgID int64
}

var badMsgReasons = map[int]string{
	16: "msg_id too low", 17: "msg_id too high", 18: "msg_id not divisible by 4",
	19: "container msg_id reused", 20: "message too old", 32: "msg_seqno too low",
	33: "msg_seqno too high", 34: "even msg_seqno for a content-related message",
	35: "odd msg_seqno for a message that is not content-related", 48: "incorrect server salt",
	64: "invalid container",
}

func (e *BadMsgError) Error() string {
	return fmt.Sprintf("session: bad_msg_notification %d (%s) for msg_id %d", e.Code, badMsgReasons[e.Code], e.MsgID)
}

// Retryable reports whether resending the message (with a new msg_id)
// can succeed.
func (e *BadMsgError) Retryable() bool {
	switch e.Code {
	case 16, 17, 20, 32, 33, 48:
		return true
	}
	return false
}

// Errors of the engine.
var (
	ErrClosed         = errors.New("session: closed")
	ErrTooManyTries   = errors.New("session: query failed after the maximum number of tries")
	ErrUnknownSession = errors.New("session: message for another session id")
	// ErrAuthKeyUnknown: the server answered the transport error -404, it
	// does not know the auth key; a new key must be made.
	ErrAuthKeyUnknown = errors.New("session: the server does not know the auth key")
)
