#!/usr/bin/env bash
# Keyword-matching benchmark: SectorTagger (one-pass Aho-Corasick) vs one compiled Regex per keyword, over ~1 MB of
# synthetic English/Russian/Urdu news with DefaultTopics. Release build, BenchmarkDotNet short job.
# Prints "automaton MB/s X", "baseline MB/s Y", "ratio Z" (plus scan-only and normalize-only breakdown lines) at the end.
# Extra arguments go to BenchmarkDotNet (e.g. --filter '*Automaton*').
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$here/RelationsAlerts.Benchmarks/RelationsAlerts.Benchmarks.csproj"
# Under bin/ so the reports stay out of version control.
artifacts="$here/RelationsAlerts.Benchmarks/bin/BenchmarkDotNet.Artifacts"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

dotnet build -c Release "$project" -nologo -v quiet
if [ "$#" -eq 0 ]; then set -- --filter '*'; fi
dotnet run -c Release --no-build --project "$project" -- --job short --artifacts "$artifacts" "$@" | tee "$log"

echo
echo "== keyword benchmark =="
grep -E '^(corpus:|automaton MB/s|baseline MB/s|ratio|automaton scan-only MB/s|normalize-only MB/s)' "$log"
