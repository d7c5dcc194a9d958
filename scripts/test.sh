#!/usr/bin/env bash
# Sets up and builds (scripts/setup.sh), runs the whole test suite, then builds again with
# AddressSanitizer and UndefinedBehaviorSanitizer in build-asan/ and runs the suite there too.
# Then it builds with ThreadSanitizer in build-tsan/ and runs the threaded tests there
# (scripts/tsan.sh). BUDC_SKIP_SANITIZERS=1 skips both sanitizer builds (for a quick local run).
set -euo pipefail
cd "$(dirname "$0")/.."
BUDC_TEST_TOOLS=1 ./scripts/setup.sh
# Microsoft's SARIF validator, pinned by tests/sarif/package-lock.json; the VS Code
# extension's client library, packager (@vscode/vsce) and grammar test, pinned by
# editors/vscode/package-lock.json.
(cd tests/sarif && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
(cd editors/vscode && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
ctest --test-dir build --output-on-failure
if [ "${BUDC_SKIP_SANITIZERS:-0}" != 1 ]; then
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUDC_SANITIZE=ON >/dev/null
  cmake --build build-asan -j "$(nproc)"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    ctest --test-dir build-asan --output-on-failure
  ./scripts/tsan.sh
fi
