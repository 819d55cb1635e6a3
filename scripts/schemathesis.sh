#!/usr/bin/env bash
# The OpenAPI contract checked against the running gateway: Schemathesis (a pinned version from PyPI, in a
# virtual environment this script makes) runs every check over /openapi.json with a fixed seed and a bounded
# number of examples, against a gateway and the demo emulators started here on free ports with a fresh SQLite
# store. Exits non-zero when Schemathesis finds any failure. Needs the build (npm run build) and Kafka.
# Usage: bash scripts/schemathesis.sh [extra `st run` options]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

SCHEMATHESIS_VERSION="4.32.5"
VENV=".data/schemathesis-venv"
# The built apps (npm run build), or another build given as DIST.
DIST="${DIST:-dist}"
# The demo providers whose connections the run uses: each unified resource is called through the one
# that supports the most of its operations (scripts/schemathesis-config.ts).
PROVIDERS="zendesk,jira,github,trello,clickup,freshservice"
SEED="${SCHEMATHESIS_SEED:-16}"
MAX_EXAMPLES="${SCHEMATHESIS_MAX_EXAMPLES:-10}"

if [[ "$("$VENV/bin/st" --version 2>/dev/null)" != *"$SCHEMATHESIS_VERSION"* ]]; then
  echo "::: installing schemathesis $SCHEMATHESIS_VERSION in $VENV"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi
[[ -f "$DIST"/apps/gateway/src/main.js && -f "$DIST"/scripts/schemathesis-config.js ]] || npm run --silent build

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# The emulators sit at their fixed demo ports plus one offset: the first offset whose whole block is free,
# below the kernel's ephemeral range.
emulator_offset() {
  python3 - <<'EOF'
import socket
def free(port):
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port)); return True
    except OSError:
        return False
    finally:
        s.close()
for offset in range(10000, 28000, 500):
    if all(free(4100 + offset + i) for i in range(0, 40)):
        print(offset); break
else:
    raise SystemExit("no free block of emulator ports")
EOF
}

work="$(mktemp -d)"
logs="$PWD/.data/test-results/schemathesis"
mkdir -p "$logs"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

gateway_port="$(free_port)"
export STORE_DRIVER=sqlite SQLITE_PATH="$work/store.sqlite" LOG_LEVEL=warn
export ENCRYPTION_KEYS="contract:$(openssl rand -base64 32)"
export ADMIN_API_KEY="admin-$(openssl rand -hex 24)"
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}"
export PROVIDER_BASE_URL_ALLOWLIST=127.0.0.1 PROVIDER_TIMEOUT_MS=5000
export DISPATCH_ALLOW_HTTP=true DISPATCH_ALLOWED_HOSTS=127.0.0.1,localhost
# Schemathesis sends thousands of requests a minute from one key: fair use would refuse them with 429s.
export TENANT_RATE_LIMIT_PER_SECOND=0 TENANT_MAX_CONCURRENT_REQUESTS=0
export API_KEY_RATE_LIMIT_PER_SECOND=0 API_KEY_MAX_CONCURRENT_REQUESTS=0
export WEBHOOK_CHECK_INTERVAL_SECONDS=0

GATEWAY_PORT="$gateway_port" node "$DIST"/apps/gateway/src/main.js >"$logs/gateway.log" 2>&1 &
pids+=($!)
SANDBOX_PROVIDERS="$PROVIDERS" SANDBOX_PORT_OFFSET="$(emulator_offset)" SANDBOX_DEMO_ENV="$work/demo.env" \
  SANDBOX_INGEST_URL="http://127.0.0.1:9" node "$DIST"/apps/sandbox/src/main.js >"$logs/sandbox.log" 2>&1 &
pids+=($!)
node scripts/wait-for-stack.js --timeout 120 --alive "gateway:${pids[0]}" --alive "sandbox:${pids[1]}" \
  gateway="http://127.0.0.1:$gateway_port/health/live" sandbox="$work/demo.env"

set -a
# shellcheck disable=SC1091
source "$work/demo.env"
set +a
export GATEWAY_URL="http://127.0.0.1:$gateway_port"

SCHEMATHESIS_PROVIDERS="$PROVIDERS" SCHEMATHESIS_SEED="$SEED" SCHEMATHESIS_MAX_EXAMPLES="$MAX_EXAMPLES" \
  node "$DIST"/scripts/schemathesis-config.js >"$work/schemathesis.toml"
cp "$work/schemathesis.toml" "$logs/schemathesis.toml"

echo "::: schemathesis $SCHEMATHESIS_VERSION against $GATEWAY_URL/openapi.json (seed $SEED, $MAX_EXAMPLES examples)"
# Run from the scratch folder: Schemathesis keeps its cache (.schemathesis/) in the working directory.
(cd "$work" && "$OLDPWD/$VENV/bin/st" --config-file schemathesis.toml run "$GATEWAY_URL/openapi.json" \
  --report junit --report-junit-path "$logs/junit.xml" "$@")
