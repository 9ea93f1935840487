#!/usr/bin/env bash
# Sourced by the run script: starts Azurite (from the repo's npm manifest) on free loopback ports with in-memory
# storage, exports Storage__ConnectionString, and stops it again when the calling script exits.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

ensure_node_tools() {
  if [ ! -x "$repo_root/node_modules/.bin/azurite" ]; then
    echo "Installing Azurite (npm ci)..."
    (cd "$repo_root" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close();});"
}

start_azurite() {
  ensure_node_tools
  local blob queue table workdir
  blob=$(free_port); queue=$(free_port); table=$(free_port)
  workdir=$(mktemp -d)
  (cd "$workdir" && exec "$repo_root/node_modules/.bin/azurite" --silent --inMemoryPersistence --disableTelemetry --skipApiVersionCheck \
    --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
    --tableHost 127.0.0.1 --tablePort "$table" >"$workdir/azurite.log" 2>&1) &
  AZURITE_PID=$!
  trap 'kill "$AZURITE_PID" 2>/dev/null || true; rm -rf "'"$workdir"'"' EXIT
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$table") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$queue") 2>/dev/null; then
      break
    fi
    sleep 0.1
  done
  # The well-known development account of the emulator (public, documented by Microsoft); not a secret.
  local key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  export Storage__ConnectionString="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
  echo "Azurite running (tables :$table, queues :$queue)"
}
