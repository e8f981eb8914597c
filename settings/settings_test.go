package settings

import (
	"errors"
	"strings"
	"testing"
)

func TestDefaults(t *testing.T) {
	s, err := Decode(nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.ConnectionSettings.Protocol != "intermediate" || !s.ConnectionSettings.PFS || s.Authorization.DefaultTempAuthKeyExpiresIn != 86400 ||
		s.FloodTimeout.WaitIfLt != 20 || s.Serialization.SerializationInterval != 30 || s.Requests.GzipEncodeIfGt != 512 {
		t.Errorf("defaults: %+v", s)
	}
}

func TestDecode(t *testing.T) {
	s, err := Decode(map[string]any{
		"app_info":            map[string]any{"api_id": float64(12345), "api_hash": "abc"},
		"connection":          map[string]any{"test_mode": true, "dc": map[any]any{float64(1): "127.0.0.1:9443", float64(2): "127.0.0.1:9444"}},
		"connection_settings": map[string]any{"protocol": "abridged", "obfuscated": true},
		"authorization":       map[string]any{"rsa_keys": []any{"-----BEGIN RSA PUBLIC KEY-----\nAAA\n-----END RSA PUBLIC KEY-----\n"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if s.AppInfo.APIID != 12345 || s.Connection.DC[2] != "127.0.0.1:9444" || !s.ConnectionSettings.Obfuscated || len(s.Authorization.RSAKeys) != 1 {
		t.Errorf("decoded %+v", s)
	}
	// Untouched sections keep their defaults.
	if s.Logger.Level != "notice" {
		t.Errorf("logger %+v", s.Logger)
	}
}

func TestDecodeErrors(t *testing.T) {
	cases := []struct {
		tree    map[string]any
		key     string
		nearest string
	}{
		{map[string]any{"conection": map[string]any{}}, "conection", "connection"},
		{map[string]any{"connection_settings": map[string]any{"protocl": "full"}}, "connection_settings.protocl", "connection_settings.protocol"},
		{map[string]any{"connection_settings": map[string]any{"protocol": "abridge"}}, "connection_settings.protocol", "abridged"},
		{map[string]any{"logger": map[string]any{"level": "verbos"}}, "logger.level", "verbose"},
		{map[string]any{"app_info": map[string]any{"api_id": "12"}}, "app_info.api_id", ""},
		{map[string]any{"app_info": map[string]any{"api_id": 1.5}}, "app_info.api_id", ""},
		{map[string]any{"updates": true}, "updates", ""},
		{map[string]any{"connection": map[string]any{"dc": map[any]any{float64(1): 5.0}}}, "connection.dc[1]", ""},
		{map[string]any{"connection_settings": map[string]any{"protocol": "full", "obfuscated": true}}, "connection_settings.obfuscated", ""},
	}
	for _, tc := range cases {
		_, err := Decode(tc.tree)
		var se *Error
		if !errors.As(err, &se) || se.Key != tc.key || se.Nearest != tc.nearest {
			t.Errorf("%v: got %v, want key %q nearest %q", tc.tree, err, tc.key, tc.nearest)
		}
	}
}

func TestEnvironment(t *testing.T) {
	t.Setenv("LUAGRAM_API_ID", "777")
	t.Setenv("LUAGRAM_API_HASH", "secret")
	s, err := Decode(nil)
	if err != nil || s.AppInfo.APIID != 777 || s.AppInfo.APIHash != "secret" {
		t.Fatalf("%v %+v", err, s.AppInfo)
	}
	t.Setenv("LUAGRAM_API_ID", "x")
	if _, err := Decode(nil); err == nil {
		t.Fatal("bad LUAGRAM_API_ID accepted")
	}
}

func TestLuaOnlyDiffers(t *testing.T) {
	s := Defaults()
	s.Connection.DC = map[int]string{1: "127.0.0.1:1", 2: "127.0.0.1:2"}
	s.Authorization.RSAKeys = []string{"-----BEGIN RSA PUBLIC KEY-----\nAB\n-----END RSA PUBLIC KEY-----\n"}
	s.AppInfo.APIHash = "a\"b\\c\x01"
	out := s.Lua()
	for _, want := range []string{"[1] = \"127.0.0.1:1\"", "rsa_keys = {", "[[\n-----BEGIN", `api_hash = "a\"b\\c\1"`} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	if strings.Contains(out, "logger") {
		t.Errorf("defaults written:\n%s", out)
	}
}
