package parsemode

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestScanCorpus(t *testing.T) {
	dir := os.Getenv("SCAN")
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, f := range files {
		b, _ := os.ReadFile(f)
		lines := strings.Split(string(b), "\n")
		v := strings.TrimSuffix(strings.TrimPrefix(lines[1], "string("), ")")
		s, err := strconv.Unquote(v)
		if err != nil {
			t.Fatal(err)
		}
		done := make(chan bool)
		go func() {
			text, es, err := parseMarkdownV2(s)
			if err == nil {
				ToMarkdownV2(text, toAPI(es))
				ToHTML(text, toAPI(es))
			}
			done <- true
		}()
		select {
		case <-done:
		case <-time.After(2 * time.Second):
			t.Fatalf("hang on %q", s)
		}
	}
}
