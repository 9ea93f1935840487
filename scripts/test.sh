#!/usr/bin/env bash
# Quick start, step 2: the whole test suite. Installs Azurite from the repo's npm manifest when missing; the tests
# start their own emulators on free ports. Prints "N passed, N failed" last; extra arguments go to dotnet test.
set -uo pipefail
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/azurite ]; then
  npm ci --no-audit --no-fund --loglevel=error || { echo "npm ci failed"; echo "0 passed, 1 failed"; exit 1; }
fi
rm -rf TestResults
dotnet test RelationsAlerts.sln --nologo --logger "trx" --logger "console;verbosity=minimal" --results-directory TestResults "$@"
status=$?
passed=0; failed=0
for trx in TestResults/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi  # a build or runner failure counts as a failure
echo "$passed passed, $failed failed"
exit "$status"
