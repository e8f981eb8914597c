package tlgen

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ErrNoSpec is returned when no schema directory can be found.
var ErrNoSpec = errors.New("tlgen: no schema directory: set LUAGRAM_SPEC or provide ../shared/spec next to the repository")

// SpecDir returns the directory holding the TL schemas: $LUAGRAM_SPEC, or
// ../shared/spec next to the nearest directory above the working directory
// that has a go.mod. Schemas are never copied into the
// repository; the generated code is.
func SpecDir() (string, error) {
	if d := os.Getenv("LUAGRAM_SPEC"); d != "" {
		if st, err := os.Stat(d); err != nil || !st.IsDir() {
			return "", fmt.Errorf("tlgen: LUAGRAM_SPEC=%s is not a directory", d)
		}
		return d, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			spec := filepath.Join(dir, "..", "shared", "spec")
			if st, err := os.Stat(spec); err == nil && st.IsDir() {
				return spec, nil
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", ErrNoSpec
		}
		dir = parent
	}
}

// SpecPath resolves a schema file name against SpecDir; a name that exists
// as given is used as is.
func SpecPath(name string) (string, error) {
	if _, err := os.Stat(name); err == nil {
		return name, nil
	}
	dir, err := SpecDir()
	if err != nil {
		return "", err
	}
	p := filepath.Join(dir, name)
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("tlgen: schema %s not found in %s", name, dir)
	}
	return p, nil
}
