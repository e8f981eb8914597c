package api_test

import (
	"testing"

	"github.com/luagram/luagram/internal/tltest"
	"github.com/luagram/luagram/tl/api"
)

// TestRoundTrip is the property test: every constructor and function, filled
// with random values, survives encoding and decoding bit for bit.
func TestRoundTrip(t *testing.T) {
	tltest.RoundTripAll(t, api.Types, 5)
}
