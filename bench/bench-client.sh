#!/usr/bin/env bash
# bench-client.sh runs the client benchmark (./client: oasgen vs ogen vs
# oapi-codegen ClientWithResponses against a canned in-memory RoundTripper);
# `make bench-client` runs it. See bench-run.sh (COUNT, OUT).
exec "$(dirname "$0")/bench-run.sh" client
