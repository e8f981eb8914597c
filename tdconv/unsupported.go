package tdconv

import "strings"

// Why the functions of the schema that Call does not serve answer an
// Error: the message names the function and the reason.

// Reasons a function is not served.
const (
	reasonNoCounterpart = "it has no MTProto counterpart in luagram's tdcli layer"
	reasonSecret        = "secret chats (end-to-end encrypted) are not supported by luagram"
	reasonAuth          = "the account is logged in before scripts start (luagram login); scripts cannot log in or out"
	reasonLocal         = "TDLib generated such files on the client; there is no MTProto counterpart"
	reasonTest          = "TDLib's test functions have no MTProto counterpart"
)

// notServed maps the functions of td_api_tdcli.tl that Call does not
// serve to why. Every function with an MTProto counterpart is served; one
// listed here for want of an implementation should name the MTProto method
// it would use. tdconv's tests check that every function of the schema is
// served or listed here.
var notServed = map[string]string{
	// Secret chats. (sendChatScreenshotTakenNotification worked only in
	// secret chats in this TDLib.)
	"createNewSecretChat":                 reasonSecret,
	"createSecretChat":                    reasonSecret,
	"closeSecretChat":                     reasonSecret,
	"getSecretChat":                       reasonSecret,
	"sendChatSetTtlMessage":               reasonSecret,
	"sendChatScreenshotTakenNotification": reasonSecret,

	// Logging in and out.
	"setAuthPhoneNumber":          reasonAuth,
	"resendAuthCode":              reasonAuth,
	"checkAuthCode":               reasonAuth,
	"checkAuthPassword":           reasonAuth,
	"requestAuthPasswordRecovery": reasonAuth,
	"recoverAuthPassword":         reasonAuth,
	"checkAuthBotToken":           reasonAuth,
	"resetAuth":                   reasonAuth,

	// Files a client generates.
	"setFileGenerationProgress": reasonLocal,
	"finishFileGeneration":      reasonLocal,

	// Test functions.
	"test.callEmpty":              reasonTest,
	"test.squareInt":              reasonTest,
	"test.callString":             reasonTest,
	"test.callBytes":              reasonTest,
	"test.callVectorInt":          reasonTest,
	"test.callVectorIntObject":    reasonTest,
	"test.callVectorString":       reasonTest,
	"test.callVectorStringObject": reasonTest,
	"test.testNet":                reasonTest,
	"test.forceGetDifference":     reasonTest,
}

// testFunction returns the schema name of a test function's ID
// ("TestSquareInt": "test.squareInt"), or "". The generated registry
// leaves namespaced declarations out.
func testFunction(id string) string {
	rest, ok := strings.CutPrefix(id, "Test")
	if !ok || rest == "" {
		return ""
	}
	name := "test." + strings.ToLower(rest[:1]) + rest[1:]
	if notServed[name] == "" {
		return ""
	}
	return name
}

// notServedMessage returns the message of the Error answering fn.
func notServedMessage(name, id string) string {
	why := notServed[name]
	if why == "" {
		why = reasonNoCounterpart
	}
	return id + " is not supported: " + why
}
