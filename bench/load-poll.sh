#!/usr/bin/env bash
# Load test of one poll: `handler run --once --all` (Release build) against 2,000 feeds on loopback and Azurite, then a
# second, warm poll in which nothing changed (every feed answers 304).
#
#   bench/load-poll.sh                                   # 2,000 feeds x 20 items on 200 hosts
#   FEEDS=500 HOSTS=1 bench/load-poll.sh                 # every feed on one host: one connection at a time
#   PARALLEL=16 bench/load-poll.sh                       # Polling__MaxParallelFeeds (default 4, as in production)
#   RELEVANT_EVERY=0 bench/load-poll.sh                  # nothing relevant: fetch, parse and classify only
#   RELEVANT_EVERY=20 bench/load-poll.sh                 # one relevant report per feed: story filing dominates
#
# The corpus (generated here, seeded): FEEDS RSS 2.0 files x ITEMS items in English, Russian or Urdu. One item in
# RELEVANT_EVERY (default 100, still far above real feeds' share for this beat; 0 = none) is about Pakistan–Belarus;
# half of those are syndicated copies of SHARED wire stories (same link in every feed that carries them: stored once,
# later copies are "kept" but not "new"), the rest are the feeds' own reports. Everything else is local news the
# classifier drops.
#
# Azurite caveat: Azurite answers a table query by scanning the whole table, so story candidate reads cost more on the
# emulator as stories accumulate; Table Storage reads only the day partitions. New relevant reports are claimed, filed
# under stories and stored in batches (one store per group of feeds fetched meanwhile).
# RELEVANT_EVERY=0 measures fetch, parse and classify alone.
#
# Hosts: the poller allows one connection at a time per host (SocketsHttpHandler MaxConnectionsPerServer = 1; its pool
# is keyed by scheme, host name as written in the URL, and port, so 127.0.0.1:P and localhost:P count as two hosts and
# 127.0.0.1:P and 127.0.0.1:Q too). Real feed lists spread over many publishers, so the feeds are spread over HOSTS
# loopback addresses 127.0.1.1, 127.0.1.2, ... (all of 127.0.0.0/8 is loopback on Linux), all on one port, served by
# one Python process (a ThreadingHTTPServer per address, HTTP/1.1 keep-alive, Last-Modified from the file time and 304
# on If-Modified-Since). Fetching__AllowLoopback=true lets the SSRF guard through.
#
# Feeds reach the app as Feeds__Sources__N__Url environment variables: `run --once` reads its feed list only from
# configuration (appsettings next to the binary, environment), there is no feed-list file option apart from the fixed
# curated feeds.default.json. The first run registers them in the feeds table (counted in its start-up time).
#
# Prints per run: feeds (failed), items fetched (entries read), kept, new, dropped, 304s served, wall time of the whole
# process, the poll phase alone (from the app's "Timing:" line), feeds/s and items/s over both, and the peak RSS of the
# process (GNU time's maximum resident set size; without /usr/bin/time, VmHWM sampled from /proc).
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

FEEDS=${FEEDS:-2000}
ITEMS=${ITEMS:-20}
HOSTS=${HOSTS:-200}
RELEVANT_EVERY=${RELEVANT_EVERY:-100}
SHARED=${SHARED:-50}
PARALLEL=${PARALLEL:-}
if [ "$HOSTS" -lt 1 ] || [ "$HOSTS" -gt 62500 ]; then echo "HOSTS must be 1..62500" >&2; exit 2; fi

work="$(mktemp -d)"
pids=()
source scripts/azurite.sh
start_azurite >/dev/null
# azurite.sh installs its own EXIT trap (stop the emulator, remove its folder); keep it and add ours.
azurite_trap="$(trap -p EXIT)"; azurite_trap="${azurite_trap#trap -- }"; azurite_trap="${azurite_trap% EXIT}"
eval "azurite_cleanup=$azurite_trap"
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
  eval "$azurite_cleanup"
}
trap cleanup EXIT

py() { python3 -c "$@"; }
now() { date +%s.%N; }

# --- corpus ----------------------------------------------------------------------------------------------------------
python3 - "$work/www/feeds" "$FEEDS" "$ITEMS" "$RELEVANT_EVERY" "$SHARED" <<'PY'
import os, sys, random, email.utils, datetime
from xml.sax.saxutils import escape
out, feeds, items, every, shared = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
os.makedirs(out, exist_ok=True)
words = {
    "en": dict(
        actor="minister ambassador delegation envoy secretary chamber council governor commission committee adviser".split(),
        verb="signed discussed reviewed agreed launched approved proposed finalised expanded announced".split(),
        thing=("tractor plant, potash supply, textile quota, dairy project, wheat shipment, rail link, visa regime, "
               "pharmacy licence, vaccine plant, truck assembly, solar farm, student exchange, customs deal, "
               "freight corridor, steel order, tyre factory, fruit export").split(", "),
        city="Islamabad Minsk Lahore Karachi Gomel Brest Grodno Vitebsk Multan Quetta Peshawar Mogilev Sialkot".split(),
        local=("flood warning, cricket final, fuel price, school exam, bus strike, power cut, heat wave, court ruling, "
               "stock index, bridge repair, metro fare, book fair, marathon route, hospital wing, water tariff").split(", "),
        pair="Pakistan and Belarus", cue="bilateral cooperation"),
    "ru": dict(
        actor="министр посол делегация советник губернатор комиссия палата".split(),
        verb="подписали обсудили одобрили согласовали запустили расширили".split(),
        thing=("поставки тракторов, калийные удобрения, текстильная квота, молочный проект, поставки пшеницы, "
               "визовый режим, фармацевтический завод, сборка грузовиков, солнечная станция, студенческий обмен").split(", "),
        city="Минск Исламабад Гомель Брест Гродно Витебск Могилев Лахор Карачи".split(),
        local=("ремонт моста, цены на топливо, школьные экзамены, городской марафон, книжная ярмарка, новая больница, "
               "тарифы на воду, футбольный матч").split(", "),
        pair="Беларусь и Пакистан", cue="двустороннее сотрудничество"),
    "ur": dict(
        actor="وزیر سفیر وفد مشیر گورنر کمیشن".split(),
        verb="دستخط بات چیت منظوری اتفاق آغاز".split(),
        thing="ٹریکٹر پلانٹ، پوٹاش، ٹیکسٹائل، ڈیری منصوبہ، گندم، ریلوے، ویزا، ادویات، سولر، طلبہ تبادلہ".split("، "),
        city="اسلام آباد منسک لاہور کراچی ملتان کوئٹہ پشاور".split(),
        local="سیلاب، کرکٹ فائنل، پیٹرول قیمت، امتحان، بجلی بندش، گرمی، عدالت، اسٹاک مارکیٹ".split("، "),
        pair="پاکستان اور بیلاروس", cue="دو طرفہ تعاون"),
}
langs = ("en", "en", "ru", "ur")

def report(rng, lang, relevant, n):
    w = words[lang]
    pick = lambda k: rng.choice(w[k])
    number = rng.randint(2, 900)
    if relevant:
        title = f"{w['pair']}: {pick('actor')} {pick('verb')} {pick('thing')} in {pick('city')} ({number})"
        text = (f"{w['pair']} {pick('verb')} {w['cue']} on {pick('thing')} and {pick('thing')}; "
                f"{pick('actor')} in {pick('city')} said {number} {n}.")
    else:
        title = f"{pick('city')}: {pick('local')}, {pick('local')} ({number})"
        text = f"{pick('actor')} in {pick('city')} {pick('verb')} {pick('local')} and {pick('local')} {number} {n}."
    return title, text

base = datetime.datetime(2026, 11, 20, 12, 0, tzinfo=datetime.timezone.utc)

def wire_story(k):
    # The same wire report wherever it is carried: same link, guid, title and text.
    rng = random.Random(k)
    lang = langs[k % 4]
    title, text = report(rng, lang, True, f"wire-{k}")
    return (title, text, f"https://wire.example.org/pk-by/2026/11/story-{k:04d}.html", f"wire:{k}",
            base - datetime.timedelta(minutes=7 * k))

rng = random.Random(20261123)
stamp = (base - datetime.timedelta(days=1)).timestamp()
relevant_total, shared_carried, shared_used = 0, 0, set()
for f in range(feeds):
    lang = langs[f % 4]
    host = f"news{f:04d}.example.org"
    rows = []
    for i in range(items):
        n = f"{f:04d}-{i:02d}"
        g = f * items + i  # position in the whole corpus: one in `every` is relevant, alternately shared and own
        relevant = every > 0 and g % every == 0
        if relevant and shared > 0 and (g // every) % 2 == 0:
            k = (g // every // 2) * 7 % shared
            title, text, link, guid, date = wire_story(k)
            shared_carried += 1; shared_used.add(k)
        else:
            title, text = report(rng, lang, relevant, n)
            link, guid = f"https://{host}/{lang}/2026/11/story-{n}.html", f"{host}:{n}"
            date = base - datetime.timedelta(minutes=17 * i + f % 60)
        relevant_total += relevant
        rows.append(f"""    <item>
      <title>{escape(title)}</title>
      <link>{link}</link>
      <guid isPermaLink="false">{guid}</guid>
      <pubDate>{email.utils.format_datetime(date)}</pubDate>
      <description>{escape('<p>' + text + '</p>')}</description>
    </item>""")
    path = os.path.join(out, f"feed-{f:04d}.xml")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
  <channel>
    <title>Load feed {f:04d} ({lang})</title>
    <link>https://{host}/</link>
    <description>Synthetic feed for the poll load test</description>
    <language>{lang}</language>
{chr(10).join(rows)}
  </channel>
</rss>
""")
    os.utime(path, (stamp, stamp))  # a stable Last-Modified, so the warm run gets 304s
print(f"corpus: {feeds} feeds x {items} items = {feeds * items} entries; {relevant_total} about Pakistan–Belarus, "
      f"of which {shared_carried} copies of {len(shared_used)} shared wire stories "
      f"(so {relevant_total - shared_carried + len(shared_used)} distinct)")
PY

# --- feed server: one listener per loopback address, all on one port ------------------------------------------------
cat >"$work/serve.py" <<'PY'
import functools, http.server, socketserver, sys, threading
root, hosts, port_file, log_file = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
log = open(log_file, "a", buffering=1)
lock = threading.Lock()

class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real publishers; Content-Length is always sent
    def log_message(self, fmt, *args):
        with lock:
            log.write("%s %s\n" % (self.address_string(), fmt % args))

class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    def server_bind(self):  # HTTPServer's own does a reverse DNS lookup per address (seconds each without DNS)
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

def address(h):
    return f"127.0.{1 + h // 250}.{1 + h % 250}"

handler = functools.partial(Handler, directory=root)
for attempt in range(20):
    servers = []
    try:
        first = Server((address(0), 0), handler)
        servers.append(first)
        port = first.server_address[1]
        for h in range(1, hosts):
            servers.append(Server((address(h), port), handler))
        break
    except OSError:
        for s in servers:
            s.server_close()
else:
    sys.exit("could not bind the same port on every address")
for s in servers:
    threading.Thread(target=s.serve_forever, daemon=True).start()
with open(port_file, "w") as fh:
    fh.write(str(port))
threading.Event().wait()
PY
python3 "$work/serve.py" "$work/www" "$HOSTS" "$work/port" "$work/http.log" &
pids+=($!)
for _ in $(seq 1 300); do [ -s "$work/port" ] && break; sleep 0.1; done
[ -s "$work/port" ] || { echo "feed server did not start" >&2; exit 1; }
port=$(cat "$work/port")

# --- app -------------------------------------------------------------------------------------------------------------
echo "Building RelationsAlerts (Release)..."
dotnet build src/RelationsAlerts.App -c Release --nologo -v quiet -clp:ErrorsOnly >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
handler="$repo_root/src/RelationsAlerts.App/bin/Release/net10.0/handler.dll"
feed_env=()
for f in $(seq 0 $((FEEDS - 1))); do
  h=$((f % HOSTS))
  feed_env+=("Feeds__Sources__${f}__Url=http://127.0.$((1 + h / 250)).$((1 + h % 250)):$port/feeds/$(printf 'feed-%04d.xml' "$f")")
done
app_env=("${feed_env[@]}" Fetching__AllowLoopback=true Mail__OutputDirectory="$work/mail")
[ -n "$PARALLEL" ] && app_env+=("Polling__MaxParallelFeeds=$PARALLEL")
env_kb=$(printf '%s\n' "${feed_env[@]}" | wc -c | awk '{printf "%d", $1 / 1024}')

gnu_time=""
if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then gnu_time=/usr/bin/time; fi

# Runs one poll; leaves its output in $work/run-$1.log and prints "wall_s peak_rss_mb".
run_poll() {
  local label=$1 log="$work/run-$1.log" start end rss_kb
  start=$(now)
  if [ -n "$gnu_time" ]; then
    "$gnu_time" -v -o "$work/time-$label.txt" env "${app_env[@]}" dotnet "$handler" run --once --all >"$log" 2>&1 \
      || { cat "$log" >&2; return 1; }
    rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time-$label.txt")
  else
    env "${app_env[@]}" dotnet "$handler" run --once --all >"$log" 2>&1 &
    local pid=$! hwm=0 v
    while kill -0 "$pid" 2>/dev/null; do
      v=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
      [ "${v:-0}" -gt "$hwm" ] && hwm=$v
      sleep 0.05
    done
    wait "$pid" || { cat "$log" >&2; return 1; }
    rss_kb=$hwm
  fi
  end=$(now)
  py "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f} {int(sys.argv[3]) / 1024:.0f}')" "$start" "$end" "$rss_kb"
}

http_lines() { wc -l <"$work/http.log"; }
# Requests with status $3 among the server's log lines $1+1 .. $2.
count_between() { if [ "$2" -le "$1" ]; then echo 0; else sed -n "$(($1 + 1)),$2p" "$work/http.log" | grep -c "\" $3 " || true; fi; }

# Prints the summary block of one run.
report() {
  local label=$1 wall=$2 rss=$3 from=$4 to=$5 log="$work/run-$1.log"
  local summary timing fetched startup poll
  summary=$(grep '^Summary:' "$log"); timing=$(grep '^Timing:' "$log")
  fetched=$({ grep -oE ': [0-9]+ entries,' "$log" || true; } | awk '{s += $2} END {print s + 0}')
  startup=$(sed -E 's/.*start-up ([0-9.]+) s.*/\1/' <<<"$timing"); poll=$(sed -E 's/.* poll ([0-9.]+) s.*/\1/' <<<"$timing")
  read -r feeds failed kept new dropped < <(sed -E 's/^Summary: feeds ([0-9]+) \(([0-9]+) failed\), items kept ([0-9]+) \(([0-9]+) new\), items dropped ([0-9]+).*/\1 \2 \3 \4 \5/' <<<"$summary")
  echo "== $label poll =="
  echo "  feeds          $feeds ($failed failed; the server answered $(count_between "$from" "$to" 200) with 200, $(count_between "$from" "$to" 304) with 304)"
  echo "  items fetched  $fetched   kept $kept ($new new)   dropped $dropped"
  echo "  wall time      ${wall} s (start-up ${startup} s, poll ${poll} s, from the app's Timing line)"
  py "import sys
f, i, w, p = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
r = lambda n, t: f'{n / t:.1f}' if t > 0 else 'inf'
print(f'  feeds/s        {r(f, w)} over the wall time, {r(f, p)} over the poll phase')
print(f'  items/s        {r(i, w)} over the wall time, {r(i, p)} over the poll phase')" "$feeds" "$fetched" "$wall" "$poll"
  echo "  peak RSS       ${rss} MB ($([ -n "$gnu_time" ] && echo 'GNU time maximum resident set size' || echo 'VmHWM sampled from /proc'))"
}

echo "Cold poll ($FEEDS feeds on $HOSTS hosts, port $port, MaxParallelFeeds ${PARALLEL:-4 (default)}, ${env_kb} KiB of feed variables)..."
cold_from=$(http_lines)
out=$(run_poll cold); read -r cold_wall cold_rss <<<"$out"
cold_to=$(http_lines)
echo "Warm poll (nothing changed)..."
out=$(run_poll warm); read -r warm_wall warm_rss <<<"$out"
warm_to=$(http_lines)

echo
echo "== poll load test =="
share=$([ "$RELEVANT_EVERY" -gt 0 ] && echo "one item in $RELEVANT_EVERY" || echo "no item")
echo "corpus: $FEEDS feeds x $ITEMS items on $HOSTS loopback hosts (127.0.1.1 ...), $share about Pakistan–Belarus, $SHARED shared wire stories"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo), $(dotnet --version) SDK, Release build"
report cold "$cold_wall" "$cold_rss" "$cold_from" "$cold_to"
report warm "$warm_wall" "$warm_rss" "$cold_to" "$warm_to"
