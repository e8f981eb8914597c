# luagram — build, generate, test. Run `make help` for the targets.
GO        ?= go
FUZZTIME  ?= 30s
BENCHTIME ?= 1s
# Where the TL schemas live (never copied into the repository).
export LUAGRAM_SPEC ?= $(abspath ../shared/spec)

.PHONY: help build generate check-generated test test-short interop bench fuzz example vet

help:
	@echo "make example          run the echo bot against a local sandbox (EXAMPLE=lua/examples/keyboard.lua ...)"
	@echo "make test             run every test, interop with gotd/td included"
	@echo "make build            build bin/luagram"
	@echo "make generate         regenerate tl/mt, tl/api, tl/e2e from \$$LUAGRAM_SPEC"
	@echo "make check-generated  regenerate and fail if the committed code differs"
	@echo "make bench            benchmarks, with baselines measured in the same run"
	@echo "make fuzz             run every fuzz target for FUZZTIME each (default $(FUZZTIME))"
	@echo "make interop          the interop tests against gotd/td only"

build:
	$(GO) build -o bin/luagram ./cmd/luagram

generate:
	$(GO) generate ./tl/mt ./tl/api ./tl/e2e ./bindings ./apidoc ./tdconv

check-generated: generate
	git diff --exit-code -- tl/ bindings/ apidoc/ || (echo "generated code is stale: run make generate and commit" && exit 1)

vet:
	$(GO) vet ./...

test: vet
	$(GO) test ./...
	cd interop && $(GO) test ./...

test-short:
	$(GO) test -short ./...

interop:
	cd interop && $(GO) test -v ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) ./tl/... ./mtproto/...
	cd interop && $(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) ./...

# Every FuzzX function of every package, one after the other.
fuzz:
	@for pkg in $$($(GO) list ./...); do \
		dir=$$($(GO) list -f '{{.Dir}}' $$pkg); \
		for f in $$(grep -ho '^func Fuzz[A-Za-z0-9_]*' $$dir/*_test.go 2>/dev/null | sed 's/func //'); do \
			echo "== $$pkg $$f"; \
			$(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
		done; \
	done

# The echo bot against an embedded sandbox, with a simulated user talking
# to it; Ctrl-C stops it. EXAMPLE=lua/examples/keyboard.lua for another.
EXAMPLE ?= lua/examples/echo.lua
example:
	$(GO) run ./cmd/luagram run --sandbox $(EXAMPLE)
