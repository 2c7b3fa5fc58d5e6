"""Reads a feed from stdin with the Universal Feed Parser (Debian's python3-feedparser), the library many
aggregators share, and prints what a reader would show, as JSON: HTML-typed text is decoded to plain text."""
import calendar
import html
import json
import re
import sys

import feedparser


def shown(detail):
    # An html-typed title is HTML: a reader renders it, so compare its text.
    if detail is None:
        return None
    value = detail.get("value", "")
    if detail.get("type") in ("text/html", "application/xhtml+xml"):
        value = html.unescape(re.sub(r"<[^>]*>", "", value))
    return value


def read(data):
    parsed = feedparser.parse(data)
    return {
        "bozo": bool(parsed.bozo),
        "bozo_exception": str(parsed.get("bozo_exception", "")),
        "version": parsed.version,
        "title": shown(parsed.feed.get("title_detail")),
        "entries": [
            {
                "title": shown(entry.get("title_detail")),
                "id": entry.get("id"),
                "link": entry.get("link"),
                "published": calendar.timegm(entry.published_parsed) * 1000 if entry.get("published_parsed") else None,
                "updated": calendar.timegm(entry.updated_parsed) * 1000 if entry.get("updated_parsed") else None,
                "tags": [tag.get("term") for tag in entry.get("tags", [])],
                "summary": shown(entry.get("summary_detail")),
            }
            for entry in parsed.entries
        ],
    }


# --each: stdin is a JSON list of feeds as text, each parsed from its UTF-8 bytes, and the output a list.
if sys.argv[1:] == ["--each"]:
    print(json.dumps([read(text.encode("utf-8")) for text in json.load(sys.stdin.buffer)], ensure_ascii=False))
else:
    print(json.dumps(read(sys.stdin.buffer.read()), ensure_ascii=False))
