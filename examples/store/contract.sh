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
# Run with `make contract`. Needs Go, Node.js >= 20.19 and npm; the first run
# installs Prism and Redocly CLI (pinned below) into examples/store/.contract.
#
# Environment: CONTRACT_PORT (base port, default random in 20000-29999; the
# server uses it, the two Prism proxies the next two), CONTRACT_VERBOSE=1 to
# print every response body.
set -euo pipefail

PRISM_VERSION=5.14.2   # 5.15.10 and later need Node.js >= 24
REDOCLY_VERSION=2.77.0 # the version bench/ uses

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CONTRACT_DIR=$ROOT/examples/store/.contract
SPEC=$ROOT/specs/store/openapi.yaml
BIN=$CONTRACT_DIR/node_modules/.bin
cd "$ROOT"

BASE=${CONTRACT_PORT:-$((20000 + RANDOM % 10000))}
SERVER_PORT=$BASE
STRICT_PORT=$((BASE + 1))  # Prism validating requests and responses
LENIENT_PORT=$((BASE + 2)) # Prism forwarding invalid requests, validating responses
SERVER=http://127.0.0.1:$SERVER_PORT
STRICT=http://127.0.0.1:$STRICT_PORT
LENIENT=http://127.0.0.1:$LENIENT_PORT

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
# then drop x-codeSamples (documentation only) and check that no external
# $ref is left.
log "bundling ${SPEC#"$ROOT"/}"
"$BIN/redocly" bundle "$SPEC" --ext json -o "$TMP/raw.json" --force >"$TMP/redocly.log" 2>&1 ||
	{ cat "$TMP/redocly.log" >&2; die "redocly bundle failed"; }
node -e '
const fs = require("fs");
const doc = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
const external = [];
(function walk(node, path) {
	if (!node || typeof node !== "object") return;
	for (const key of Object.keys(node)) {
		if (key === "x-codeSamples") { delete node[key]; continue; }
		if (key === "$ref" && typeof node[key] === "string" && !node[key].startsWith("#")) external.push(path + ": " + node[key]);
		walk(node[key], path + "/" + key);
	}
})(doc, "#");
if (external.length) { console.error("unresolved $refs after bundling:\n  " + external.join("\n  ")); process.exit(1); }
fs.writeFileSync(process.argv[2], JSON.stringify(doc));
' "$TMP/raw.json" "$TMP/openapi.json" || die "the bundled spec still has external \$refs"

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
[ "$FAIL" -eq 0 ]
