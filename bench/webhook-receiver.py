#!/usr/bin/env python3
"""Webhook receiver of bench/hopper-bench.sh (part 3, Workflow Automation delivery): a threaded HTTP/1.1
server on 127.0.0.1 that answers 200 to every POST and records each request.

    webhook-receiver.py PORT SECRET RECORD_FILE

For each POST it writes one line to RECORD_FILE:

    <arrival, unix seconds (this machine's clock)> <X-Leadline-Event-Id> <X-Leadline-Delivery-Id> <signature ok 1/0> <t of the signature>

The signature is checked as docs/api-workflows.md says a receiver should: X-Leadline-Signature is
"t=<unix>,v1=<hex HMAC-SHA256(secret, '<t>.<raw body>')>", recomputed over the raw body and compared in
constant time. A bad signature is still answered 200 (a refusal would make Leadline retry it after 30 s
and the bench would measure the retry schedule), and is counted: the bench fails on any. GET answers 200
"ok" so the bench can wait for the receiver to listen. SIGTERM/SIGINT flush the file and print one
"BENCH " line with the counters.

HTTP/1.1 keep-alive on purpose: the silo's HttpClient pools connections, as it would against a real
receiver; an HTTP/1.0 server would make every delivery pay a new TCP connection.
"""
import hashlib
import hmac
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, secret, record_path = int(sys.argv[1]), sys.argv[2].encode(), sys.argv[3]
lock = threading.Lock()
# Line-buffered would be a write() per request anyway; a 64 KiB buffer flushed at exit and every
# second keeps the receiver cheap while the bench can still watch the file grow.
record = open(record_path, "w", buffering=65536)
counters = {"posts": 0, "bad_signatures": 0}


def signature_ok(header, body):
    """(ok, t) for an X-Leadline-Signature header; a key given twice or a missing one is refused."""
    pairs = [p.split("=", 1) for p in header.split(",")] if header else []
    if not pairs or any(len(p) != 2 for p in pairs) or len({p[0] for p in pairs}) != len(pairs):
        return False, ""
    fields = dict(pairs)
    t, v1 = fields.get("t", ""), fields.get("v1", "")
    if not t.isdigit() or not v1:
        return False, t
    expected = hmac.new(secret, t.encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, v1), t


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        arrived = time.time()  # after the body: "received" means the whole request is here
        ok, t = signature_ok(self.headers.get("X-Leadline-Signature", ""), body)
        event_id = self.headers.get("X-Leadline-Event-Id") or "-"
        delivery_id = self.headers.get("X-Leadline-Delivery-Id") or "-"
        with lock:
            record.write(f"{arrived:.6f} {event_id} {delivery_id} {1 if ok else 0} {t or '-'}\n")
            counters["posts"] += 1
            if not ok:
                counters["bad_signatures"] += 1
        self._answer(b"{}")

    do_PUT = do_POST  # the action's _method may be PUT

    def do_GET(self):
        self._answer(b"ok")

    def _answer(self, payload):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):  # no line per request on stderr
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # the silo opens up to MaxInFlight connections at once


def flusher():
    while True:
        time.sleep(1)
        with lock:
            record.flush()


def stop(*_):
    with lock:
        record.flush()
        print(f"BENCH posts={counters['posts']} bad_signatures={counters['bad_signatures']}", flush=True)
    # os._exit: serve_forever runs in this (main) thread, so server.shutdown() here would deadlock.
    os._exit(0)


signal.signal(signal.SIGTERM, stop)
signal.signal(signal.SIGINT, stop)
server = Server(("127.0.0.1", port), Handler)
threading.Thread(target=flusher, daemon=True).start()
print(f"listening on 127.0.0.1:{port}", flush=True)
server.serve_forever()
