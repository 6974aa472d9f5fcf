#!/usr/bin/env bash
# gen-client.sh regenerates the three clients that the client benchmark
# (./client) compares, from specs/store:
#
#   internal/oasgenstore   oasgen, built from this checkout (every part: the
#                          server benchmark uses the same package)
#   internal/oapiclient    oapi-codegen v2.8.2, client + types, from the
#                          bundle gen-server.sh writes
#   internal/ogenclient    ogen v1.24.0 (ogen-store-client.yml), client only
#
# The output is committed, so `go test` needs none of the tools; they are
# the ones cmd/genbench installs into .bin.
#
#   cd bench && ./gen-client.sh
set -euo pipefail
cd "$(dirname "$0")"
bench=$PWD
bin="$bench/.bin"
spec="$bench/../specs/store/openapi.yaml"
bundle=testdata/store-bundle/openapi.yaml

(cd .. && go build -o "$bin/oasgen" ./cmd/oasgen)
(cd /tmp && "$bin/oasgen" generate "$spec" -o "$bench/internal/oasgenstore" -p oasgenstore)
for tool in oapi-codegen ogen; do
	if [ ! -x "$bin/$tool" ]; then
		echo "gen-client.sh: $bin/$tool is missing; run: go run ./cmd/genbench -specs specs/store -runs 1" >&2
		exit 2
	fi
done
mkdir -p internal/oapiclient
"$bin/oapi-codegen" -generate client,types -package oapiclient -o internal/oapiclient/oapiclient.gen.go "$bundle"
"$bin/ogen" --config ogen-store-client.yml --target internal/ogenclient --package ogenclient --clean "$spec" 2>&1 | grep -v 'INFO\|WARN' || true
echo "gen-client.sh: regenerated internal/oasgenstore, internal/oapiclient and internal/ogenclient"
