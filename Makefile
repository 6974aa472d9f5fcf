# The two set-up commands a newcomer needs: `make example` and `make test`.
GO ?= go

.PHONY: example test test-corpus check bench install

## example: generate the models, validators, server and client of the bundled example spec (specs/store) into examples/store/api
example:
	$(GO) run ./cmd/oasgen generate

## test: run the tests, without the heavy ones (about two minutes on 2 cores)
test:
	$(GO) test -short -timeout 600s ./...

## test-corpus: every test, the heavy ones too: compiling the generated Medusa code (needs ../shared beside the repo), the differential and random specs, the kill tests (what CI runs after make test)
test-corpus:
	$(GO) test -timeout 1500s ./...

## check: fail when the committed generated example is stale (what CI runs)
check:
	$(GO) run ./cmd/oasgen generate --check

## install: put the oasgen binary in $(shell go env GOPATH)/bin
install:
	$(GO) install ./cmd/oasgen

## bench: time oasgen against oapi-codegen and ogen (generation), then oasgen validate against Redocly CLI (linting), on specs/store and the Medusa specs
bench:
	cd bench && $(GO) run ./cmd/genbench $(BENCHFLAGS)
	cd bench && $(GO) run ./cmd/genbench -mode lint -runs 5 -peer-runs 3 $(BENCHFLAGS)

## bench-validate: decode + validate benchmark (oasgen vs kin-openapi vs ogen on Medusa's Cart), with benchstat and ratios
.PHONY: bench-validate
bench-validate:
	cd bench && ./bench-validate.sh

## contract: contract-test examples/store through a Prism proxy with the bundled spec, and the generated clients of specs/store and medusa-v2/store against Prism mocks (needs Node.js >= 20.19 and npm; installs Prism and Redocly CLI into examples/store/.contract on first run; not in CI)
.PHONY: contract
contract:
	./examples/store/contract.sh

## bench-server: server benchmark (POST /store/carts/{id}/line-items through oasgen, oapi-codegen + kin-openapi validator, ogen), with benchstat and ratios
.PHONY: bench-server
bench-server:
	cd bench && ./bench-server.sh

## bench-client: client benchmark (one call of POST /store/carts/{id}/line-items through the oasgen, ogen and oapi-codegen clients against a canned RoundTripper), with benchstat and ratios
.PHONY: bench-client
bench-client:
	cd bench && ./bench-client.sh
