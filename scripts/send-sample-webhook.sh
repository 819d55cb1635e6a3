#!/usr/bin/env bash
# Sends GitHub's official "issues opened" example to the local webhook-ingest, signed the way GitHub
# signs (X-Hub-Signature-256 = HMAC-SHA256 of the raw body with the connection's webhook secret).
#   bash scripts/send-sample-webhook.sh [event-file.json] [x-github-event]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
INGEST_URL="${INGEST_URL:-http://127.0.0.1:${INGEST_PORT:-3001}}"
if [[ -z "${CONNECTION_ID:-}" && -f .data/demo.env ]]; then
  # shellcheck disable=SC1091
  source .data/demo.env
  CONNECTION_ID="${DEMO_GITHUB_CONNECTION:-}"
fi
[[ -n "${CONNECTION_ID:-}" ]] || { echo "start the stack first (npm start) or set CONNECTION_ID" >&2; exit 1; }
SECRET="${WEBHOOK_SECRET:-demo-github-webhook-secret}"
EVENT="${2:-issues}"
BODY_FILE="${1:-}"
if [[ -z "$BODY_FILE" ]]; then
  BODY_FILE="$(mktemp)"
  node -e "const i=require('@octokit/webhooks-examples/api.github.com/index.json');
    process.stdout.write(JSON.stringify(i.find(e=>e.name==='issues').examples.find(x=>x.action==='opened')))" >"$BODY_FILE"
fi
SIGNATURE="sha256=$(openssl dgst -sha256 -hmac "$SECRET" -hex <"$BODY_FILE" | awk '{print $NF}')"
set -x
curl -sS -i -X POST "$INGEST_URL/webhooks/$CONNECTION_ID" \
  -H 'content-type: application/json' \
  -H "x-github-event: $EVENT" \
  -H "x-github-delivery: $(cat /proc/sys/kernel/random/uuid)" \
  -H "x-hub-signature-256: $SIGNATURE" \
  --data-binary "@$BODY_FILE"
