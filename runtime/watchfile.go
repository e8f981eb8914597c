package runtime

import "path/filepath"

// Watch makes a change of the file at path reload the script, as a change
// of the script's own file or of a module it required does (with
// Config.Watch; without it Watch does nothing). It is for modules that
// load Lua files for a script themselves — tdcli's dofile, loadfile and
// require — and should be given each file they read, once they have read
// it (a file that then fails to compile is watched too, so that fixing it
// reloads the script). A relative path is relative to the working
// directory; a symbolic link is watched together with the file it points
// to. Only the named files are watched, not their directories' other
// files. The files stay watched for the life of the script, across
// reloads; each version of the script watches what it loads again.
//
// Like the other methods, call it on the script's goroutine.
func (s *Script) Watch(path string) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return
	}
	s.p.watch(abs)
	if real, err := filepath.EvalSymlinks(abs); err == nil && real != abs {
		s.p.watch(real)
	}
}
