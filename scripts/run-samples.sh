#!/usr/bin/env bash
# Quick start, step 1: install what is needed, start Azurite on free ports, poll the sample feeds once and
# write the digests to out/mail/. Azurite is stopped again on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/azurite.sh
start_azurite
rm -rf out/mail
dotnet build src/RelationsAlerts.App -c Release --nologo -v quiet -clp:ErrorsOnly
Mail__OutputDirectory="$PWD/out/mail" dotnet run --project src/RelationsAlerts.App -c Release --no-build -- run --once --samples "$PWD/samples"
echo "Digest emails:"; ls -1 out/mail
