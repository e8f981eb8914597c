package luagram_test

import (
	"encoding/json"
	"io"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/luagram/luagram"

// allowedImports is the dependency table of STYLE.md: which luagram
// packages and which outside modules each package may import (non-test
// code). A package not listed here fails the test, so adding one means
// deciding its place. The standard library is always allowed.
var allowedImports = map[string][]string{
	"tl":                       {},
	"tl/tlgen":                 {"tl"},
	"tl/tlgen/cmd/tlgen":       {"tl/tlgen"},
	"tl/mt":                    {"tl"},
	"tl/api":                   {"tl"},
	"tl/e2e":                   {"tl"},
	"mtproto/crypto":           {"golang.org/x/crypto"},
	"mtproto/transport":        {"mtproto/crypto"},
	"mtproto/handshake":        {"mtproto/crypto", "tl", "tl/mt"},
	"mtproto/session":          {"mtproto/crypto", "mtproto/transport", "mtproto/handshake", "tl", "tl/mt"},
	"mtproto/dcs":              {"mtproto/session", "mtproto/handshake", "mtproto/transport", "mtproto/crypto", "tl", "tl/mt", "tl/api"},
	"storage":                  {"tl", "tl/api"},
	"settings":                 {"internal/editdist"},
	"apidoc":                   {},
	"apidoc/cmd/sandboxerrors": {"tl/api"},
	"client":                   {"mtproto/", "storage", "settings", "tl"},
	"bindings":                 {"tl", "internal/editdist", "github.com/yuin/gopher-lua"},
	"tdconv":                   {"tl", "github.com/yuin/gopher-lua"},
	"voip":                     {"client", "mtproto/crypto", "github.com/pion/opus"},
	"runtime/clientlib":        {"runtime", "bindings", "client", "tl", "github.com/yuin/gopher-lua"},
	"runtime/tdcli":            {"runtime", "tdconv", "bindings", "client", "tl", "github.com/yuin/gopher-lua"},
	"runtime":                  {"bindings", "tdconv", "client", "voip", "tl", "github.com/yuin/gopher-lua", "github.com/fsnotify/fsnotify"},
	"sandbox":                  {"tl", "mtproto/", "storage"},
	"sandbox/sandboxtest":      {"sandbox", "mtproto/", "settings"},
	"cmd/luagram":              {"*"},
	"internal/clock":           {},
	"internal/editdist":        {},
	"internal/benchutil":       {},
	"internal/testutil":        {},
	"internal/tltest":          {"tl"},
}

type listedPackage struct {
	ImportPath string
	Imports    []string
	Standard   bool
}

func TestDependencyDirection(t *testing.T) {
	out, err := exec.Command("go", "list", "-json", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	checked := 0
	for {
		var p listedPackage
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		rel := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, module), "/")
		if rel == "" {
			continue // this test's own package
		}
		allowed, ok := allowedFor(rel)
		if !ok {
			t.Errorf("package %s is not in the dependency table (deps_test.go, STYLE.md)", rel)
			continue
		}
		for _, imp := range p.Imports {
			if !strings.Contains(strings.Split(imp, "/")[0], ".") {
				continue // standard library
			}
			if !importAllowed(rel, imp, allowed) {
				t.Errorf("%s imports %s, which the dependency table does not allow", rel, imp)
			}
		}
		checked++
	}
	t.Logf("%d packages checked", checked)
}

// allowedFor finds the table entry of a package or of its nearest listed
// parent (sub-packages inherit their parent's rules).
func allowedFor(rel string) ([]string, bool) {
	for p := rel; p != "."; {
		if a, ok := allowedImports[p]; ok {
			return a, true
		}
		i := strings.LastIndexByte(p, '/')
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return nil, false
}

func importAllowed(pkg, imp string, allowed []string) bool {
	own, isOwn := strings.CutPrefix(imp, module+"/")
	if isOwn && (own == pkg || strings.HasPrefix(own, pkg+"/") || strings.HasPrefix(pkg, own+"/")) {
		return true // within its own subtree
	}
	for _, a := range allowed {
		switch {
		case a == "*":
			return true
		case isOwn && strings.HasSuffix(a, "/") && strings.HasPrefix(own, a):
			return true
		case isOwn && (own == a || strings.HasPrefix(own, a+"/")):
			return true
		case !isOwn && (imp == a || strings.HasPrefix(imp, a+"/")):
			return true
		}
	}
	return false
}
