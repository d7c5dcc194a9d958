#!/usr/bin/env bash
# Installs every Debian package budc needs that is missing, then configures and builds
# build/bin/budc. Safe to run again: it installs nothing that is there and rebuilds incrementally.
# With BUDC_TEST_TOOLS=1 (scripts/test.sh sets it) it also installs what only the tests use.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake g++ make                # toolchain
  antlr4 default-jre-headless   # grammar → C++ at build time (Debian's ANTLR tool 4.7.2)
  libantlr4-runtime-dev         # ANTLR C++ runtime 4.9
  llvm-14-dev                   # LLVM ADT/Support: SourceMgr, json, cl, allocators
  llvm-14-tools                 # lit, FileCheck, not, split-file for file tests
  libxlsxwriter-dev pkg-config  # Excel workbooks
  libmimalloc-dev               # a faster malloc for the budc binary
  doctest-dev                   # unit tests
  python3                       # lit
)
if [ "${BUDC_TEST_TOOLS:-0}" = 1 ]; then
  packages+=(
    python3-jsonschema          # validates the JSON model against docs/budget.schema.json
    chromium                    # renders disclosure.html in tests/browser/render.py
    fonts-noto-cjk              # so that Chinese renders in screenshots and PDFs
    python3-openpyxl            # reads the Excel workbook back in tests/xlsx/
    libreoffice-calc-nogui      # converts the workbook to PDF: it opens without repair
    poppler-utils               # pdftotext, pdfinfo, pdftoppm for that PDF
    pre-commit git              # the hooks of .pre-commit-hooks.yaml in a throwaway repository
    valgrind                    # instruction counts of tests/robustness/recovery_linear.py
    neovim                      # its built-in LSP client drives budc lsp (tests/lsp/)
    emacs-nox elpa-eglot        # Emacs with eglot drives budc lsp (tests/lsp/)
  )
  # The SARIF validator, the VS Code extension's client library, its packager and its grammar
  # test come from the npm registry (tests/sarif/ and editors/vscode/ package-lock.json).
  command -v npm >/dev/null || packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

build_type="${BUDC_BUILD_TYPE:-Release}"
cmake -S . -B build -DCMAKE_BUILD_TYPE="$build_type" >/dev/null
cmake --build build -j "$(nproc)"
