#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Regenerates the option tables in docs/*.md from the stages' option tables:
#   scripts/gen-docs.py build/release/apps/lodeline/lodeline
# Between "<!-- options: SECTION -->" and "<!-- /options -->" a doc holds exactly the output of
# `lodeline options SECTION --markdown`, and between "<!-- error-codes -->" and
# "<!-- /error-codes -->" the output of `lodeline errors --markdown`; tests fail when they differ.
import pathlib
import re
import subprocess
import sys

BEGIN = re.compile(r"<!-- options: ([\w.]+) -->\n.*?<!-- /options -->", re.S)
ERRORS = re.compile(r"<!-- error-codes -->\n.*?<!-- /error-codes -->", re.S)


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: scripts/gen-docs.py PATH/TO/lodeline", file=sys.stderr)
        return 2
    exe = sys.argv[1]
    docs = pathlib.Path(__file__).resolve().parent.parent / "docs"
    for doc in sorted(docs.glob("*.md")):
        text = doc.read_text()

        def table(m: re.Match) -> str:
            out = subprocess.run([exe, "options", m.group(1), "--markdown"], check=True,
                                 capture_output=True, text=True).stdout
            return f"<!-- options: {m.group(1)} -->\n{out}<!-- /options -->"

        new = BEGIN.sub(table, text)
        errors = subprocess.run([exe, "errors", "--markdown"], check=True, capture_output=True,
                                text=True).stdout
        new = ERRORS.sub(lambda m: f"<!-- error-codes -->\n{errors}<!-- /error-codes -->", new)
        if new != text:
            doc.write_text(new)
            print(f"updated {doc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
