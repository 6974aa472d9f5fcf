#!/usr/bin/env bash
# bench-server.sh runs the server benchmark (./server: oasgen vs
# oapi-codegen + kin-openapi validator vs ogen on
# POST /store/carts/{id}/line-items of specs/store) and prints benchstat's
# summary and the ratios contender ÷ oasgen. `make bench-server` runs it.
#
#   ./bench-server.sh            # -count 6
#   COUNT=10 ./bench-server.sh   # more runs
#
# The raw `go test` output is kept in .bin/bench-server.txt (or $OUT).
set -euo pipefail
cd "$(dirname "$0")"

BENCHSTAT=golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da
count=${COUNT:-6}
out=${OUT:-.bin/bench-server.txt}
mkdir -p "$(dirname "$out")"

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?') ($(nproc 2>/dev/null || echo '?') CPUs)" >&2
go test -run XXX -bench BenchmarkServer -benchmem -count "$count" ./server | tee "$out"

echo
echo "== benchstat $out"
go run "$BENCHSTAT" -col /name "$out"

echo
echo "== ratios (median of $count runs; contender ÷ oasgen, above 1 means oasgen is faster)"
go run ./cmd/benchratio "$out" | sed '/^targets of the validators issue/,$d'
