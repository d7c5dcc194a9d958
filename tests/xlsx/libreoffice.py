#!/usr/bin/env python3
"""Converts the example's workbook to PDF with LibreOffice headless and checks the result.

    libreoffice.py BUDC EXAMPLE_DIR OUT_DIR

A workbook that needs repair does not convert cleanly; this converts OUT_DIR/disclosure.xlsx
with Debian's LibreOffice Calc (no GUI), requires a PDF with a page per printed sheet part,
reads its text back with pdftotext (so Chinese must have been rendered with real glyphs,
fonts-noto-cjk) and renders the first page to OUT_DIR/disclosure-sheet1.png.
"""
import os
import shutil
import subprocess
import sys
import tempfile


def main(budc, example, out):
    shutil.rmtree(out, ignore_errors=True)
    run = subprocess.run([budc, "build", "-q", "--format", "xlsx", example, "-o", out],
                         capture_output=True, text=True)
    if run.returncode:
        sys.exit("budc build failed:\n" + run.stderr)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("LibreOffice not found: scripts/test.sh installs libreoffice-calc-nogui")
    profile = tempfile.mkdtemp(prefix="budc-lo-")
    try:
        conv = subprocess.run([soffice, "-env:UserInstallation=file://" + profile, "--headless",
                               "--norestore", "--convert-to", "pdf", "--outdir", out,
                               os.path.join(out, "disclosure.xlsx")],
                              capture_output=True, text=True, timeout=300)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdf = os.path.join(out, "disclosure.pdf")
    if conv.returncode or not os.path.exists(pdf) or "Error" in conv.stderr:
        sys.exit("LibreOffice could not convert the workbook (%d):\n%s%s"
                 % (conv.returncode, conv.stdout, conv.stderr))
    pages = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    count = int(next(l.split()[-1] for l in pages.splitlines() if l.startswith("Pages:")))
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True,
                          text=True).stdout
    missing = [t for t in ["部门预算收支总表", "3372.04", "国有土地使用权出让收入安排的支出",
                           "注：无国有资本经营预算财政拨款预算，空表列示。", "≤21332元/人.年",
                           "1340.99"] if t not in text]
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", pdf,
                    os.path.join(out, "disclosure-sheet1")], check=True)
    print("LibreOffice converted the workbook to %d PDF pages; first page in %s"
          % (count, os.path.join(out, "disclosure-sheet1.png")))
    if count < 29 or missing:
        sys.exit("pages: %d (want a page per sheet at least); text missing from the PDF: %r"
                 % (count, missing))


if __name__ == "__main__":
    main(*sys.argv[1:])
