package parsemode

import (
	"errors"
	"fmt"
)

// ErrUnknownMode reports a parse mode name other than HTML, Markdown and
// MarkdownV2.
var ErrUnknownMode = errors.New("parsemode: unknown parse mode")

// A SyntaxError reports malformed markup. Offset is the byte offset in the
// input of the construct at fault.
type SyntaxError struct {
	Offset int
	Msg    string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("parsemode: %s at byte %d", e.Msg, e.Offset)
}

// An EntityError reports an entity that ToHTML or ToMarkdownV2 cannot
// write. Index is the entity's position in the slice passed, or -1 when no
// single entity is at fault.
type EntityError struct {
	Index int
	Msg   string
}

func (e *EntityError) Error() string {
	if e.Index < 0 {
		return "parsemode: " + e.Msg
	}
	return fmt.Sprintf("parsemode: entity %d: %s", e.Index, e.Msg)
}
