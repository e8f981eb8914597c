package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/luagram/luagram/tl/api"
)

func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(&env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut}, args)
	return code, out.String(), errOut.String()
}

func TestHelpOnEveryCommand(t *testing.T) {
	for name := range commands {
		code, out, _ := runCLI(t, "", name, "--help")
		if code != 0 || !strings.Contains(out, "usage: luagram "+name) {
			t.Errorf("%s --help: status %d, output %q", name, code, out)
		}
	}
	code, out, _ := runCLI(t, "", "--help")
	if code != 0 || !strings.Contains(out, "version") {
		t.Errorf("--help: status %d, output %q", code, out)
	}
	if code, _, _ := runCLI(t, "", "nonsense"); code != 2 {
		t.Errorf("unknown command: status %d, want 2", code)
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := runCLI(t, "", "version")
	if code != 0 || !strings.Contains(out, "\nlayer 228\n") || api.Layer != 228 {
		t.Errorf("status %d, output %q", code, out)
	}
}

func TestTLDecode(t *testing.T) {
	// resPQ from core.telegram.org/mtproto/samples-auth_key (older revision).
	const resPQ = "632416053e0549828cca27e966b301a48fece2fca5cf4d33f4a11ea877ba4aa5739073300817ed48941a08f98100000015c4b51c01000000216be86c022bb4c3"
	code, out, errOut := runCLI(t, "", "tl", "decode", resPQ)
	if code != 0 || !strings.HasPrefix(out, `{"_":"resPQ","nonce":"3e0549828cca27e966b301a48fece2fc"`) {
		t.Errorf("status %d, output %q %q", code, out, errOut)
	}
	code, out, _ = runCLI(t, resPQ[:40]+"\n"+resPQ[40:], "tl", "decode", "-")
	if code != 0 || !strings.Contains(out, `"pq":"17ed48941a08f981"`) {
		t.Errorf("stdin: status %d, output %q", code, out)
	}
	cases := []struct{ in, want string }{
		{resPQ[:60], "decoding failed at byte offset 20: truncated input: int128"},
		{"efbeadde", "decoding failed at byte offset 0: unexpected constructor: Object: #deadbeef"},
		{resPQ + "0", "input is not hex"},
		{resPQ + "0000", "decoding failed at byte offset 64: trailing bytes: 2 bytes"},
	}
	for _, tc := range cases {
		code, _, errOut := runCLI(t, "", "tl", "decode", tc.in)
		if code != 1 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%s: status %d, stderr %q, want %q", tc.in, code, errOut, tc.want)
		}
	}
}

func TestTLID(t *testing.T) {
	code, out, _ := runCLI(t, "", "tl", "id", "messages.sendMessage")
	if code != 0 || !strings.Contains(out, "function messages.sendMessage of Updates") {
		t.Errorf("status %d, output %q", code, out)
	}
	if code, _, _ := runCLI(t, "", "tl", "id", "nope.nothing"); code != 1 {
		t.Errorf("unknown name: status %d", code)
	}
}

func TestDocs(t *testing.T) {
	code, out, _ := runCLI(t, "", "docs", "messages.sendMessage")
	for _, want := range []string{"# messages.sendMessage", "| `peer` | `InputPeer` | yes |", "messages.sendMessage{", `peer = "@username"`, "400 MESSAGE_EMPTY", "401 AUTH_KEY_UNREGISTERED"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("docs page lacks %q (status %d):\n%s", want, code, out)
		}
	}
	dir := t.TempDir()
	if code, out, _ := runCLI(t, "", "docs", "--out", dir); code != 0 || !strings.Contains(out, "method pages") {
		t.Fatalf("docs --out: %d %s", code, out)
	}
	if code, _, _ := runCLI(t, "", "docs", "no.suchMethod"); code != 1 {
		t.Errorf("unknown method: status %d", code)
	}
}
