"""Prints what newsboat keeps in each cache file (SQLite) named on the command line after `newsboat -x reload`, as a
JSON list in their order: the feeds and, per item, the guid, title, link, date (pubDate, seconds since the epoch) and
author, as newsboat shows them. One run reads several caches: the interpreter's start costs more than a read.
Run with Debian's python3, whose standard library has sqlite3 (Node 20 has no node:sqlite)."""
import json
import sqlite3
import sys


def read(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    feeds = [
        {"rssurl": rssurl, "url": url, "title": title}
        for rssurl, url, title in db.execute("SELECT rssurl, url, title FROM rss_feed ORDER BY rssurl")
    ]
    items = [
        {"feedurl": feedurl, "guid": guid, "title": title, "url": url, "pubDate": pub_date, "author": author}
        for feedurl, guid, title, url, pub_date, author in db.execute(
            "SELECT feedurl, guid, title, url, pubDate, author FROM rss_item WHERE deleted = 0 ORDER BY pubDate DESC, guid"
        )
    ]
    db.close()
    return {"feeds": feeds, "items": items}


print(json.dumps([read(path) for path in sys.argv[1:]], ensure_ascii=False))
