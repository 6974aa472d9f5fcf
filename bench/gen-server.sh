#!/usr/bin/env bash
# gen-server.sh regenerates the three servers that the server benchmark
# (./server) compares, from specs/store:
#
#   testdata/store-bundle/openapi.yaml  specs/store bundled into one file by
#                                       Redocly CLI (oapi-codegen cannot follow
#                                       its $refs back into the root file),
#                                       x-codeSamples dropped (their files are
#                                       not in the repository)
#   internal/oasgenstore                oasgen, built from this checkout
#   internal/oapistore                  oapi-codegen v2.8.2, std-http + types, from the bundle
#   internal/ogenstore                  ogen v1.24.0 (ogen-store.yml), server only
#
# The output is committed, so `go test` needs none of the tools. Redocly is
# the one `go run ./cmd/genbench -mode lint` installs into .npm; oapi-codegen
# and ogen are the ones cmd/genbench installs into .bin.
#
#   cd bench && ./gen-server.sh
set -euo pipefail
cd "$(dirname "$0")"
bench=$PWD
bin="$bench/.bin"
mkdir -p "$bin"
spec="$bench/../specs/store/openapi.yaml"
bundle=testdata/store-bundle/openapi.yaml

# oasgen: the current tree, run from /tmp so that the repository's
# oasgen.yaml is not read.
(cd .. && go build -o "$bin/oasgen" ./cmd/oasgen)
(cd /tmp && "$bin/oasgen" generate "$spec" -o "$bench/internal/oasgenstore" -p oasgenstore)

# Redocly bundle, without x-codeSamples (unresolvable $refs).
redocly=.npm/node_modules/.bin/redocly
if [ ! -x "$redocly" ]; then
	echo "gen-server.sh: $redocly is missing; run: go run ./cmd/genbench -mode lint -tools oasgen -runs 1" >&2
	exit 2
fi
mkdir -p "$(dirname "$bundle")"
"$redocly" bundle "$spec" -o "$bundle" --ext yaml --force >/dev/null 2>&1 || true
python3 - "$bundle" <<'PY'
import sys
p = sys.argv[1]
out, skip = [], None
for l in open(p).read().split('\n'):
    ind = len(l) - len(l.lstrip())
    if skip is not None:
        if l.strip() == '' or ind > skip or (ind == skip and l.lstrip().startswith('- ')):
            continue
        skip = None
    if l.lstrip().startswith('x-codeSamples:'):
        skip = ind
        continue
    out.append(l)
open(p, 'w').write('\n'.join(out))
PY

for tool in oapi-codegen ogen; do
	if [ ! -x "$bin/$tool" ]; then
		echo "gen-server.sh: $bin/$tool is missing; run: go run ./cmd/genbench -specs specs/store -runs 1" >&2
		exit 2
	fi
done
mkdir -p internal/oapistore
"$bin/oapi-codegen" -generate std-http,types -package oapistore -o internal/oapistore/oapistore.gen.go "$bundle"
# ogen logs INFO and WARN lines (convenient errors, non-canonical header names).
"$bin/ogen" --config ogen-store.yml --target internal/ogenstore --package ogenstore --clean "$spec" 2>&1 | grep -v 'INFO\|WARN' || true
echo "gen-server.sh: regenerated $bundle, internal/oasgenstore, internal/oapistore and internal/ogenstore"
