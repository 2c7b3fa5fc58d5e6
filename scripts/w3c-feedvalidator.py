#!/usr/bin/env python3
"""Runs the W3C Feed Validation Service's own code (github.com/w3c/feedvalidator, checked out
outside this repo) over every RSS and Atom file of a published folder, as if fetched from its public URL.

Usage: FEEDVALIDATOR_DIR=/path/to/feedvalidator python3 scripts/w3c-feedvalidator.py PUBLIC_DIR SITE_URL
Needs Debian's python3-html5lib and python3-lxml. Exit 1 on any error (or, with --strict, any warning).
"""
import os
import sys

root = os.environ.get("FEEDVALIDATOR_DIR")
if not root:
    sys.exit("set FEEDVALIDATOR_DIR to a checkout of github.com/w3c/feedvalidator")
sys.path.insert(0, os.path.join(root, "src"))

import feedvalidator  # noqa: E402
from feedvalidator import compatibility  # noqa: E402
from feedvalidator.formatter.text_plain import Formatter  # noqa: E402
from feedvalidator.logging import Error, Warning  # noqa: E402

args = [a for a in sys.argv[1:] if not a.startswith("--")]
strict = "--strict" in sys.argv
public_dir, site_url = args[0], args[1].rstrip("/") + "/"
errors = warnings = checked = 0
for folder, _dirs, files in os.walk(public_dir):
    for name in sorted(files):
        if name not in ("rss.xml", "atom.xml"):
            continue
        path = os.path.join(folder, name)
        url = site_url + os.path.relpath(path, public_dir).replace(os.sep, "/")
        with open(path, "rb") as stream:
            try:
                events = feedvalidator.validateStream(stream, firstOccurrenceOnly=0, base=url)["loggedEvents"]
            except feedvalidator.logging.ValidationFailure as failure:
                events = [failure.event]
        events = compatibility.AA(events)
        checked += 1
        file_errors = [e for e in events if isinstance(e, Error)]
        file_warnings = [e for e in events if isinstance(e, Warning)]
        errors += len(file_errors)
        warnings += len(file_warnings)
        for line in Formatter(file_errors + file_warnings):
            print(f"{url}: {line}")
print(f"W3C feedvalidator: {checked} feeds, {errors} errors, {warnings} warnings")
sys.exit(1 if errors or (strict and warnings) else 0)
