#!/usr/bin/env bash
# Measures budc on generated workspaces of about 10k, 100k and 1M lines and on the seed
# example (start-up included): wall time, CPU time, peak RSS, MB/s and lines/s of
# `budc check` and of `budc build --format json`; then Debian's ledger on journals of the same
# number of lines, side by side, with the ratio of budc check's wall time to ledger's.
# Usage: bench/run.sh [SIZES…]   (default: 10000 100000 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh >/dev/null
for p in ledger time; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || {
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$p" >/dev/null
  }
done
sizes=("${@:-10000 100000 1000000}")
[ $# -eq 0 ] && sizes=(10000 100000 1000000)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
measure() { # label lines bytes command…
  local label=$1 lines=$2 bytes=$3; shift 3
  /usr/bin/time -f "%e %U %S %M" -o "$work/t" "$@" >/dev/null 2>&1 || true
  read -r wall user sys rss < "$work/t"
  awk -v l="$label" -v n="$lines" -v b="$bytes" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" \
    'BEGIN { printf "%-28s %9d lines %7.1f MB  wall %7.3f s  cpu %7.3f s  rss %6.0f MiB  %7.1f MB/s  %9.0f lines/s\n",
             l, n, b/1e6, w, u+s, r/1024, (w>0 ? b/1e6/w : 0), (w>0 ? n/w : 0) }'
}
seed_lines=$(cat examples/xigang-2024/*.bud | wc -l)
seed_bytes=$(cat examples/xigang-2024/*.bud | wc -c)
measure "budc check (seed example)" "$seed_lines" "$seed_bytes" build/bin/budc check -q examples/xigang-2024
measure "budc build json (seed)" "$seed_lines" "$seed_bytes" build/bin/budc build -q --format json examples/xigang-2024 -o "$work/seed-json"
for n in "${sizes[@]}"; do
  bench/generate --lines "$n" --seed 1 -o "$work/ws$n" >/dev/null
  lines=$(find "$work/ws$n" -name '*.bud' -exec cat {} + | wc -l)
  bytes=$(find "$work/ws$n" -name '*.bud' -exec cat {} + | wc -c)
  measure "budc check" "$lines" "$bytes" build/bin/budc check -q "$work/ws$n"
  budc_wall=$(cut -d' ' -f1 "$work/t")
  # Where that time went: the wall time of each phase, from budc's own timers (another run).
  build/bin/budc check -q --time-phases "$work/ws$n" 2>&1 >/dev/null | python3 -c '
import re, sys
for line in sys.stdin:
    times = re.findall(r"([0-9.]+) \(\s*[0-9.]+%\)", line)
    name = line.rsplit("%)", 1)[-1].strip()
    if len(times) == 4 and name != "Total":
        print(f"  {name:<40} wall {float(times[3]):7.3f} s")'
  measure "budc build --format json" "$lines" "$bytes" build/bin/budc build -q --format json "$work/ws$n" -o "$work/json$n"
  # A ledger journal of the same number of lines: transactions of 4 lines.
  python3 - "$n" "$work/j$n.ledger" <<'PY'
import random, sys
n, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(1)
with open(path, "w", encoding="utf-8") as f:
    for i in range(n // 4):
        cents = rng.randint(100, 5_000_000)
        f.write(f"2024/{1 + i % 12:02d}/{1 + i % 28:02d} 支出 {i}\n")
        f.write(f"    Expenses:基本支出:30{101 + i % 90}    {cents // 100}.{cents % 100:02d} CNY\n")
        f.write(f"    Assets:一般公共预算拨款\n\n")
PY
  jbytes=$(wc -c < "$work/j$n.ledger")
  measure "ledger -f F source" "$n" "$jbytes" ledger -f "$work/j$n.ledger" source
  ledger_wall=$(cut -d' ' -f1 "$work/t")
  awk -v b="$budc_wall" -v l="$ledger_wall" 'BEGIN { if (l > 0) printf "%-28s %.1f× ledger'"'"'s wall time\n", "budc check", b / l }' 
done
