#!/usr/bin/env bash
# Story-assignment benchmark: files 25k, 50k and 100k generated reports (then 1,000 new ones each time) through
# StoryAssigner with the in-memory story store, Release build. Prints seconds and µs per report for the stored history
# and for the new reports, new reports per second, and the number of stories; flat µs/item across sizes = linear time.
# Arguments: [itemsPerDay=100] [sizes=25000,50000,100000]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$here/RelationsAlerts.StoryBench/RelationsAlerts.StoryBench.csproj"

dotnet build -c Release "$project" -nologo -v quiet
dotnet run -c Release --no-build --project "$project" -- "$@"
