package tdcli

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// redisServer returns the address of a Redis server for a test: the one
// in LUAGRAM_REDIS (what .ci/run starts), or a redis-server started on a
// Unix socket in a temporary directory; the test is skipped without
// either.
func redisServer(t testing.TB) string {
	t.Helper()
	if addr := os.Getenv("LUAGRAM_REDIS"); addr != "" {
		return addr
	}
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		t.Skip("no Redis: install redis-server or set LUAGRAM_REDIS=host:port")
	}
	dir, err := os.MkdirTemp("", "redis")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	sock := filepath.Join(dir, "redis.sock")
	cmd := exec.Command(bin, "--port", "0", "--unixsocket", sock, "--save", "", "--appendonly", "no", "--dir", dir)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	for i := 0; i < 200; i++ {
		if c, err := dialRedis("unix:" + sock); err == nil {
			c.close()
			return "unix:" + sock
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("redis-server did not start")
	return ""
}
