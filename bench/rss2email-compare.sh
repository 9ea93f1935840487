#!/usr/bin/env bash
# Poller benchmark: our `run --once` against rss2email 3.x (Debian package `rss2email`) on the same synthetic corpus.
#
#   bench/rss2email-compare.sh            # 100 feeds x 30 items, one in 10 about Pakistan–Belarus
#   FEEDS=50 ITEMS=20 RELEVANT_EVERY=1 WARM_RUNS=5 bench/rss2email-compare.sh   # every item relevant: most work for us
#
# What runs, all on 127.0.0.1:
#   - a corpus of FEEDS RSS 2.0 files x ITEMS items (English, Russian, Urdu) in a temp dir, served by `python3 -m http.server`
#     (Last-Modified from the file time, 304 on If-Modified-Since; the same server for both tools);
#   - ours: `handler run --once --all` (the published executable: self-contained, single-file, ReadyToRun) with the feeds as Feeds__Sources__N__Url, Fetching__AllowLoopback=true,
#     against Azurite started by scripts/azurite.sh; relevant items are filed into stories and stored (several table
#     round trips each), the rest dropped. One in ten relevant is already far above real feeds' share for this beat;
#   - rss2email: a temp config and data file, feeds imported from OPML, one email per entry over SMTP to a local sink that
#     accepts and discards (same-server-fetch-interval 0, otherwise rss2email's defaults).
# "cold" = first run, every entry new; "warm" = nothing changed (both send If-Modified-Since and get 304s); warm is the
# median of WARM_RUNS runs. Prints the raw wall-clock times, our in-process phases (from the "Timing:" line), and
#   cold-ratio X   warm-ratio Y        (rss2email time / our time, whole processes)
# plus the same ratios without process start-up (ours: the poll phase alone; rss2email: run minus `r2e list`).
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

FEEDS=${FEEDS:-100}
ITEMS=${ITEMS:-30}
RELEVANT_EVERY=${RELEVANT_EVERY:-10} # one item in N is about Pakistan–Belarus (1: every item, the most work for us)
WARM_RUNS=${WARM_RUNS:-3}

if ! command -v r2e >/dev/null 2>&1; then
  echo "Installing rss2email (apt-get)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q rss2email >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q rss2email >/dev/null; }
fi

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

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$1" "$2"; }
ratio() { python3 -c "import sys; a, b = float(sys.argv[1]), float(sys.argv[2]); print(f'{a / b:.2f}' if b > 0 else 'inf')" "$1" "$2"; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# --- corpus ----------------------------------------------------------------------------------------------------------
python3 - "$work/www/feeds" "$FEEDS" "$ITEMS" "$RELEVANT_EVERY" <<'PY'
# Every item is a different report: words drawn (seeded) from per-language pools, so no two items read alike, as in a
# real news day; "relevant" items put Pakistan and Belarus in one sentence with a bilateral cue, the rest are local news.
import os, sys, random, email.utils, datetime
from xml.sax.saxutils import escape
out, feeds, items, every = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
os.makedirs(out, exist_ok=True)
rng = random.Random(20261120)
words = {
    "en": dict(
        actor="minister ambassador delegation envoy secretary chamber council governor commission committee adviser".split(),
        verb="signed discussed reviewed agreed launched approved proposed finalised expanded announced".split(),
        thing=("tractor plant, potash supply, textile quota, dairy project, wheat shipment, rail link, visa regime, "
               "pharmacy licence, vaccine plant, truck assembly, dam study, solar farm, football academy, film week, "
               "student exchange, customs deal, freight corridor, steel order, tyre factory, fruit export").split(", "),
        city="Islamabad Minsk Lahore Karachi Gomel Brest Grodno Vitebsk Multan Quetta Peshawar Mogilev Faisalabad Sialkot".split(),
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

def report(lang, relevant, n):
    w = words[lang]
    pick = lambda k: rng.choice(w[k])
    number = rng.randint(2, 900)
    if relevant:
        title = f"{w['pair']}: {pick('actor')} {pick('verb')} {pick('thing')} in {pick('city')} ({number})"
        text = f"{w['pair']} {pick('verb')} {w['cue']} on {pick('thing')} and {pick('thing')}; {pick('actor')} in {pick('city')} said {number} {n}."
    else:
        title = f"{pick('city')}: {pick('local')}, {pick('local')} ({number})"
        text = f"{pick('actor')} in {pick('city')} {pick('verb')} {pick('local')} and {pick('local')} {number} {n}."
    return title, text

base = datetime.datetime(2026, 11, 20, 12, 0, tzinfo=datetime.timezone.utc)
stamp = (base - datetime.timedelta(days=1)).timestamp()
total = 0
for f in range(feeds):
    lang = ("en", "en", "ru", "ur")[f % 4]
    host = f"news{f:03d}.example.org"
    rows = []
    for i in range(items):
        n = f"{f:03d}-{i:02d}"
        is_relevant = i % every == 0
        total += is_relevant
        title, text = report(lang, is_relevant, n)
        date = email.utils.format_datetime(base - datetime.timedelta(minutes=17 * i + f))
        rows.append(f"""    <item>
      <title>{escape(title)}</title>
      <link>https://{host}/{lang}/2026/11/story-{n}.html</link>
      <guid isPermaLink="false">{host}:{n}</guid>
      <pubDate>{date}</pubDate>
      <description>{escape('<p>' + text + '</p>')}</description>
    </item>""")
    path = os.path.join(out, f"feed-{f:03d}.xml")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
  <channel>
    <title>Bench feed {f:03d} ({lang})</title>
    <link>https://{host}/</link>
    <description>Synthetic feed for the poller benchmark</description>
    <language>{lang}</language>
{chr(10).join(rows)}
  </channel>
</rss>
""")
    os.utime(path, (stamp, stamp))  # a stable Last-Modified, so warm runs get 304s
print(f"corpus: {feeds} feeds x {items} items, {total} about Pakistan–Belarus")
PY

www_port=$(free_port)
(cd "$work/www" && exec python3 -m http.server --bind 127.0.0.1 "$www_port" >"$work/http.log" 2>&1) &
pids+=($!)

# --- SMTP sink for rss2email: accepts every message and counts it -------------------------------------------------------
smtp_port=$(free_port)
cat >"$work/smtp_sink.py" <<'PY'
import asyncio, signal, sys
port, count_file = int(sys.argv[1]), sys.argv[2]
count = 0
async def session(reader, writer):
    global count
    writer.write(b"220 sink ESMTP\r\n")
    while line := await reader.readline():
        verb = line[:4].upper()
        if verb in (b"EHLO", b"HELO"):
            writer.write(b"250 sink\r\n")
        elif verb == b"DATA":
            writer.write(b"354 go ahead\r\n")
            await writer.drain()
            while (body := await reader.readline()) and body != b".\r\n":
                pass
            count += 1
            writer.write(b"250 OK\r\n")
        elif verb == b"QUIT":
            writer.write(b"221 bye\r\n")
            break
        else:
            writer.write(b"250 OK\r\n")
        await writer.drain()
    writer.close()
def report():
    with open(count_file, "w") as fh:
        fh.write(str(count))
async def main():
    server = await asyncio.start_server(session, "127.0.0.1", port)
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGUSR1, report)
    loop.add_signal_handler(signal.SIGTERM, server.close)
    async with server:
        try:
            await server.serve_forever()
        except asyncio.CancelledError:
            pass
asyncio.run(main())
PY
python3 "$work/smtp_sink.py" "$smtp_port" "$work/smtp.count" &
smtp_pid=$!
pids+=($smtp_pid)
mails_sent() { kill -USR1 "$smtp_pid"; sleep 0.2; cat "$work/smtp.count"; }

for _ in $(seq 1 50); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$www_port") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$smtp_port") 2>/dev/null; then break; fi
  sleep 0.1
done

# --- ours ----------------------------------------------------------------------------------------------------------
# The executable we deploy: `dotnet publish` makes it self-contained, single-file and ReadyToRun (see the csproj).
echo "Publishing RelationsAlerts (Release, as deployed)..."
dotnet publish src/RelationsAlerts.App -c Release -o "$work/publish" --nologo -v quiet -clp:ErrorsOnly >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
handler="$work/publish/handler"
feed_env=()
for f in $(seq 0 $((FEEDS - 1))); do
  feed_env+=("Feeds__Sources__${f}__Url=http://127.0.0.1:$www_port/feeds/$(printf 'feed-%03d.xml' "$f")")
done

# Prints "wall poll startup" for one `run --once --all`; keeps its output in $work/ours-$1.log.
run_ours() {
  local start end log="$work/ours-$1.log"
  start=$(now)
  env "${feed_env[@]}" Fetching__AllowLoopback=true Mail__OutputDirectory="$work/mail" \
    "$handler" run --once --all >"$log" 2>&1 || { cat "$log" >&2; return 1; }
  end=$(now)
  local timing; timing=$(grep '^Timing:' "$log")
  echo "$(elapsed "$start" "$end") $(sed -E 's/.* poll ([0-9.]+) s.*/\1/' <<<"$timing") $(sed -E 's/.*start-up ([0-9.]+) s.*/\1/' <<<"$timing")"
}

# --- rss2email -----------------------------------------------------------------------------------------------------
r2e_dir="$work/r2e"; mkdir -p "$r2e_dir"
r2e_cmd=(r2e -c "$r2e_dir/config" -d "$r2e_dir/data.json")
"${r2e_cmd[@]}" new bench@example.invalid >/dev/null 2>&1
python3 - "$r2e_dir/config" "$smtp_port" <<'PY'
import configparser, sys
path, port = sys.argv[1], sys.argv[2]
config = configparser.ConfigParser(interpolation=None)
config.read(path)
config["DEFAULT"].update({"email-protocol": "smtp", "smtp-server": f"127.0.0.1:{port}", "smtp-auth": "False",
                          "smtp-ssl": "False", "same-server-fetch-interval": "0", "from": "rss2email@example.invalid"})
with open(path, "w") as fh:
    config.write(fh)
PY
{
  echo '<?xml version="1.0" encoding="UTF-8"?><opml version="1.0"><head><title>bench</title></head><body>'
  for f in $(seq 0 $((FEEDS - 1))); do
    printf '<outline type="rss" text="feed-%03d" xmlUrl="http://127.0.0.1:%s/feeds/feed-%03d.xml"/>\n' "$f" "$www_port" "$f"
  done
  echo '</body></opml>'
} >"$r2e_dir/feeds.opml"
"${r2e_cmd[@]}" opmlimport "$r2e_dir/feeds.opml" >/dev/null 2>&1

run_r2e() {
  local start end
  start=$(now)
  "${r2e_cmd[@]}" run >"$work/r2e-$1.log" 2>&1 || { cat "$work/r2e-$1.log" >&2; return 1; }
  end=$(now)
  elapsed "$start" "$end"
}

r2e_startup_runs=()
for _ in 1 2 3; do
  start=$(now); "${r2e_cmd[@]}" list >/dev/null 2>&1; end=$(now)
  r2e_startup_runs+=("$(elapsed "$start" "$end")")
done
r2e_startup=$(median "${r2e_startup_runs[@]}")

# --- runs ----------------------------------------------------------------------------------------------------------
echo "Cold runs..."
out=$(run_ours cold); read -r ours_cold ours_cold_poll ours_cold_startup <<<"$out"
r2e_cold=$(run_r2e cold)
mails_cold=$(mails_sent)

echo "Warm runs (x$WARM_RUNS)..."
ours_warm_runs=(); ours_warm_polls=(); ours_warm_startups=(); r2e_warm_runs=(); ours_304=0; r2e_304=0
log_lines() { wc -l <"$work/http.log"; }
count_304_after() { tail -n +"$(($1 + 1))" "$work/http.log" | grep -c '" 304 -' || true; }
for i in $(seq 1 "$WARM_RUNS"); do
  before=$(log_lines)
  out=$(run_ours "warm-$i"); read -r wall poll startup <<<"$out"
  ours_warm_runs+=("$wall"); ours_warm_polls+=("$poll"); ours_warm_startups+=("$startup")
  ours_304=$((ours_304 + $(count_304_after "$before"))); before=$(log_lines)
  out=$(run_r2e "warm-$i"); r2e_warm_runs+=("$out")
  r2e_304=$((r2e_304 + $(count_304_after "$before")))
done
mails_warm=$(( $(mails_sent) - mails_cold ))
ours_warm=$(median "${ours_warm_runs[@]}"); ours_warm_poll=$(median "${ours_warm_polls[@]}"); ours_warm_startup=$(median "${ours_warm_startups[@]}")
r2e_warm=$(median "${r2e_warm_runs[@]}")

# --- report --------------------------------------------------------------------------------------------------------
echo
echo "== rss2email comparison =="
echo "corpus: $FEEDS feeds x $ITEMS items on http://127.0.0.1:$www_port/ (python3 http.server), one item in $RELEVANT_EVERY about Pakistan–Belarus"
echo "ours cold:  $(grep '^Summary:' "$work/ours-cold.log")"
echo "ours warm:  $(grep '^Summary:' "$work/ours-warm-1.log") ($(grep -c ': not modified' "$work/ours-warm-1.log") feeds not modified)"
echo "rss2email:  cold $mails_cold emails sent, warm $mails_warm emails sent"
echo "304s in the warm runs: ours $ours_304, rss2email $r2e_304 (of $((FEEDS * WARM_RUNS)) requests each)"
echo "ours      cold ${ours_cold} s wall (start-up ${ours_cold_startup} s, poll ${ours_cold_poll} s)"
echo "ours      warm ${ours_warm} s wall (start-up ${ours_warm_startup} s, poll ${ours_warm_poll} s); runs: ${ours_warm_runs[*]}"
echo "rss2email cold ${r2e_cold} s wall"
echo "rss2email warm ${r2e_warm} s wall; runs: ${r2e_warm_runs[*]}"
echo "rss2email start-up (r2e list) ${r2e_startup} s"
echo "cold-ratio $(ratio "$r2e_cold" "$ours_cold")"
echo "warm-ratio $(ratio "$r2e_warm" "$ours_warm")"
r2e_cold_work=$(python3 -c "import sys; print(f'{max(float(sys.argv[1]) - float(sys.argv[2]), 0):.3f}')" "$r2e_cold" "$r2e_startup")
r2e_warm_work=$(python3 -c "import sys; print(f'{max(float(sys.argv[1]) - float(sys.argv[2]), 0):.3f}')" "$r2e_warm" "$r2e_startup")
echo "cold-ratio-excluding-startup $(ratio "$r2e_cold_work" "$ours_cold_poll") (rss2email ${r2e_cold_work} s / our poll ${ours_cold_poll} s)"
echo "warm-ratio-excluding-startup $(ratio "$r2e_warm_work" "$ours_warm_poll") (rss2email ${r2e_warm_work} s / our poll ${ours_warm_poll} s)"
