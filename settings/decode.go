package settings

import (
	"fmt"
	"math"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/luagram/luagram/internal/editdist"
)

// An Error names the key that is wrong and, for unknown keys, the closest
// valid one.
type Error struct {
	Key     string // dotted path: "connection_settings.protocol"
	Msg     string
	Nearest string
}

func (e *Error) Error() string {
	msg := "settings: " + e.Key + ": " + e.Msg
	if e.Nearest != "" {
		msg += " (did you mean " + e.Nearest + "?)"
	}
	return msg
}

// Decode applies a tree (maps with string keys, and for dc tables integer
// keys, strings, float64 or int numbers, booleans, slices) over the
// defaults, then the environment variables LUAGRAM_API_ID and
// LUAGRAM_API_HASH, and validates the result.
func Decode(tree map[string]any) (*Settings, error) {
	s := Defaults()
	if err := decodeStruct(reflect.ValueOf(s).Elem(), tree, ""); err != nil {
		return nil, err
	}
	if err := s.applyEnv(); err != nil {
		return nil, err
	}
	return s, s.Validate()
}

func (s *Settings) applyEnv() error {
	if v := os.Getenv("LUAGRAM_API_ID"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return &Error{Key: "app_info.api_id", Msg: "LUAGRAM_API_ID is not a number"}
		}
		s.AppInfo.APIID = n
	}
	if v := os.Getenv("LUAGRAM_API_HASH"); v != "" {
		s.AppInfo.APIHash = v
	}
	return nil
}

// Validate checks values that have a fixed set of choices or a range.
func (s *Settings) Validate() error {
	switch s.ConnectionSettings.Protocol {
	case "abridged", "intermediate", "padded_intermediate", "full":
	default:
		return &Error{Key: "connection_settings.protocol", Msg: fmt.Sprintf("%q is not a transport", s.ConnectionSettings.Protocol),
			Nearest: nearest(s.ConnectionSettings.Protocol, []string{"abridged", "intermediate", "padded_intermediate", "full"})}
	}
	if s.ConnectionSettings.Obfuscated && s.ConnectionSettings.Protocol == "full" {
		return &Error{Key: "connection_settings.obfuscated", Msg: "the full transport cannot be obfuscated"}
	}
	levels := []string{"ultra_verbose", "verbose", "notice", "warning", "error", "fatal"}
	if !contains(levels, s.Logger.Level) {
		return &Error{Key: "logger.level", Msg: fmt.Sprintf("%q is not a level", s.Logger.Level), Nearest: nearest(s.Logger.Level, levels)}
	}
	for id, addr := range s.Connection.DC {
		if id <= 0 || !strings.Contains(addr, ":") {
			return &Error{Key: "connection.dc[" + strconv.Itoa(id) + "]", Msg: fmt.Sprintf("%q is not host:port for a positive DC id", addr)}
		}
	}
	if s.Authorization.DefaultTempAuthKeyExpiresIn < 60 {
		return &Error{Key: "authorization.default_temp_auth_key_expires_in", Msg: "must be at least 60 seconds"}
	}
	return nil
}

func decodeStruct(v reflect.Value, tree map[string]any, path string) error {
	t := v.Type()
	keys := make([]string, 0, t.NumField())
	byKey := map[string]int{}
	for i := 0; i < t.NumField(); i++ {
		k := t.Field(i).Tag.Get("lua")
		keys = append(keys, k)
		byKey[k] = i
	}
	names := make([]string, 0, len(tree))
	for k := range tree {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		i, ok := byKey[k]
		key := join(path, k)
		if !ok {
			return &Error{Key: key, Msg: "unknown key", Nearest: join(path, nearest(k, keys))}
		}
		if err := decodeValue(v.Field(i), tree[k], key); err != nil {
			return err
		}
	}
	return nil
}

func join(path, k string) string {
	if path == "" || k == "" {
		return path + k
	}
	return path + "." + k
}

func typeName(x any) string {
	switch x.(type) {
	case map[string]any, map[any]any:
		return "table"
	case string:
		return "string"
	case bool:
		return "boolean"
	case float64, int, int64:
		return "number"
	case []any:
		return "list"
	case nil:
		return "nil"
	}
	return fmt.Sprintf("%T", x)
}

func decodeValue(f reflect.Value, x any, key string) error {
	wrong := func(want string) error {
		return &Error{Key: key, Msg: fmt.Sprintf("%s expected, got %s", want, typeName(x))}
	}
	switch f.Kind() {
	case reflect.Struct:
		m, ok := x.(map[string]any)
		if !ok {
			return wrong("table")
		}
		return decodeStruct(f, m, key)
	case reflect.String:
		s, ok := x.(string)
		if !ok {
			return wrong("string")
		}
		f.SetString(s)
	case reflect.Bool:
		b, ok := x.(bool)
		if !ok {
			return wrong("boolean")
		}
		f.SetBool(b)
	case reflect.Int:
		n, ok := integer(x)
		if !ok {
			return wrong("integer")
		}
		f.SetInt(n)
	case reflect.Slice: // []string
		list, ok := x.([]any)
		if !ok {
			if m, isMap := x.(map[string]any); isMap && len(m) == 0 {
				list = nil
			} else {
				return wrong("list of strings")
			}
		}
		out := make([]string, 0, len(list))
		for i, e := range list {
			s, ok := e.(string)
			if !ok {
				return &Error{Key: fmt.Sprintf("%s[%d]", key, i+1), Msg: "string expected, got " + typeName(e)}
			}
			out = append(out, s)
		}
		f.Set(reflect.ValueOf(out))
	case reflect.Map: // map[int]string
		out := map[int]string{}
		add := func(k any, e any) error {
			id, ok := integer(k)
			if !ok {
				if s, isStr := k.(string); isStr {
					if n, err := strconv.Atoi(s); err == nil {
						id, ok = int64(n), true
					}
				}
			}
			if !ok {
				return &Error{Key: key, Msg: fmt.Sprintf("DC ids must be numbers, got %v", k)}
			}
			s, isStr := e.(string)
			if !isStr {
				return &Error{Key: fmt.Sprintf("%s[%d]", key, id), Msg: "\"host:port\" expected, got " + typeName(e)}
			}
			out[int(id)] = s
			return nil
		}
		switch m := x.(type) {
		case map[any]any:
			for k, e := range m {
				if err := add(k, e); err != nil {
					return err
				}
			}
		case map[string]any:
			for k, e := range m {
				if err := add(k, e); err != nil {
					return err
				}
			}
		case []any:
			for i, e := range m {
				if err := add(i+1, e); err != nil {
					return err
				}
			}
		default:
			return wrong("table of DC addresses")
		}
		f.Set(reflect.ValueOf(out))
	}
	return nil
}

func integer(x any) (int64, bool) {
	switch n := x.(type) {
	case int:
		return int64(n), true
	case int64:
		return n, true
	case float64:
		if n == math.Trunc(n) && math.Abs(n) < 1<<53 {
			return int64(n), true
		}
	}
	return 0, false
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// nearest returns the candidate with the smallest edit distance to s.
func nearest(s string, candidates []string) string {
	best, bestD := "", -1
	for _, c := range candidates {
		if d := editdist.Levenshtein(s, c, len(s)+len(c)+1); bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	return best
}
