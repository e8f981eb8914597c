package tdcli

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"
)

// runLib runs a script of testdata/libs without an account.
func runLib(t *testing.T, name string, rc runConfig, steps map[string]func([]lua.LValue) any) *scriptRun {
	t.Helper()
	r := startScript(t, nil, "testdata/libs/"+name, rc, steps)
	r.wait(20 * time.Second)
	return r
}

func TestRedisEmbedded(t *testing.T) {
	runLib(t, "redis.lua", runConfig{}, nil)
}

func TestRedisServer(t *testing.T) {
	runLib(t, "redis.lua", runConfig{redis: redisServer(t)}, nil)
}

func TestJSON(t *testing.T)    { runLib(t, "json.lua", runConfig{}, nil) }
func TestSerpent(t *testing.T) { runLib(t, "serpent.lua", runConfig{}, nil) }

func TestSocket(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/hello":
			w.Header().Set("Content-Type", "text/plain")
			fmt.Fprintf(w, "hello %s", r.URL.RawQuery)
		case "/echo":
			b, _ := io.ReadAll(r.Body)
			fmt.Fprintf(w, "%s %s %s", r.Method, b, r.Header.Get("Content-Type"))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	runLib(t, "socket.lua", runConfig{}, map[string]func([]lua.LValue) any{
		"base": func([]lua.LValue) any { return srv.URL },
	})
}

func TestCompat(t *testing.T) {
	t.Setenv("LUAGRAM_TDCLI_TEST", "yes")
	dir := t.TempDir()
	r := runLib(t, "compat.lua", runConfig{stdin: "first line\n42\n"}, map[string]func([]lua.LValue) any{
		"tmp": func([]lua.LValue) any { return dir },
	})
	out := r.out.String()
	for _, want := range []string{"written 42\n", "printed\t1\ttrue\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestSandboxed(t *testing.T) {
	runLib(t, "sandboxed.lua", runConfig{sandbox: true, stdin: "typed\n"}, nil)
}

// TestExit checks that os.exit ends the script, not the process.
func TestExit(t *testing.T) {
	r := startScript(t, nil, "testdata/libs/exit.lua", runConfig{}, nil)
	done := make(chan error, 1)
	go func() { done <- r.host.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("os.exit did not end the script")
	}
	if out := r.out.String(); out != "before\n" {
		t.Errorf("output: got %q, want %q", out, "before\n")
	}
}
