package tlgen

import (
	"bufio"
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/luagram/luagram/tl"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// tinySchema exercises every construct the generator handles.
const tinySchema = `
boolFalse#bc799737 = Bool;
boolTrue#997275b5 = Bool;
peerUser#59511722 user_id:long = Peer;
peerChat#36c6019a chat_id:long = Peer;
settings#a518110d flags:# muted:flags.0?true until:flags.1?int sound:flags.1?string = Settings;
point x:double y:double = Point;
item flags:# id:long name:string tags:Vector<string> peer:flags.0?Peer where:flags.1?Settings at:%Point pts:vector<int> ok:Bool nonce:int128 = Item;
---functions---
items.get peers:Vector<Peer> limit:int = Vector<Item>;
invokeAfter {X:Type} msg_id:long query:!X = X;
`

func TestGolden(t *testing.T) {
	s, err := tl.Parse("tiny.tl", strings.NewReader(tinySchema), tl.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	files, err := Generate(s, Config{Package: "tiny", Schema: "tiny.tl", SHA256: "0", Layer: 1, Registry: "tiny", PerFile: 10})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("testdata", "tiny")
	if *update {
		os.MkdirAll(dir, 0o755)
		for name, src := range files {
			if err := os.WriteFile(filepath.Join(dir, name+".golden"), src, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for name, src := range files {
		want, err := os.ReadFile(filepath.Join(dir, name+".golden"))
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if !bytes.Equal(src, want) {
			t.Errorf("%s differs from its golden file (run go test -update and review the diff)", name)
		}
	}
}

func TestGenerateErrors(t *testing.T) {
	cases := []struct{ src, want string }{
		{"a x:Unknown = A;", "unknown type \"Unknown\""},
		{"a x:%nope = A;", "unknown bare type"},
		{"a#00000001 = A;\nb#00000001 = B;", "is used by 2 declarations"},
		{"aB = A;\na_b = B;", "collides"},
	}
	for _, tc := range cases {
		s, err := tl.Parse("x.tl", strings.NewReader(tc.src), tl.ParseOptions{})
		if err != nil {
			t.Fatalf("%q: %v", tc.src, err)
		}
		if _, err := Generate(s, Config{Package: "x"}); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: got %v, want an error containing %q", tc.src, err, tc.want)
		}
	}
}

// TestCommittedCodeIsFresh regenerates tl/mt, tl/api and tl/e2e with the
// arguments of their //go:generate lines and compares with the committed
// files (gotd's check_generated, without touching the tree).
func TestCommittedCodeIsFresh(t *testing.T) {
	if _, err := SpecDir(); err != nil {
		t.Skipf("skipping: %v", err)
	}
	for _, pkg := range []string{"mt", "api", "e2e"} {
		dir := filepath.Join("..", pkg)
		args := generateArgs(t, filepath.Join(dir, "doc.go"))
		opts, err := ParseArgs(args, io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		files, err := Run(opts, io.Discard)
		if err != nil {
			t.Fatalf("%s: %v", pkg, err)
		}
		committed, _ := filepath.Glob(filepath.Join(dir, "*_gen.go"))
		var names []string
		for name := range files {
			names = append(names, name)
		}
		sort.Strings(names)
		if len(committed) != len(names) {
			t.Errorf("%s: %d generated files committed, generator writes %d (run make generate)", pkg, len(committed), len(names))
		}
		for _, name := range names {
			got, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil || !bytes.Equal(got, files[name]) {
				t.Errorf("%s/%s is stale (run make generate)", pkg, name)
			}
		}
	}
}

// generateArgs returns the tlgen arguments of a //go:generate line.
func generateArgs(t *testing.T, docFile string) []string {
	f, err := os.Open(docFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "//go:generate go run ../tlgen/cmd/tlgen "); ok {
			return strings.Fields(rest)
		}
	}
	t.Fatalf("%s has no //go:generate line for tlgen", docFile)
	return nil
}
