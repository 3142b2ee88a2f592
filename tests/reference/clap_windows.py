"""Python reproduction of window policy genki-windows-v1 (lib/clap/windows.ts), standard library only.

Reads [{"length": int, "seed": str, "count": int}, ...] as JSON on stdin and prints the list of
offset lists as JSON.
"""
import json
import sys

WINDOW = 480000
MASK = (1 << 64) - 1


def fnv1a64(text):
    h = 0xCBF29CE484222325
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x100000001B3) & MASK
    return h


def splitmix64(seed):
    state = seed & MASK
    while True:
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        yield z ^ (z >> 31)


def window_offsets(length, seed, count=3):
    if length <= WINDOW:
        return [0]
    span = length - WINDOW + 1
    rng = splitmix64(fnv1a64(seed))
    # floor(u * span) with u = (r >> 11) / 2**53, in exact integer arithmetic.
    return [((next(rng) >> 11) * span) >> 53 for _ in range(count)]


def main():
    cases = json.load(sys.stdin)
    print(json.dumps([window_offsets(c["length"], c["seed"], c.get("count", 3)) for c in cases]))


if __name__ == "__main__":
    main()
