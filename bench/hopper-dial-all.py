#!/usr/bin/env python3
"""The loader part of bench/hopper-bench.sh: one dialer pulls COUNT entries (pulls of at most 500) and acks them all.

    hopper-dial-all.py URL TOKEN CAMPAIGN_ID COUNT

Exit 1 unless the pull gave exactly COUNT entries and every ack succeeded.
"""
import json
import sys
import urllib.parse
import urllib.request

url, token, campaign, count = sys.argv[1:5]


def call(action, **fields):
    body = urllib.parse.urlencode({"auth_token": token, "campaign_id": campaign, **fields}).encode()
    return json.loads(urllib.request.urlopen(url + "/v1/hopper/" + action, body).read())


lease_ids = []
while len(lease_ids) < int(count):
    pulled = call("pull", count=min(500, int(count) - len(lease_ids)), lease_seconds=600)
    entries = pulled["data"]["entries"]
    if not entries:
        sys.exit(f"pulled {len(lease_ids)} entries, not {count}: {pulled}")
    lease_ids += [e["lease_id"] for e in entries]
for i in range(0, len(lease_ids), 500):
    answer = call("ack", lease_ids=",".join(lease_ids[i:i + 500]))
    if not answer.get("success"):
        sys.exit(f"ack refused: {answer}")
print("dialed", len(lease_ids))
