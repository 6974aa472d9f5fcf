#!/usr/bin/env bash
# bench-server.sh runs the server benchmark (./server: oasgen vs
# oapi-codegen + kin-openapi validator vs ogen); `make bench-server` runs it.
# See bench-run.sh (COUNT, OUT).
exec "$(dirname "$0")/bench-run.sh" server
