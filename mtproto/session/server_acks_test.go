package session

import (
	"testing"
	"time"
)

// answersHeld returns how many answers the server sessions keep.
func answersHeld(srv *Server) int {
	n := 0
	for _, ss := range srv.Sessions() {
		ss.mu.Lock()
		n += len(ss.answers)
		ss.mu.Unlock()
	}
	return n
}

func TestServerForgetsAcknowledgedAnswers(t *testing.T) {
	env := startServer(t)
	s := env.session(t, nil)
	for i := int64(0); i < 50; i++ {
		invokeN(t, s, i)
	}
	// The client acknowledges answers within ackDelay, with its next
	// message at the latest.
	deadline := time.Now().Add(5 * time.Second)
	for answersHeld(env.srv) > 1 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if n := answersHeld(env.srv); n > 1 {
		t.Fatalf("the server still holds %d answers the client acknowledged", n)
	}
}
