#!/usr/bin/env bash
# Digest benchmark: one digest run for SUBSCRIBERS (default 100,000) daily subscribers over all combinations of the 14
# sectors, with one day of news, through the real app (`handler send-digests`: ScheduleDigests, then the digest queue
# until empty) and the real SendGrid client, against Azurite and a loopback SendGrid stub (bench/RelationsAlerts.DigestBench).
#
#   bench/digest-bench.sh                 # 100,000 subscribers
#   SUBSCRIBERS=20000 bench/digest-bench.sh
#
# Prints the seeding summary, the app's own summary, then
#   wall S s
#   requests N minimum M recipients/s R peak-mb P
# N: requests the stub accepted; M: the minimum possible (identical rendered digests grouped, ceil(n/1000) per group,
# computed by the seeder independently of the app's planner); R: recipients per second over the whole send-digests
# process (start-up included); P: the app process's peak resident memory (VmHWM). Also prints digests the stub saw twice
# (must be 0) and requests it rejected (must be 0). Goal: N = M, R >= 5000, P < 512.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
SUBSCRIBERS=${SUBSCRIBERS:-100000}

bench_project=bench/RelationsAlerts.DigestBench/RelationsAlerts.DigestBench.csproj
dotnet build src/RelationsAlerts.App -c Release --nologo -v quiet -clp:ErrorsOnly
dotnet build "$bench_project" -c Release --nologo -v quiet -clp:ErrorsOnly
bench_dll=bench/RelationsAlerts.DigestBench/bin/Release/net10.0/RelationsAlerts.DigestBench.dll
handler_dll=src/RelationsAlerts.App/bin/Release/net10.0/handler.dll

source scripts/azurite.sh
start_azurite >/dev/null
azurite_trap="$(trap -p EXIT)"; azurite_trap="${azurite_trap#trap -- }"; azurite_trap="${azurite_trap% EXIT}"
eval "azurite_cleanup=$azurite_trap"
stub_pid=""
cleanup() { [ -n "$stub_pid" ] && kill "$stub_pid" 2>/dev/null || true; eval "$azurite_cleanup"; }
trap cleanup EXIT

port=$(free_port)
dotnet "$bench_dll" stub --port "$port" & stub_pid=$!
for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

seed_output=$(dotnet "$bench_dll" seed --subscribers "$SUBSCRIBERS")
echo "$seed_output"
minimum=$(echo "$seed_output" | awk '/^minimum/ {print $2}')

export SendGrid__ApiKey="SG.bench-not-a-key" SendGrid__Host="http://127.0.0.1:$port"
export Links__PublicBaseUrl="https://alerts.example.org"
start=$(date +%s.%N)
dotnet "$handler_dll" send-digests & app_pid=$!
peak_kb=0
while kill -0 "$app_pid" 2>/dev/null; do
  hwm=$(awk '/VmHWM/ {print $2}' "/proc/$app_pid/status" 2>/dev/null || echo 0)
  [ -n "$hwm" ] && [ "$hwm" -gt "$peak_kb" ] && peak_kb=$hwm
  sleep 0.2
done
wait "$app_pid"
end=$(date +%s.%N)

stats=$(exec 3<>"/dev/tcp/127.0.0.1/$port"; printf 'GET /stats HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3; tail -n 1 <&3)
requests=$(echo "$stats" | awk '{print $2}'); recipients=$(echo "$stats" | awk '{print $4}')
repeated=$(echo "$stats" | awk '{print $6}'); rejected=$(echo "$stats" | awk '{print $8}')
python3 - "$start" "$end" "$requests" "$minimum" "$recipients" "$peak_kb" "$repeated" "$rejected" <<'PY'
import sys
start, end, requests, minimum, recipients, peak_kb, repeated, rejected = sys.argv[1:]
wall = float(end) - float(start)
print(f"wall {wall:.1f} s; {recipients} recipients; digests seen twice {repeated}; requests rejected {rejected}")
print(f"requests {requests} minimum {minimum} recipients/s {int(recipients) / wall:.0f} peak-mb {int(peak_kb) / 1024:.0f}")
PY
