#!/usr/bin/env bash
# gen.sh regenerates the two generated packages that the decode + validate
# benchmark (./decodevalidate) compares, from testdata/cart-spec/openapi.yaml:
#
#   internal/oasgencart  oasgen, built from this checkout (../cmd/oasgen)
#   internal/ogencart    ogen v1.24.0 (the version bench/go.mod requires)
#
# The output is committed, so `go test -bench` needs neither tool. Run this
# after changing oasgen's generator or templates, or the spec:
#
#   cd bench && ./gen.sh           # regenerate
#   cd bench && ./gen.sh --check   # write nothing; exit 1 when the committed code is stale
#
# Needs ../../shared/corpus/medusa-v1 (the spec's Cart $ref points into it).
set -euo pipefail
cd "$(dirname "$0")"
bin="$PWD/.bin"
mkdir -p "$bin"

check=false
case "${1:-}" in
--check) check=true ;;
"") ;;
*)
	echo "usage: $0 [--check]" >&2
	exit 2
	;;
esac

OGEN_VERSION=v1.24.0
spec=testdata/cart-spec/openapi.yaml
if [ ! -d ../../shared/corpus/medusa-v1 ]; then
	echo "gen.sh: ../../shared/corpus/medusa-v1 is missing; the Cart spec refers into it" >&2
	exit 2
fi

# oasgen: the current tree. Run from bench/ so the "generated from" comments
# hold the same relative paths on every machine. No oasgen.yaml is read
# (bench/ has none); every setting is a flag.
(cd .. && go build -o "$bin/oasgen" ./cmd/oasgen)
oasgen_flags=(generate "$spec" -o internal/oasgencart -p oasgencart --generate models,validate --allow-outside-root)
status=0
if $check; then
	"$bin/oasgen" "${oasgen_flags[@]}" --check 2>/dev/null || status=1
else
	# The 4 example-type warnings are Medusa's (a number as a string's example).
	"$bin/oasgen" "${oasgen_flags[@]}"
fi

# ogen: reuse bench/.bin/ogen (installed by cmd/genbench) when it is the
# right version, else install it there.
if ! go version -m "$bin/ogen" 2>/dev/null | grep -q "mod[[:space:]]*github.com/ogen-go/ogen[[:space:]]*$OGEN_VERSION"; then
	GOBIN="$bin" go install "github.com/ogen-go/ogen/cmd/ogen@$OGEN_VERSION"
fi
target=internal/ogencart
if $check; then
	target=$(mktemp -d)
	trap 'rm -rf "$target"' EXIT
fi
if ! out=$("$bin/ogen" --config ogen.yml --target "$target" --package ogencart --clean "$spec" 2>&1); then
	printf '%s\n' "$out" >&2
	exit 1
fi
# ogen logs one INFO line: convenient errors are not available (no default response).
printf '%s\n' "$out" | grep -v 'INFO' || true
if $check; then
	if ! diff -r -q "$target" internal/ogencart; then
		echo "gen.sh: internal/ogencart is stale" >&2
		status=1
	fi
	if [ $status -ne 0 ]; then
		echo "gen.sh: generated code is stale; run ./gen.sh" >&2
	fi
	exit $status
fi
echo "gen.sh: regenerated internal/oasgencart and internal/ogencart"
