#!/usr/bin/env bash
# Runs the whole stack locally with the embedded defaults: the project's own Kafka broker, SQLite, and
# sandbox providers (emulators of GitHub, Jira and Zendesk with demo data), then the gateway, webhook-ingest and
# normalizer. Ctrl-C stops the apps (the broker keeps running; `npm run kafka:stop` stops it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { echo "npm start: $*"; }

# A fresh clone's first run spends most of its time here, mostly in one package, with npm printing nothing.
install_dependencies() {
  local began=$SECONDS target
  target="node $(node -p 'process.versions.node + " (ABI " + process.versions.modules + "), " + process.platform + "-" + process.arch')"
  say "installing dependencies (npm ci) ..."
  say "  better-sqlite3 (the SQLite driver of the default store) needs a native module: its install script"
  say "  fetches a prebuilt one for $target from github.com; when github.com cannot be"
  say "  reached or has none for this Node, it compiles SQLite from source with node-gyp (python3, make, g++):"
  say "  about 3 minutes on 2 cores, silent meanwhile. Later runs reuse node_modules."
  npm ci --no-audit --no-fund
  if [[ -d node_modules/better-sqlite3/build/Release/obj.target ]]; then
    say "dependencies installed in $((SECONDS - began)) s (better-sqlite3 compiled from source: no prebuilt binary reached)"
  else
    say "dependencies installed in $((SECONDS - began)) s (better-sqlite3 from a prebuilt binary)"
  fi
}

[[ -d node_modules ]] || install_dependencies
bash scripts/kafka.sh start
say "compiling the apps (tsc into dist/) ..."
npm run --silent build

mkdir -p .data/logs
# Local secrets, made once per checkout and kept out of git (.data/ is ignored).
if [[ ! -f .data/dev.env ]]; then
  umask 077
  {
    echo "ADMIN_API_KEY=$(openssl rand -hex 24)"
    echo "ENCRYPTION_KEYS=dev1:$(openssl rand -base64 32)"
  } >.data/dev.env
fi
set -a
# shellcheck disable=SC1091
source .data/dev.env
set +a
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}"
# The demo connections point at the emulators on loopback.
export PROVIDER_BASE_URL_ALLOWLIST="${PROVIDER_BASE_URL_ALLOWLIST:-127.0.0.1}"
# Demo subscribers may listen on loopback over plain http (production requires https and public addresses).
export DISPATCH_ALLOW_HTTP="${DISPATCH_ALLOW_HTTP:-true}"
export DISPATCH_ALLOWED_HOSTS="${DISPATCH_ALLOWED_HOSTS:-127.0.0.1,localhost}"
# A member that dies without leaving its consumer group (kill -9, a crash) holds its partitions this long;
# a clean stop (Ctrl-C) leaves at once. Production keeps the 30 s default.
export KAFKA_SESSION_TIMEOUT_MS="${KAFKA_SESSION_TIMEOUT_MS:-10000}"
NORMALIZER_HEALTH_PORT="${NORMALIZER_HEALTH_PORT:-3002}"
DISPATCHER_HEALTH_PORT="${DISPATCHER_HEALTH_PORT:-3003}"
POLLER_HEALTH_PORT="${POLLER_HEALTH_PORT:-3005}"
GATEWAY_METRICS_PORT="${GATEWAY_METRICS_PORT:-3006}"

pids=()
alive=()
start_app() { # name [VAR=value...] [node flags...]
  local name="$1" vars=() flags=()
  shift
  for arg in "$@"; do [[ "$arg" == *=* && "$arg" != -* ]] && vars+=("$arg") || flags+=("$arg"); done
  env "${vars[@]}" node "${flags[@]}" "dist/apps/$name/src/main.js" >".data/logs/$name.log" 2>&1 &
  pids+=($!)
  alive+=(--alive "$name:$!")
}
# One SIGTERM each, then wait: the workers leave their consumer groups and finish what is in flight
# (a Ctrl-C in the terminal reaches them too; they ignore the second signal). Killed after 25 s.
stop_stack() {
  trap - EXIT INT TERM
  kill -TERM "${pids[@]}" 2>/dev/null
  for _ in $(seq 1 100); do
    kill -0 "${pids[@]}" 2>/dev/null || break
    sleep 0.25
  done
  kill -KILL "${pids[@]}" 2>/dev/null
  wait 2>/dev/null
  echo "stack stopped"
}
trap stop_stack EXIT INT TERM

rm -f .data/demo.env
# The gateway holds whole provider pages while it maps them: a larger young generation lets them die
# young instead of being copied and promoted (scavenge time per list-100 call fell by about 60 %).
start_app gateway "GATEWAY_METRICS_PORT=$GATEWAY_METRICS_PORT" --max-semi-space-size=64
start_app webhook-ingest
start_app normalizer "HEALTH_PORT=$NORMALIZER_HEALTH_PORT"
start_app dispatcher "HEALTH_PORT=$DISPATCHER_HEALTH_PORT"
start_app poller "HEALTH_PORT=$POLLER_HEALTH_PORT"
start_app sandbox

# The banner comes only when a webhook can travel the whole way: emulators → ingest → Kafka → normalizer
# → topics → dispatcher.
node scripts/wait-for-stack.js --timeout 120 "${alive[@]}" \
  gateway=http://127.0.0.1:3000/health/live \
  webhook-ingest=http://127.0.0.1:3001/health/ready \
  normalizer="http://127.0.0.1:$NORMALIZER_HEALTH_PORT/health/ready" \
  dispatcher="http://127.0.0.1:$DISPATCHER_HEALTH_PORT/health/ready" \
  poller="http://127.0.0.1:$POLLER_HEALTH_PORT/health/ready" \
  sandbox=.data/demo.env || exit 1
# shellcheck disable=SC1091
source .data/demo.env
FIRST_CONNECTION=$(awk -F= '/^DEMO_[A-Z_]*_CONNECTION=/ { print $2; exit }' .data/demo.env)

cat <<INFO

  gateway         http://127.0.0.1:3000   health /health · API docs /docs · OpenAPI /openapi.json
                  metrics http://127.0.0.1:${GATEWAY_METRICS_PORT}/metrics
  webhook-ingest  http://127.0.0.1:3001/webhooks/{connectionId}
  normalizer      ticketing.raw-webhooks.v1 → ticketing.{resource}.v1: tickets, comments, users, … (DLQ: ticketing.dlq.v1)
                  readiness http://127.0.0.1:${NORMALIZER_HEALTH_PORT}/health/ready
  dispatcher      unified topics → signed webhooks to subscribers (POST /subscriptions on the gateway)
                  readiness http://127.0.0.1:${DISPATCHER_HEALTH_PORT}/health/ready
  poller          lists what changed at providers without webhooks → unified topics (docs/polling.md)
                  readiness http://127.0.0.1:${POLLER_HEALTH_PORT}/health/ready
  sandbox         one emulator per demo provider on 127.0.0.1:41xx, one demo connection each
                  (all providers; SANDBOX_PROVIDERS=github,jira,… to run fewer)
  kafka           ${KAFKA_BROKERS}
  logs            .data/logs/*.log   secrets .data/dev.env (admin key)   demo .data/demo.env

  Demo tenant API key:   ${DEMO_API_KEY}
$(awk -F= '/^DEMO_[A-Z_]*_CONNECTION=/ { p = tolower(substr($1, 6, length($1) - 16)); printf "  %-24s %s\n", p " connection:", $2 }' .data/demo.env)

  Try:  curl -s -H "Authorization: Bearer ${DEMO_API_KEY}" \\
          "http://127.0.0.1:3000/unified/ticketing/tickets?connection_id=${FIRST_CONNECTION}&limit=3"
        npm run consume        # then create a ticket (README) or: bash scripts/send-sample-webhook.sh

INFO
wait
