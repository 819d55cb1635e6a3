#!/usr/bin/env bash
# The README's test command: unit tests, then the cross-app tests against a real Kafka broker.
# The e2e harness uses KAFKA_BROKERS when set, else testcontainers when a container runtime answers,
# else it starts the project's local broker (scripts/kafka.sh) by itself.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
npx jest --selectProjects unit "$@"
npx jest --selectProjects e2e --runInBand "$@"
