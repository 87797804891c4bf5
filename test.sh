#!/usr/bin/env bash
# Runs every test of Mosaic on a fresh machine: restores, builds, runs the unit, service, gateway,
# CLI, architecture and end-to-end tests, and ends with one line: "tests: N passed, N failed".
# Needs only the .NET 10 SDK for the embedded profile; the production profile's tests also need
# PostgreSQL and RabbitMQ (apt-get install -y postgresql rabbitmq-server) and skip, saying so, without them.
set -uo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is missing: install it (https://dotnet.microsoft.com/download) and run ./test.sh again."
  exit 1
fi

results="$(mktemp -d -t mosaic-tests-XXXXXX)"
servers_started=0
finish() {
  if [ "$servers_started" -eq 1 ]; then
    servers_started=0
    ./mosaic servers stop --environment test || echo "The private servers of 'test' did not stop: run ./mosaic servers stop --environment test."
  fi
  rm -rf "$results"
}
trap finish EXIT

# In CI a production test without its servers fails instead of skipping.
if [ "${CI:-}" = "true" ]; then export MOSAIC_REQUIRE_PRODUCTION=1; fi

# The production profile's tests reach PostgreSQL and RabbitMQ through MOSAIC_TEST_POSTGRES and
# MOSAIC_TEST_RABBITMQ. Unless both are set already, private servers are started for an environment
# named 'test' (data under .mosaic/test/servers), on ports clear of a developer's
# `./mosaic up --profile production`, and stopped when the run ends, however it ends.
if [ -n "${MOSAIC_TEST_POSTGRES:-}" ] && [ -n "${MOSAIC_TEST_RABBITMQ:-}" ]; then
  echo "Production tests: using the servers MOSAIC_TEST_POSTGRES and MOSAIC_TEST_RABBITMQ name."
elif ./mosaic servers start --environment test --postgres-port 57432 --rabbitmq-port 57672; then
  servers_started=1
  eval "$(./mosaic servers env --environment test)"
else
  echo "Production tests: no PostgreSQL and RabbitMQ servers (see above), so they $([ "${MOSAIC_REQUIRE_PRODUCTION:-}" = 1 ] && echo fail || echo skip)."
  servers_started=1 # whichever of the two did start is stopped at the end
fi

# One test process per project, at most two at a time (this is sized for a 2-core machine); a test
# that hangs is stopped with a dump after five minutes instead of holding the run forever.
timeout 40m dotnet test Mosaic.slnx \
  --nologo \
  --logger "trx;LogFilePrefix=mosaic" \
  --logger "console;verbosity=normal" \
  --results-directory "$results" \
  --blame-hang-timeout 5m \
  -maxcpucount:2 \
  "$@"
status=$?

# The services' own tests once more, on PostgreSQL: each in-process service on a fresh database of its
# own, so a query or migration that works only on SQLite fails here. (The first pass ran them on SQLite.)
# A run narrowed with dotnet test options (./test.sh --filter ...) leaves this pass out.
if [ "$#" -gt 0 ]; then
  :
elif [ -n "${MOSAIC_TEST_POSTGRES:-}" ]; then
  echo "Service tests again, on PostgreSQL:"
  MOSAIC_TEST_DATABASE=postgresql timeout 20m dotnet test Mosaic.slnx \
    --no-build \
    --nologo \
    --filter "FullyQualifiedName~Mosaic.Identity.Tests|FullyQualifiedName~Mosaic.Catalog.Tests|FullyQualifiedName~Mosaic.Orders.Tests|FullyQualifiedName~Mosaic.Payments.Tests|FullyQualifiedName~Mosaic.PaymentProvider.Tests|FullyQualifiedName~Mosaic.Platform.Tests.Messaging.OutboxInboxTests" \
    --logger "trx;LogFilePrefix=mosaic-postgresql" \
    --logger "console;verbosity=minimal" \
    --results-directory "$results" \
    --blame-hang-timeout 5m \
    -maxcpucount:2
  postgres_status=$?
  [ "$status" -eq 0 ] && status=$postgres_status
elif [ "${MOSAIC_REQUIRE_PRODUCTION:-}" = 1 ]; then
  echo "The service tests cannot run on PostgreSQL: MOSAIC_TEST_POSTGRES is not set (see above)."
  status=1
fi

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx")"
  total=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  executed=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + total - executed))
  # The failed tests are named again here, near the summary, so that the end of a long log says which.
  grep -o '<UnitTestResult [^>]*outcome="Failed"[^>]*>' "$trx" \
    | sed -n 's/.* testName="\([^"]*\)".*/failed: \1/p' \
    | sed 's/&quot;/"/g; s/&amp;/\&/g; s/&lt;/</g; s/&gt;/>/g'
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $status without a failed test: the build or a test host failed (see above)."
  failed=1
fi

# The servers stop before the summary, so that the summary is the run's last line.
finish
if [ "$skipped" -gt 0 ]; then
  echo "tests: $passed passed, $failed failed, $skipped skipped"
else
  echo "tests: $passed passed, $failed failed"
fi
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
