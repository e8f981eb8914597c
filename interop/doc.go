// Package interop runs gotd/td (github.com/gotd/td v0.93.0), an MTProto
// implementation nobody on this project wrote, against luagram: gotd's codec
// on bytes luagram encoded, and (as the layers above land) gotd's client
// against luagram's sandbox and luagram's client against gotd's server.
//
// It is a separate module so that gotd is never a dependency of luagram
// itself. `make interop` runs it; `make test` includes it.
package interop
