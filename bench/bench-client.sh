#!/usr/bin/env bash
# bench-client.sh runs the client benchmark (./client: oasgen vs
# ogen vs oapi-codegen ClientWithResponses on one call of
# POST /store/carts/{id}/line-items of specs/store against a canned
# in-memory RoundTripper) and prints benchstat's
# summary and the ratios contender ÷ oasgen. `make bench-client` runs it.
#
#   ./bench-client.sh            # -count 6
#   COUNT=10 ./bench-client.sh   # more runs
#
# The raw `go test` output is kept in .bin/bench-client.txt (or $OUT).
set -euo pipefail
cd "$(dirname "$0")"

BENCHSTAT=golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da
count=${COUNT:-6}
out=${OUT:-.bin/bench-client.txt}
mkdir -p "$(dirname "$out")"

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?') ($(nproc 2>/dev/null || echo '?') CPUs)" >&2
go test -run XXX -bench BenchmarkClient -benchmem -count "$count" ./client | tee "$out"

echo
echo "== benchstat $out"
go run "$BENCHSTAT" -col /name "$out"

echo
echo "== ratios (median of $count runs; contender ÷ oasgen, above 1 means oasgen is faster)"
go run ./cmd/benchratio "$out" | sed '/^targets of the validators issue/,$d'
