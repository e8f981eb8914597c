package tdcli

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/luagram/luagram/runtime"
	"github.com/luagram/luagram/tdconv"
)

// TestStartupOrder checks that a script receives the updates of start-up
// after its main chunk has defined tdcli_update_callback, however the
// goroutines of the host are scheduled: each of many runs must see the
// update emitted before it started (what Env.Start announces).
func TestStartupOrder(t *testing.T) {
	script := filepath.Join(t.TempDir(), "early.lua")
	src := `function tdcli_update_callback(data)
	if data.ID == "UpdateOption" and data.name_ == "my_id" then
		print(data.value_.value_)
		os.exit()
	end
end
`
	if err := os.WriteFile(script, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	for i := range 200 {
		out := &syncBuffer{}
		env, err := New(Config{DataDir: t.TempDir(), Stdout: out})
		if err != nil {
			t.Fatal(err)
		}
		env.emit(&tdconv.UpdateOption{Name: "my_id", Value: &tdconv.OptionInteger{Value: 77}})
		host := runtime.New(runtime.Config{})
		env.Install(host)
		if _, err := host.Start(script); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- host.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("run %d: %v", i, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("run %d: the early update did not arrive", i)
		}
		host.Close()
		env.Close()
		if got := out.String(); got != "77\n" {
			t.Fatalf("run %d: output %q, want %q", i, got, "77\n")
		}
	}
}
