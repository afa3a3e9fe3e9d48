#!/usr/bin/env python3
"""A webhook receiver written from the public documentation's signature rule, with Python's standard library only.

    X-Qonto-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
    Receivers reject timestamps older than 5 minutes. Deliveries can be duplicated.

Usage: WEBHOOK_SECRET=... webhook_receiver.py RECORD_FILE
Prints "listening on <port>" once it listens on 127.0.0.1, then appends one JSON line per request to RECORD_FILE:
{"verified": true|false, "reason": "...", "signature": "<header>", "headers": {...}, "body": "<raw body>"}.
Answers 200 to a verified delivery and 401 to anything else.
"""
import hashlib
import hmac
import http.server
import json
import os
import sys
import threading
import time

SECRET = os.environ["WEBHOOK_SECRET"].encode("utf-8")
TOLERANCE_SECONDS = 5 * 60
RECORD_FILE = sys.argv[1]
LOCK = threading.Lock()


def verify(header, body):
    if not header:
        return False, "missing signature"
    timestamp, signatures = None, []
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        if key == "t":
            timestamp = value
        elif key == "v1":
            signatures.append(value)
    if timestamp is None or not timestamp.isdigit() or not signatures:
        return False, "malformed signature"
    if abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS:
        return False, "timestamp outside tolerance"
    expected = hmac.new(SECRET, timestamp.encode("ascii") + b"." + body, hashlib.sha256).hexdigest()
    if any(hmac.compare_digest(expected, signature.lower()) for signature in signatures):
        return True, "ok"
    return False, "signature mismatch"


class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        signature = self.headers.get("X-Qonto-Signature")
        verified, reason = verify(signature, body)
        record = {
            "verified": verified,
            "reason": reason,
            "signature": signature,
            "headers": {name: value for name, value in self.headers.items()},
            "body": body.decode("utf-8", errors="replace"),
        }
        with LOCK, open(RECORD_FILE, "a", encoding="utf-8") as out:
            out.write(json.dumps(record) + "\n")
        self.send_response(200 if verified else 401)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
print(f"listening on {server.server_address[1]}", flush=True)
server.serve_forever()
