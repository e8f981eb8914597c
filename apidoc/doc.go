// Package apidoc is the reference documentation of every Telegram API
// method and constructor as luagram exposes them: parameters, types,
// results, a Lua call example, and the errors the sandbox can answer —
// what `luagram docs` prints and writes.
//
// The data is generated: reference_gen.go by tlgen from the schema, and
// sandbox_errors_gen.go by cmd/sandboxerrors from the sandbox's source.
package apidoc

//go:generate go run ../tl/tlgen/cmd/tlgen -schema telegram_api.tl -pkg apidoc -doc -layer 228
//go:generate go run ./cmd/sandboxerrors -out sandbox_errors_gen.go ../sandbox
