#!/usr/bin/env bash
# The README's test command: unit tests, then the cross-app tests against a real Kafka broker.
# The e2e harness uses KAFKA_BROKERS when set, else testcontainers when a container runtime answers,
# else it starts the project's local broker (scripts/kafka.sh) by itself.
# Ends with one summary line, "tests: N passed, N failed", counted over both runs.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mkdir -p .data/test-results
rm -f .data/test-results/*.json

npx jest --selectProjects unit --json --outputFile=.data/test-results/unit.json "$@"
unit=$?
npx jest --selectProjects e2e --runInBand --json --outputFile=.data/test-results/e2e.json "$@"
e2e=$?

node -e '
  const fs = require("fs");
  let passed = 0, failed = 0;
  for (const f of ["unit", "e2e"]) {
    const file = `.data/test-results/${f}.json`;
    if (!fs.existsSync(file)) { failed += 1; console.log(`${f}: no results (the run did not complete)`); continue; }
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
  }
  console.log(`tests: ${passed} passed, ${failed} failed`);
'
[[ $unit -eq 0 && $e2e -eq 0 ]]
