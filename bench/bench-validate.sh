#!/usr/bin/env bash
# bench-validate.sh runs the decode + validate benchmark (./decodevalidate:
# oasgen vs kin-openapi vs ogen on Medusa's Cart) and prints benchstat's
# summary and the ratios contender ÷ oasgen. `make bench-validate` runs it.
#
#   ./bench-validate.sh                      # -count 6, every benchmark
#   COUNT=10 ./bench-validate.sh             # more runs
#   BENCH='DecodeValidate/.*/valid' ./bench-validate.sh
#
# The raw `go test` output is kept in .bin/bench-validate.txt (or $OUT),
# ready for another benchstat run, e.g. to compare two oasgen versions.
set -euo pipefail
cd "$(dirname "$0")"

BENCHSTAT=golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da
count=${COUNT:-6}
bench=${BENCH:-.}
out=${OUT:-.bin/bench-validate.txt}
mkdir -p "$(dirname "$out")"

# The benchmark measures the committed generated code; say so when it is
# older than the oasgen in this checkout.
if [ -d ../../shared/corpus/medusa-v1 ] && ! ./gen.sh --check >/dev/null 2>&1; then
	echo "note: internal/oasgencart or internal/ogencart is stale (./gen.sh --check); the numbers are for the committed code. Run ./gen.sh to measure the current oasgen." >&2
fi

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?') ($(nproc 2>/dev/null || echo '?') CPUs)" >&2
go test -run XXX -bench "$bench" -benchmem -count "$count" ./decodevalidate | tee "$out"

echo
echo "== benchstat $out"
go run "$BENCHSTAT" "$out"

echo
echo "== ratios (median of $count runs; contender ÷ oasgen, above 1 means oasgen is faster)"
go run ./cmd/benchratio "$out"
