package client

import (
	"context"
	"net"
)

// fixedAddr dials one address whatever DC is asked for: an MTProxy relays
// to the DC named in the obfuscated2 header.
type fixedAddr struct{ addr string }

func (f fixedAddr) DialContext(ctx context.Context, network, _ string) (net.Conn, error) {
	var d net.Dialer
	return d.DialContext(ctx, network, f.addr)
}
