#!/usr/bin/env bash
# bench-run.sh KIND runs one of the in-process benchmarks, ./server or
# ./client (Benchmark<Kind>: oasgen vs ogen vs oapi-codegen on one call of
# POST /store/carts/{id}/line-items of specs/store), and prints benchstat's
# summary and the ratios contender ÷ oasgen. bench-server.sh and
# bench-client.sh (make bench-server, make bench-client) call it.
#
#   ./bench-run.sh server            # -count 6
#   COUNT=10 ./bench-run.sh client   # more runs
#
# The raw `go test` output is kept in .bin/bench-KIND.txt (or $OUT).
set -euo pipefail
cd "$(dirname "$0")"

kind=${1:?usage: bench-run.sh server|client}
case "$kind" in
server) bench=BenchmarkServer ;;
client) bench=BenchmarkClient ;;
*) echo "bench-run.sh: unknown benchmark $kind (server or client)" >&2; exit 2 ;;
esac
BENCHSTAT=golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da
count=${COUNT:-6}
out=${OUT:-.bin/bench-$kind.txt}
mkdir -p "$(dirname "$out")"

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?') ($(nproc 2>/dev/null || echo '?') CPUs)" >&2
go test -run XXX -bench "$bench" -benchmem -count "$count" "./$kind" | tee "$out"

echo
echo "== benchstat $out"
go run "$BENCHSTAT" -col /name "$out"

echo
echo "== ratios (median of $count runs; contender ÷ oasgen, above 1 means oasgen is faster)"
go run ./cmd/benchratio "$out" | sed '/^targets of the validators issue/,$d'
