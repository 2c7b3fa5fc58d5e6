"""Reads an RFC 5322 message from stdin with Python's email package (policy=email.policy.default, as a mail client
built on it reads one) and prints, as JSON, the header fields as decoded, the defects found in the message and in
each part, and the parts' types, charsets and decoded text. With --strict, policy.strict: any defect is an error."""
import email
import json
import sys
from email import policy

raw = sys.stdin.buffer.read()
message = email.message_from_bytes(raw, policy=policy.strict if "--strict" in sys.argv[1:] else policy.default)
headers = {}
for name, value in message.items():
    headers.setdefault(name.lower(), []).append(str(value))
parts = []
for part in message.walk():
    entry = {"type": part.get_content_type(), "charset": part.get_content_charset(), "defects": [type(d).__name__ for d in part.defects]}
    if not part.is_multipart():
        entry["content"] = part.get_content()
    parts.append(entry)
date = message["Date"]
print(json.dumps({
    "headers": headers,
    # The Date field as Python reads it (RFC 5322 §3.3), in the offset it was written in.
    "date": date.datetime.isoformat() if date is not None and date.datetime is not None else None,
    "header_defects": {name.lower(): [type(d).__name__ for d in getattr(value, "defects", ())] for name, value in message.items()},
    "parts": parts,
}, ensure_ascii=False))
