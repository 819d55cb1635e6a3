#!/usr/bin/env bash
# The README's test command: unit tests, then the cross-app tests against a real Kafka broker.
# The e2e harness uses KAFKA_BROKERS when set, else testcontainers when a container runtime answers,
# else it starts the project's local broker (scripts/kafka.sh) by itself.
# The app-level suites run a second time with their stores on PostgreSQL (see below).
# Ends with one summary line, "tests: N passed, N failed", counted over all runs.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# The suites of the PostgreSQL pass. Not the store's own suites (test/store, test/dispatch/delivery-store):
# they already run on both drivers in the first pass.
POSTGRES_E2E_SUITES=(
  test/store/e2e-store-driver.e2e-spec.ts
  test/gateway/unified-api.e2e-spec.ts
  test/gateway/tenancy-and-secrets.e2e-spec.ts
  test/gateway/conditional-writes.e2e-spec.ts
  test/gateway/fields-and-batch.e2e-spec.ts
  test/dispatch/delivery.e2e-spec.ts
  test/dispatch/disabling.e2e-spec.ts
  test/dispatch/resilience.e2e-spec.ts
  test/dispatch/ssrf.e2e-spec.ts
  test/dispatch/subscriptions-api.e2e-spec.ts
  test/e2e/github-webhooks.e2e-spec.ts
  test/e2e/event-contract.e2e-spec.ts
  test/e2e/request-line-signature.e2e-spec.ts
  test/e2e/jira-dynamic-webhook-intake.e2e-spec.ts
  test/e2e/log-secrets.e2e-spec.ts
)
mkdir -p .data/test-results
rm -f .data/test-results/*.json

# Each run has a ceiling, so one that hangs fails in time instead of holding CI past its limit (a run
# cut off writes no results and counts as failed). The e2e runs exit once their results are written
# (--forceExit): a client left open by a failed test (kafkajs can keep retrying after its disconnect
# gave up) must not keep the run alive after it reported.
run_capped() {
  local minutes=$1
  shift
  timeout --kill-after=30s "${minutes}m" "$@"
}
run_capped 20 npx jest --selectProjects unit --json --outputFile=.data/test-results/unit.json "$@"
unit=$?
run_capped 45 npx jest --selectProjects e2e --runInBand --forceExit --json \
  --outputFile=.data/test-results/e2e.json "$@"
e2e=$?
# The app-level suites (gateway, dispatch, webhook pipeline) once more with every app store on
# PostgreSQL (a fresh database per store, on DATABASE_URL_TEST or the local scripts/postgres.sh),
# so both drivers are proven by the same tests (about 9 minutes on the 2-core machine).
E2E_STORE_DRIVER=postgres run_capped 25 npx jest --selectProjects e2e --runInBand --forceExit --json \
  --outputFile=.data/test-results/e2e-postgres.json "$@" -- "${POSTGRES_E2E_SUITES[@]}"
e2e_postgres=$?

node scripts/test-summary.js
[[ $unit -eq 0 && $e2e -eq 0 && $e2e_postgres -eq 0 ]]
