package runtime

import (
	"context"
	"log/slog"

	lua "github.com/yuin/gopher-lua"
)

// openLog makes the log module: log.debug, log.info, log.warn and
// log.error(msg, key, value, …) write msg through the script's slog.Logger
// (which carries script=name) with the key/value pairs as attributes.
func openLog(s *Script) (lua.LValue, error) {
	t := s.L.CreateTable(0, 4)
	for name, level := range map[string]slog.Level{
		"debug": slog.LevelDebug, "info": slog.LevelInfo,
		"warn": slog.LevelWarn, "error": slog.LevelError,
	} {
		t.RawSetString(name, s.L.NewFunction(func(L *lua.LState) int {
			s.logAt(L, level)
			return 0
		}))
	}
	return t, nil
}

func (s *Script) logAt(L *lua.LState, level slog.Level) {
	if !s.log.Enabled(context.Background(), level) {
		return
	}
	msg := L.ToStringMeta(L.Get(1)).String()
	n := L.GetTop()
	args := make([]any, 0, n-1)
	for i := 2; i <= n; i++ {
		v := L.Get(i)
		switch v := v.(type) {
		case lua.LNumber:
			args = append(args, float64(v))
		case lua.LBool:
			args = append(args, bool(v))
		case lua.LString:
			args = append(args, string(v))
		default:
			args = append(args, L.ToStringMeta(v).String())
		}
	}
	s.log.Log(context.Background(), level, msg, args...)
}
