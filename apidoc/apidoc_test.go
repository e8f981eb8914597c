package apidoc

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/luagram/luagram/tl/tlgen"
)

func TestReferenceIsFresh(t *testing.T) {
	if _, err := tlgen.SpecDir(); err != nil {
		t.Skipf("skipping: %v", err)
	}
	opts, err := tlgen.ParseArgs(strings.Fields("-schema telegram_api.tl -pkg apidoc -doc -layer 228"), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	files, err := tlgen.Run(opts, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile("reference_gen.go")
	if !bytes.Equal(got, files["reference_gen.go"]) {
		t.Error("reference_gen.go is stale (run make generate)")
	}
}

func TestSandboxErrorsAreFresh(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the generator")
	}
	out := filepath.Join(t.TempDir(), "errors.go")
	cmd := exec.Command("go", "run", "./cmd/sandboxerrors", "-out", out, "../sandbox")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, msg)
	}
	want, _ := os.ReadFile(out)
	got, _ := os.ReadFile("sandbox_errors_gen.go")
	if !bytes.Equal(got, want) {
		t.Error("sandbox_errors_gen.go is stale (run make generate)")
	}
}

func TestEveryMethodHasAPage(t *testing.T) {
	if len(Methods()) < 700 {
		t.Fatalf("%d methods", len(Methods()))
	}
	for _, m := range Methods() {
		page := Markdown(m)
		if !strings.Contains(page, "local result = "+m.Name+"{") {
			t.Fatalf("%s: no Lua example:\n%s", m.Name, page)
		}
	}
	if errs := Errors("auth.sendCode"); !contains(errs, "303 PHONE_MIGRATE_X") {
		t.Errorf("auth.sendCode errors: %v", errs)
	}
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}
