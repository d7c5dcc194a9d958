#!/usr/bin/env bash
# Builds budc with ThreadSanitizer in build-tsan/ and runs what runs on several threads: the
# threaded file tests (files parsed, projects read and a parser failure caught on other
# threads) and checks and builds of generated workspaces with --jobs 2 and --jobs 4. Any data
# race fails the run. scripts/test.sh runs it; alone: scripts/tsan.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BUDC_TEST_TOOLS=1 ./scripts/setup.sh >/dev/null
cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUDC_TSAN=ON >/dev/null
cmake --build build-tsan -j "$(nproc)" --target budc
export TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1"
lit=/usr/lib/llvm-14/build/utils/lit/lit.py
python3 "$lit" -sv build-tsan/tests/driver/jobs.test build-tsan/tests/syntax/fail_parser_failure.test
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/generate --lines 40000 --seed 3 -o "$work/ws" >/dev/null
for jobs in 2 4; do
  echo "tsan: budc check and build --format json --jobs $jobs on 40,000 generated lines"
  build-tsan/bin/budc check -q --jobs "$jobs" "$work/ws"
  build-tsan/bin/budc build -q --jobs "$jobs" --format json "$work/ws" -o "$work/json$jobs"
  # With errors in many files and projects, parsed and read on several threads.
  cp -r "$work/ws" "$work/bad$jobs"
  find "$work/bad$jobs" -name 'facts*.bud' | sort | sed -n '1,40p' | xargs sed -i '3s/$/ 多余/; 0,/产出\/质量/s//产出\/品质/'
  status=0
  build-tsan/bin/budc check -q --jobs "$jobs" --error-limit=0 "$work/bad$jobs" >/dev/null 2>&1 || status=$?
  [ "$status" = 1 ] || { echo "tsan: expected exit 1 (errors), got $status"; exit 1; }
done
echo "tsan: no data race"
