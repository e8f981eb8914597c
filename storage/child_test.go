package storage

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// startChild re-executes the test binary in a child mode (see TestMain)
// on the session at path. It returns the command, its stdin and a channel
// of its output lines, closed when the child's stdout closes.
func startChild(t *testing.T, mode, path string) (*exec.Cmd, io.WriteCloser, <-chan string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+mode, childPath+"="+path)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 1024)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	return cmd, stdin, lines
}

func waitLine(t *testing.T, lines <-chan string, want string) {
	t.Helper()
	timeout := time.After(30 * time.Second)
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("child exited before printing %q", want)
			}
			if l == want {
				return
			}
		case <-timeout:
			t.Fatalf("child did not print %q", want)
		}
	}
}

// childHold opens the session, says "ready" and holds it until stdin
// closes.
func childHold(path string) {
	s, err := Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(3)
	}
	fmt.Println("ready")
	io.Copy(io.Discard, os.Stdin)
	if err := s.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(4)
	}
	os.Exit(0)
}

func TestInUse(t *testing.T) {
	path := sessionPath(t)

	// A second Open in the same process.
	s := mustOpen(t, path)
	_, err := Open(path)
	var iu *InUseError
	if !errors.As(err, &iu) || iu.PID != os.Getpid() || iu.Path != path {
		t.Fatalf("second Open: %v", err)
	}
	s.Close()

	// Another process.
	cmd, stdin, lines := startChild(t, "hold", path)
	waitLine(t, lines, "ready")
	_, err = Open(path)
	if !errors.As(err, &iu) || iu.PID != cmd.Process.Pid {
		t.Fatalf("Open while a child holds the session: %v", err)
	}
	want := fmt.Sprintf("session %s in use (pid %d)", path, cmd.Process.Pid)
	if !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not say %q", err, want)
	}
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("child: %v", err)
	}
	s = mustOpen(t, path) // released by Close
	s.Close()

	// A holder killed outright releases the session too.
	cmd, _, lines = startChild(t, "hold", path)
	waitLine(t, lines, "ready")
	if _, err := Open(path); !errors.As(err, &iu) {
		t.Fatalf("Open while a child holds the session: %v", err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	s = mustOpen(t, path)
	s.Close()
}

// The crash test's session: crashPeers peers in crashBlocks blocks; save
// i rewrites block i%crashBlocks and a few keys. State i is a function of
// i alone (crashVerify), so a loaded session shows which save it holds
// and whether it holds all of that save and nothing of the next.
const (
	crashPeers  = 2000
	crashBlocks = crashPeers / 100
	crashKeys   = 50
	crashChats  = 5
)

// crashPeer is peer id as of save j.
func crashPeer(id int64, j int) Peer {
	return Peer{ID: id, Kind: PeerUser, AccessHash: int64(j), FirstName: fmt.Sprintf("p%d-%d", id, j),
		Usernames: []string{fmt.Sprintf("c%dx%d", id, j)}, Updated: time.Unix(int64(j+1), 0)}
}

// crashStep changes s from state i-1 to state i (or builds state 0).
func crashStep(s *Store, i int) error {
	err := s.Update(func(st *State) error {
		st.Updates.Pts = int32(i)
		st.Settings = []byte("settings " + strconv.Itoa(i))
		st.DC(2).ServerSalt = int64(i)
		return nil
	})
	if err != nil {
		return err
	}
	if i == 0 {
		for id := int64(1); id <= crashPeers; id++ {
			if err := s.Peers().Put(crashPeer(id, 0)); err != nil {
				return err
			}
		}
	} else {
		b := int64(i % crashBlocks)
		for id := b*100 + 1; id <= b*100+100; id++ {
			if err := s.Peers().Put(crashPeer(id, i)); err != nil {
				return err
			}
		}
		s.KV().Set("crash", "k"+strconv.Itoa(i%crashKeys), []byte(strconv.Itoa(i)))
		s.SecretChats().Set(int32(i%crashChats), []byte(strconv.Itoa(i)))
	}
	return s.KV().Set("crash", "i", []byte(strconv.Itoa(i)))
}

// lastSave is the last save j <= i with j%mod == r and j >= 1, or 0.
func lastSave(i, mod, r int) int {
	j := i - ((i-r)%mod+mod)%mod
	if j < 1 {
		return 0
	}
	return j
}

// crashVerify checks that s holds exactly state i.
func crashVerify(s *Store, i int) error {
	st := s.Snapshot()
	if st.Updates.Pts != int32(i) || string(st.Settings) != "settings "+strconv.Itoa(i) || st.DCs[2].ServerSalt != int64(i) {
		return fmt.Errorf("state %d: %+v", i, st)
	}
	if n := s.Peers().Len(); n != crashPeers {
		return fmt.Errorf("state %d: %d peers", i, n)
	}
	for id := int64(1); id <= crashPeers; id++ {
		want := crashPeer(id, lastSave(i, crashBlocks, int((id-1)/100)))
		got, ok := s.Peers().ByID(PeerUser, id)
		if !ok || got.AccessHash != want.AccessHash || got.FirstName != want.FirstName || got.Username() != want.Username() {
			return fmt.Errorf("state %d: peer %d = %+v, want %+v", i, id, got, want)
		}
		if p, ok := s.Peers().ByUsername(want.Username()); !ok || p.ID != id {
			return fmt.Errorf("state %d: username %s does not resolve", i, want.Username())
		}
	}
	kv := map[string]string{"i": strconv.Itoa(i)}
	for k := range crashKeys {
		if j := lastSave(i, crashKeys, k); j > 0 {
			kv["k"+strconv.Itoa(k)] = strconv.Itoa(j)
		}
	}
	keys := s.KV().Keys("crash")
	if len(keys) != len(kv) {
		return fmt.Errorf("state %d: keys %q", i, keys)
	}
	for k, want := range kv {
		if got, _ := s.KV().Get("crash", k); string(got) != want {
			return fmt.Errorf("state %d: key %s = %q, want %q", i, k, got, want)
		}
	}
	for c := range crashChats {
		got, ok := s.SecretChats().Get(int32(c))
		j := lastSave(i, crashChats, c)
		if j == 0 && ok || j > 0 && string(got) != strconv.Itoa(j) {
			return fmt.Errorf("state %d: secret chat %d = %q, %v", i, c, got, ok)
		}
	}
	return nil
}

// crashCompactMin makes the crash child rewrite its file every ~20 saves.
const crashCompactMin = 32 << 10

// childCrash saves changing states in a loop, printing "saved i" after
// save i returns, until killed.
func childCrash(path string) {
	fail := func(err error) {
		fmt.Fprintln(os.Stderr, "crash child:", err)
		os.Exit(3)
	}
	f, err := OpenFile(path, FileOptions{CompactMin: crashCompactMin})
	if err != nil {
		fail(err)
	}
	s, err := New(f)
	if err != nil {
		fail(err)
	}
	i := 0
	if s.Peers().Len() == 0 {
		if err := crashStep(s, 0); err != nil {
			fail(err)
		}
		if err := s.Save(); err != nil {
			fail(err)
		}
		fmt.Println("saved 0")
	} else {
		i = int(s.Snapshot().Updates.Pts)
	}
	fmt.Println("ready")
	for {
		i++
		if err := crashStep(s, i); err != nil {
			fail(err)
		}
		if err := s.Save(); err != nil {
			fail(err)
		}
		fmt.Printf("saved %d\n", i)
	}
}

// TestCrashSafety kills a child process with SIGKILL at random moments of
// its save loop, 200 times (20 with -short), and checks after each kill
// that the session loads and holds exactly the last state whose save
// returned, or the one after it (killed after the save, before saying so).
func TestCrashSafety(t *testing.T) {
	reps := 200
	if testing.Short() {
		reps = 20
	}
	path := sessionPath(t)
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	var (
		lastKnown = -1 // the last state seen saved
		temps     int  // kills that left a temporary file: inside a rewrite
		beforeUse int  // kills before the child was ready
		saves     int
	)
	start := time.Now()
	for rep := range reps {
		cmd, _, lines := startChild(t, "crash", path)
		early := rng.IntN(10) == 0 // kill while the child opens the session
		var mu sync.Mutex
		last := -1
		ready := make(chan struct{})
		done := make(chan struct{})
		go func() {
			defer close(done)
			readyClosed := false
			for l := range lines {
				if l == "ready" && !readyClosed {
					close(ready)
					readyClosed = true
				}
				if n, ok := strings.CutPrefix(l, "saved "); ok {
					v, _ := strconv.Atoi(n)
					mu.Lock()
					last = v
					saves++
					mu.Unlock()
				}
			}
			if !readyClosed {
				close(ready)
			}
		}()
		if early {
			beforeUse++
		} else {
			<-ready
		}
		time.Sleep(time.Duration(rng.IntN(31)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		<-done
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
			t.Fatalf("rep %d: child ended by itself: %v", rep, err)
		}
		mu.Lock()
		saved := last
		mu.Unlock()
		if saved >= 0 {
			lastKnown = saved
		}
		if matches, _ := filepath.Glob(path + tempSuffix + "*"); len(matches) > 0 {
			temps++
		}

		s, err := Open(path)
		if err != nil {
			t.Fatalf("rep %d: Open after kill -9: %v", rep, err)
		}
		if s.Recovered() != nil {
			t.Errorf("rep %d: recovered: %v", rep, s.Recovered())
		}
		switch {
		case s.Peers().Len() == 0:
			if lastKnown >= 0 {
				t.Fatalf("rep %d: session empty after save %d returned", rep, lastKnown)
			}
		default:
			got := int(s.Snapshot().Updates.Pts)
			if got != lastKnown && got != lastKnown+1 {
				t.Fatalf("rep %d: loaded state %d; the last save that returned was %d", rep, got, lastKnown)
			}
			if err := crashVerify(s, got); err != nil {
				t.Fatalf("rep %d: %v", rep, err)
			}
			lastKnown = got
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d kills in %v: %d saves returned, %d kills before the child was ready, %d inside a rewrite (temporary file left)",
		reps, time.Since(start).Round(time.Millisecond), saves, beforeUse, temps)
}
