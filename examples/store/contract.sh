#!/usr/bin/env bash
# Contract test of examples/store against the bundled spec (specs/store), with
# Prism (https://github.com/stoplightio/prism) as a validating proxy:
#
#   curl -> prism proxy --errors -> examples/store server
#
# With --errors, Prism answers with its own 500 (and an sl-violations header)
# when our server's response breaks the spec, and with a 422 when the request
# does. The script drives a short flow and fails (exit 1) when a response
# carries any violation or its status is not the expected one.
#
# Then the generated client against servers nobody here wrote: Prism mocks
# of specs/store and of medusa-v2/store (../shared/corpus; its client is
# generated into a temporary module), each in static mode (the spec's
# examples) and in dynamic mode (-d: random data the schemas allow, with a
# fixed seed). examples/store/prismcheck calls every operation of the client,
# once for the default success and once per declared status (Prefer:
# code=N), with parameters and bodies Prism's request validation accepts,
# and decodes and validates (WithValidatedResponses) every response. A
# failure fails the script unless prismcheck/expected-failures.txt lists
# it, and a listed failure that passes fails it too.
#
# Run with `make contract`. Needs Go, Node.js >= 20.19 and npm; the first run
# installs Prism and Redocly CLI (pinned below) into examples/store/.contract.
#
# Environment: CONTRACT_PORT (base port, default random in 20000-29999; the
# server uses it, the two Prism proxies the next two, the four mocks the
# next four), CONTRACT_VERBOSE=1 to print every response body and every
# client call, CONTRACT_MEDUSA (default ../shared/corpus/medusa-v2/store/
# openapi.yaml; skipped, and said so, when it does not exist), CONTRACT_SEED
# (Prism's seed in dynamic mode, default oasgen: the expected failures hold
# for it).
set -euo pipefail

PRISM_VERSION=5.14.2   # 5.15.10 and later need Node.js >= 24
REDOCLY_VERSION=2.77.0 # the version bench/ uses

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CONTRACT_DIR=$ROOT/examples/store/.contract
SPEC=$ROOT/specs/store/openapi.yaml
MEDUSA=${CONTRACT_MEDUSA:-$(cd "$ROOT/.." && pwd)/shared/corpus/medusa-v2/store/openapi.yaml}
SEED=${CONTRACT_SEED:-oasgen}
BIN=$CONTRACT_DIR/node_modules/.bin
cd "$ROOT"

BASE=${CONTRACT_PORT:-$((20000 + RANDOM % 10000))}
SERVER_PORT=$BASE
STRICT_PORT=$((BASE + 1))  # Prism validating requests and responses
LENIENT_PORT=$((BASE + 2)) # Prism forwarding invalid requests, validating responses
SERVER=http://127.0.0.1:$SERVER_PORT
STRICT=http://127.0.0.1:$STRICT_PORT
LENIENT=http://127.0.0.1:$LENIENT_PORT
MOCK_PORT=$((BASE + 3)) # the mocks: store static, store dynamic, medusa static, medusa dynamic

TMP=$(mktemp -d)
PIDS=()
cleanup() {
	local pid
	for pid in "${PIDS[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	for pid in "${PIDS[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'contract: %s\n' "$*" >&2; exit 1; }

# 1. Tools, pinned, installed once into examples/store/.contract.
installed() { [ -x "$BIN/$1" ] && [ "$("$BIN/$1" --version 2>/dev/null | tail -n1)" = "$2" ]; }
if ! installed prism "$PRISM_VERSION" || ! installed redocly "$REDOCLY_VERSION"; then
	log "installing @stoplight/prism-cli@$PRISM_VERSION and @redocly/cli@$REDOCLY_VERSION into ${CONTRACT_DIR#"$ROOT"/}"
	mkdir -p "$CONTRACT_DIR"
	npm install --prefix "$CONTRACT_DIR" --save-exact --no-audit --no-fund --loglevel=error \
		"@stoplight/prism-cli@$PRISM_VERSION" "@redocly/cli@$REDOCLY_VERSION" >&2
fi

# 2. One-file spec. Prism stops at the first $ref it cannot open, and the
# x-codeSamples of the spec point at code_samples/ files that are not in the
# repo, so bundle with Redocly (--force: those refs are left as they are),
# then let bundle.cjs drop the extensions still holding external refs
# (x-codeSamples, documentation only) and the examples holding a `$ref` key,
# and check that no external $ref is left.
bundle() { # SPEC OUT.json
	log "bundling ${1#"$ROOT"/}"
	"$BIN/redocly" bundle "$1" --ext json -o "$TMP/raw.json" --force >"$TMP/redocly.log" 2>&1 ||
		{ cat "$TMP/redocly.log" >&2; die "redocly bundle $1 failed"; }
	node "$ROOT/examples/store/bundle.cjs" "$TMP/raw.json" "$1" "$2" || die "bundle.cjs $1 failed"
}
bundle "$SPEC" "$TMP/openapi.json"
if [ -f "$MEDUSA" ]; then bundle "$MEDUSA" "$TMP/medusa.json"; fi

# 3. The example server.
log "building and starting examples/store on $SERVER"
go build -o "$TMP/store" ./examples/store
"$TMP/store" -addr "127.0.0.1:$SERVER_PORT" >"$TMP/server.log" 2>&1 &
PIDS+=($!)

# 4. Two Prism proxies in front of it. The strict one also validates our
# requests, so an invalid request never reaches the server (Prism answers
# 422); the lenient one (--validate-request=false) forwards it, to check the
# server's own 400 against the spec.
log "starting prism $PRISM_VERSION proxies on $STRICT (strict) and $LENIENT (--validate-request=false)"
"$BIN/prism" proxy "$TMP/openapi.json" "$SERVER" --errors -h 127.0.0.1 -p "$STRICT_PORT" >"$TMP/prism-strict.log" 2>&1 &
PIDS+=($!)
"$BIN/prism" proxy "$TMP/openapi.json" "$SERVER" --errors --validate-request=false -h 127.0.0.1 -p "$LENIENT_PORT" >"$TMP/prism-lenient.log" 2>&1 &
PIDS+=($!)

# 4b. Prism mocks for the client check, static and dynamic, of each spec.
MOCKS=()
mock() { # NAME SPEC.json MODE
	local port=$((MOCK_PORT + ${#MOCKS[@]})) args=()
	[ "$3" = dynamic ] && args=(-d --seed "$SEED")
	"$BIN/prism" mock "$2" "${args[@]}" --errors -h 127.0.0.1 -p "$port" >"$TMP/mock-${#MOCKS[@]}.log" 2>&1 &
	PIDS+=($!)
	MOCKS+=("$1|$2|$3|$port|$TMP/mock-${#MOCKS[@]}.log")
}
log "starting prism $PRISM_VERSION mocks from port $MOCK_PORT"
mock specs/store "$TMP/openapi.json" static
mock specs/store "$TMP/openapi.json" dynamic
if [ -f "$MEDUSA" ]; then
	mock medusa-v2/store "$TMP/medusa.json" static
	mock medusa-v2/store "$TMP/medusa.json" dynamic
fi

# 4c. The check programs: examples/store/api's client, and medusa's,
# generated into a module of its own that a go.work joins to this one.
log "building prismcheck for examples/store/api"
go build -o "$TMP/check-store" ./examples/store/prismcheck/store
if [ -f "$MEDUSA" ]; then
	log "generating the client of ${MEDUSA#"$(dirname "$ROOT")"/} and building its prismcheck"
	go build -o "$TMP/oasgen" ./cmd/oasgen
	mkdir -p "$TMP/medusa"
	(cd "$TMP/medusa" && "$TMP/oasgen" generate "$MEDUSA" -o api -p api --generate client 2>"$TMP/medusa-gen.log") ||
		{ cat "$TMP/medusa-gen.log" >&2; die "oasgen generate $MEDUSA failed"; }
	printf 'module prismcheck.medusa\n\ngo 1.24\n' >"$TMP/medusa/go.mod"
	printf 'go %s\n\nuse (\n\t%s\n\t.\n)\n' "$(go list -m -f '{{.GoVersion}}')" "$ROOT" >"$TMP/medusa/go.work"
	sed 's#"github.com/oasgen/oasgen/examples/store/api"#"prismcheck.medusa/api"#' \
		examples/store/prismcheck/store/main.go >"$TMP/medusa/main.go"
	(cd "$TMP/medusa" && go build -o "$TMP/check-medusa" .)
fi

wait_for() { # name url log
	local i
	for i in $(seq 1 150); do
		if curl -s -o /dev/null "$2" 2>/dev/null; then return 0; fi
		for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null || { cat "$3" >&2; die "$1 exited"; }; done
		sleep 0.2
	done
	cat "$3" >&2
	die "$1 did not start on $2 within 30s"
}
wait_for server "$SERVER/store/carts/ping" "$TMP/server.log"
wait_for "prism (strict)" "$STRICT/store/carts/ping" "$TMP/prism-strict.log"
wait_for "prism (lenient)" "$LENIENT/store/carts/ping" "$TMP/prism-lenient.log"

# 5. The flow. check NAME EXPECTED_STATUS METHOD URL [JSON_BODY [HEADER...]]
PASS=0
FAIL=0
SUMMARY=()
N=0
check() {
	local name=$1 want=$2 method=$3 url=$4 body=${5-} args=() got violations
	shift 4; [ $# -gt 0 ] && shift
	N=$((N + 1))
	args=(-s -X "$method" -w '%{http_code}')
	if [ -n "$body" ]; then args+=(-H 'Content-Type: application/json' --data-binary "$body"); fi
	local h
	for h in "$@"; do args+=(-H "$h"); done
	got=$(curl "${args[@]}" -o "$TMP/body.$N" -D "$TMP/headers.$N" "$url") || got=000
	violations=$(tr -d '\r' <"$TMP/headers.$N" | sed -n 's/^[Ss][Ll]-[Vv]iolations: //p')
	local req="$method ${url#http://127.0.0.1:*/}${body:+ $body}"
	if [ "$got" = "$want" ] && [ -z "$violations" ]; then
		PASS=$((PASS + 1))
		SUMMARY+=("PASS  $name: $got")
		printf 'PASS  %-34s %s -> %s\n' "$name" "$req" "$got"
		if [ "${CONTRACT_VERBOSE:-}" = 1 ]; then printf '      %s\n' "$(cat "$TMP/body.$N")"; fi
	else
		FAIL=$((FAIL + 1))
		SUMMARY+=("FAIL  $name: got $got, want $want${violations:+, with sl-violations}")
		printf 'FAIL  %-34s %s -> %s, want %s\n' "$name" "$req" "$got" "$want"
		[ -n "$violations" ] && printf '      sl-violations: %s\n' "$violations"
		printf '      body: %s\n' "$(head -c 2000 "$TMP/body.$N")"
		# Prism hides what the server answered; for a safe request or an
		# expected error, send it again to the server alone to show it.
		if [ "$method" = GET ] || [ "$want" -ge 400 ]; then
			local direct
			direct=$(curl "${args[@]}" -o "$TMP/direct.$N" -D "$TMP/direct-headers.$N" "$SERVER/${url#http://127.0.0.1:*/}") || direct=000
			printf '      server alone: %s (%s) %s\n' "$direct" \
				"$(tr -d '\r' <"$TMP/direct-headers.$N" | sed -n 's/^[Cc]ontent-[Tt]ype: //p')" "$(head -c 2000 "$TMP/direct.$N")"
		fi
	fi
}
body_of() { cat "$TMP/body.$N"; }

echo
check "create a cart" 200 POST "$STRICT/store/carts" '{"region_id":"reg_eu"}'
CART=$(node -e 'try { process.stdout.write(JSON.parse(require("fs").readFileSync(0, "utf8")).cart.id) } catch (e) {}' <"$TMP/body.$N")
if [ -z "$CART" ]; then
	echo "FAIL  no cart id in the create response; the flow stops here"
	echo; echo "contract: $PASS passed, $((FAIL + 1)) failed"; exit 1
fi
check "add a line item" 201 POST "$STRICT/store/carts/$CART/line-items" \
	'{"variant_id":"variant_mug","quantity":2}' 'Idempotency-Key: 5b0e7c64-4d1f-4a3a-9a0c-2b4e5d3c1f90'
check "get the cart" 200 GET "$STRICT/store/carts/$CART"
if ! body_of | grep -q '"variant_id":"variant_mug","quantity":2'; then
	FAIL=$((FAIL + 1)); SUMMARY+=("FAIL  get the cart: the line item is missing")
	echo "FAIL  get the cart: the line item added above is not in the body"
fi
check "get a missing cart" 404 GET "$STRICT/store/carts/cart_missing"
check "prism rejects an invalid body" 422 POST "$STRICT/store/carts/$CART/line-items" '{"variant_id":"variant_mug","quantity":0}'
check "server rejects an invalid body" 400 POST "$LENIENT/store/carts/$CART/line-items" '{"variant_id":"variant_mug","quantity":0}'
check "server rejects a missing field" 400 POST "$LENIENT/store/carts/$CART/line-items" '{"quantity":1}'

echo
echo "summary (prism $PRISM_VERSION, spec ${SPEC#"$ROOT"/}):"
printf '  %s\n' "${SUMMARY[@]}"
echo "contract: $PASS passed, $FAIL failed"

# 6. The generated clients against the mocks.
echo
CHECK_FAIL=0
for m in "${MOCKS[@]}"; do
	IFS='|' read -r name spec mode port mlog <<<"$m"
	wait_for "prism mock ($name, $mode)" "http://127.0.0.1:$port/" "$mlog"
	bin=$TMP/check-store
	[ "$name" = specs/store ] || bin=$TMP/check-medusa
	"$bin" -target "$name" -mode "$mode" -spec "$spec" -url "http://127.0.0.1:$port" \
		-expected examples/store/prismcheck/expected-failures.txt $([ "${CONTRACT_VERBOSE:-}" = 1 ] && echo -v) || CHECK_FAIL=$((CHECK_FAIL + 1))
done
[ -f "$MEDUSA" ] || echo "SKIP  medusa-v2/store: no spec at $MEDUSA (set CONTRACT_MEDUSA)"
[ "$FAIL" -eq 0 ] && [ "$CHECK_FAIL" -eq 0 ]
