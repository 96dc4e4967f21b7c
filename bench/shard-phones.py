#!/usr/bin/env python3
"""Phone numbers of one phone shard, for bench/memory-bench.sh.

  shard-phones.py phones SHARD COUNT START   -> COUNT national US numbers (stdout) whose shard is SHARD,
                                                taken in order from wrk-common.lua's phone(START), phone(START+1)...
  shard-phones.py check                      -> reads "e164|shard" lines (stdin) and exits 1 on any mismatch

A phone's shard is PhoneShardKey.ShardOf: Orleans' StableHash of the E.164 string (XxHash32, seed 0, of
its UTF-16LE bytes, digest read big-endian), modulo 64. "check" proves this copy agrees with the silo's
on rows the silo wrote, so the bench never trusts it blindly.
"""
import struct
import sys

SHARDS = 64
P1, P2, P3, P4, P5 = 2654435761, 2246822519, 3266489917, 668265263, 374761393
M = 0xFFFFFFFF


def rotl(x, r):
    return ((x << r) | (x >> (32 - r))) & M


def xxh32(data, seed=0):
    n, i = len(data), 0
    if n >= 16:
        v = [(seed + P1 + P2) & M, (seed + P2) & M, seed & M, (seed - P1) & M]
        while i + 16 <= n:
            for k, word in enumerate(struct.unpack_from("<4I", data, i)):
                v[k] = (rotl((v[k] + word * P2) & M, 13) * P1) & M
            i += 16
        h = (rotl(v[0], 1) + rotl(v[1], 7) + rotl(v[2], 12) + rotl(v[3], 18)) & M
    else:
        h = (seed + P5) & M
    h = (h + n) & M
    while i + 4 <= n:
        h = (rotl((h + struct.unpack_from("<I", data, i)[0] * P3) & M, 17) * P4) & M
        i += 4
    while i < n:
        h = (rotl((h + data[i] * P5) & M, 11) * P1) & M
        i += 1
    h ^= h >> 15
    h = (h * P2) & M
    h ^= h >> 13
    h = (h * P3) & M
    h ^= h >> 16
    return h


def shard_of(e164):
    digest = xxh32(e164.encode("utf-16-le"))
    return struct.unpack(">I", struct.pack("<I", digest))[0] % SHARDS


# wrk-common.lua's generator: a real area code, exchange 2xx-9xx without N11 and 555, any line.
AREAS = ["727", "813", "212", "305", "312", "415", "617", "702", "404", "214", "503", "206"]
EXCHANGES = [str(e) for e in range(200, 1000) if e % 100 != 11 and e != 555]


def phone(n):
    rest = n // 10000
    return AREAS[(rest // len(EXCHANGES)) % len(AREAS)] + EXCHANGES[rest % len(EXCHANGES)] + "%04d" % (n % 10000)


def main():
    if sys.argv[1] == "phones":
        shard, count, n = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
        out = sys.stdout
        while count > 0:
            number = phone(n)
            n += 1
            if shard_of("+1" + number) == shard:
                out.write(number + "\n")
                count -= 1
    elif sys.argv[1] == "check":
        bad = 0
        for line in sys.stdin:
            e164, shard = line.strip().split("|")
            if shard_of(e164) != int(shard):
                bad += 1
        sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
