package parsemode

import (
	"fmt"
	"strings"

	"github.com/luagram/luagram/tl/api"
)

// A Mode names a parse mode as the Bot API's parse_mode parameter does.
type Mode string

// The parse modes. Names are matched without regard to case.
const (
	ModeHTML       Mode = "HTML"
	ModeMarkdown   Mode = "Markdown"
	ModeMarkdownV2 Mode = "MarkdownV2"
)

// Parse parses s in the given mode. An empty mode returns s as plain text;
// an unknown one fails with ErrUnknownMode.
func Parse(mode Mode, s string) (text string, entities []api.MessageEntityClass, err error) {
	switch {
	case mode == "":
		return s, nil, nil
	case strings.EqualFold(string(mode), string(ModeHTML)):
		return HTML(s)
	case strings.EqualFold(string(mode), string(ModeMarkdown)):
		return Markdown(s)
	case strings.EqualFold(string(mode), string(ModeMarkdownV2)):
		return MarkdownV2(s)
	}
	return "", nil, fmt.Errorf("%w %q", ErrUnknownMode, string(mode))
}
