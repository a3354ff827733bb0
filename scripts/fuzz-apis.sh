#!/usr/bin/env bash
# Fuzzes both APIs of a running demo server with schemathesis (PyPI):
#  - Alongside's own /api/v1, as a link worker, a clinician and a resident: no 5xx, every answer matching the
#    OpenAPI document (status codes, content types, headers, bodies), unlisted methods refused with 405;
#  - /oruk against the official Open Referral UK 3.0 OpenAPI document (the standard's, not ours): no 5xx,
#    every body matching the standard's schemas. (That document lists only 200, so a 404 for an unknown id
#    is not held against the feed.)
# Usage: scripts/fuzz-apis.sh http://127.0.0.1:8097 ../shared/data/oruk/schema/openapi.local.json OUTDIR
set -euo pipefail
base=$1 oruk_openapi=$2 out=$3
mkdir -p "$out"
examples=${FUZZ_EXAMPLES:-25}
token() {
  curl -fsS -X POST -H 'Content-Type: application/json' \
    -d "{\"email\": \"$1\", \"password\": \"alongside-demo\"}" "$base/api/v1/sessions" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])'
}
# Tokens first: the fuzzer's own wrong sign-ins would otherwise pause this address's sign-ins.
declare -A tokens
for role in link-worker clinician resident; do tokens[$role]=$(token "$role@alongside.example"); done
for role in link-worker clinician resident; do
  echo "--- /api/v1 as $role"
  schemathesis run "$base/api/v1/openapi.json" -H "Authorization: Bearer ${tokens[$role]}" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance,unsupported_method \
    -n "$examples" --seed 2026 --generation-deterministic --no-shrink --report junit --report-junit-path "$out/api-$role.xml" \
    --warnings off
done
echo "--- /oruk against the official ORUK 3.0 OpenAPI document"
schemathesis run "$oruk_openapi" --url "$base/oruk" \
  --checks not_a_server_error,content_type_conformance,response_schema_conformance \
  -n "$examples" --seed 2026 --generation-deterministic --no-shrink --report junit --report-junit-path "$out/oruk.xml" --warnings off
