#!/usr/bin/python3
"""Independent NumPy/SciPy reference for lib/datasets/processing (loudness.ts, signal-stats.ts).

  loudness_reference.py SIGNAL.npy RATE [SIGNAL.npy RATE ...]
      SIGNAL is float32/float64 [frames, channels]. Prints one JSON line per signal: integrated loudness (ITU-R
      BS.1770-4: K-weighting with scipy.signal.lfilter, 400 ms blocks from 100 ms segments at
      floor(k * rate / 10 + 0.5), absolute gate -70 LUFS, relative gate -10 LU, weights 1.0), the silent
      share of 50 ms frames (RMS over all channels below -60 dBFS), the share of samples in runs of
      >= 3 at |x| >= 0.999, the largest |mean| of a channel, and the K-weighting coefficients.
  loudness_reference.py coefficients RATE [RATE ...]
      Prints only the coefficients (b, a of both stages), one JSON line per RATE.
"""
import json
import sys

import numpy as np
from scipy.signal import lfilter


def half_up(value):
    """Round half up, as JavaScript's Math.round does (Python's round() goes to even)."""
    return int(np.floor(value + 0.5))


def k_weighting(rate):
    """Stage 1 (high shelf) and stage 2 (RLB high-pass), from the analogue prototypes' parameters."""
    f0, gain_db, q = 1681.974450955533, 3.999843853973347, 0.7071752369554196
    k = np.tan(np.pi * f0 / rate)
    vh = 10.0 ** (gain_db / 20.0)
    vb = vh ** 0.4996667741545416
    a0 = 1.0 + k / q + k * k
    shelf_b = np.array([vh + vb * k / q + k * k, 2.0 * (k * k - vh), vh - vb * k / q + k * k]) / a0
    shelf_a = np.array([a0, 2.0 * (k * k - 1.0), 1.0 - k / q + k * k]) / a0
    f0, q = 38.13547087602444, 0.5003270373238773
    k = np.tan(np.pi * f0 / rate)
    a0 = 1.0 + k / q + k * k
    hp_b = np.array([1.0, -2.0, 1.0])
    hp_a = np.array([a0, 2.0 * (k * k - 1.0), 1.0 - k / q + k * k]) / a0
    return (shelf_b, shelf_a), (hp_b, hp_a)


def integrated_loudness(x, rate):
    (sb, sa), (hb, ha) = k_weighting(rate)
    y = lfilter(hb, ha, lfilter(sb, sa, x, axis=0), axis=0)
    n = x.shape[0]
    bounds = [0]
    k = 1
    while half_up(k * rate / 10) <= n:
        bounds.append(half_up(k * rate / 10))
        k += 1
    bounds = np.array(bounds)
    if len(bounds) - 1 < 4:
        return None
    energy = np.array([np.sum(y[bounds[i]:bounds[i + 1]] ** 2) for i in range(len(bounds) - 1)])
    blocks = len(energy) - 3
    power = np.array([energy[j:j + 4].sum() / (bounds[j + 4] - bounds[j]) for j in range(blocks)])
    with np.errstate(divide="ignore"):
        loud = -0.691 + 10 * np.log10(power)
    gated = power[(power > 0) & (loud > -70)]
    if gated.size == 0:
        return None
    relative = -0.691 + 10 * np.log10(gated.mean()) - 10
    final = power[(power > 0) & (loud > -70) & (loud > relative)]
    return float(-0.691 + 10 * np.log10(final.mean()))


def silent_ratio(x, rate):
    frame = max(1, half_up(0.05 * rate))
    n, channels = x.shape
    frames = max(1, n // frame)
    used = min(n, frames * frame)
    squares = (x[:used] ** 2).sum(axis=1)
    per_frame = [squares[i * frame:(i + 1) * frame].sum() / (min(frame, n) * channels) for i in range(frames)]
    return float(np.mean(np.array(per_frame) < 10 ** (-60 / 10)))


def clipped_ratio(x):
    total = 0
    for c in range(x.shape[1]):
        hot = np.concatenate([[0], (np.abs(x[:, c]) >= 0.999).astype(np.int8), [0]])
        edges = np.diff(hot)
        starts, ends = np.where(edges == 1)[0], np.where(edges == -1)[0]
        runs = ends - starts
        total += int(runs[runs >= 3].sum())
    return total / x.size


def main():
    if sys.argv[1] == "coefficients":
        for rate in sys.argv[2:]:
            (sb, sa), (hb, ha) = k_weighting(float(rate))
            print(json.dumps({"shelf": [sb.tolist(), sa.tolist()], "highPass": [hb.tolist(), ha.tolist()]}))
        return
    args = sys.argv[1:]
    for path, rate_text in zip(args[0::2], args[1::2]):
        x = np.load(path).astype(np.float64)
        if x.ndim == 1:
            x = x[:, None]
        rate = float(rate_text)
        print(json.dumps({
            "lufs": integrated_loudness(x, rate),
            "silentRatio": silent_ratio(x, rate),
            "clippedRatio": clipped_ratio(x),
            "dcOffset": float(np.max(np.abs(x.mean(axis=0)))),
        }))


if __name__ == "__main__":
    main()
