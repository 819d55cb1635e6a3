#!/usr/bin/env bash
# Runs the whole stack locally with the embedded defaults: the project's own Kafka broker, then the
# gateway, webhook-ingest and normalizer, with the demo connections in config/connections.demo.json.
# Ctrl-C stops the apps (the broker keeps running; `npm run kafka:stop` stops it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

[[ -d node_modules ]] || npm ci
bash scripts/kafka.sh start
npm run --silent build

export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}"
mkdir -p .data/logs
pids=()
start_app() { # name entry
  node "dist/apps/$1/src/main.js" > >(tee ".data/logs/$1.log") 2>&1 &
  pids+=($!)
}
trap 'kill "${pids[@]}" 2>/dev/null; wait; echo "stack stopped"' EXIT INT TERM

start_app gateway
start_app webhook-ingest
start_app normalizer

cat <<INFO

  gateway         http://127.0.0.1:${GATEWAY_PORT:-3000}   (health: /health, API docs: /docs)
  webhook-ingest  http://127.0.0.1:${INGEST_PORT:-3001}/webhooks/{connectionId}
  normalizer      consuming ticketing.raw-webhooks.v1 → ticketing.tickets.v1, ticketing.comments.v1
  kafka           ${KAFKA_BROKERS}   (logs: .data/logs, broker: bash scripts/kafka.sh logs)

  Try it: bash scripts/send-sample-webhook.sh   and watch: npm run consume

INFO
wait
