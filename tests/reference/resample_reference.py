#!/usr/bin/python3
"""Independent vectorised NumPy reference for lib/audio/resample.ts (resampy's algorithm).

Written from the algorithm's description (Smith's bandlimited interpolation as resampy implements
it), not from the TypeScript: a windowed-sinc half filter sampled 2**precision times per zero
crossing, read with linear interpolation between table entries; when downsampling the filter is
scaled by the ratio and stepped through in int(ratio * 2**precision) strides.

Usage: resample_reference.py IN.npy SR_ORIG SR_NEW OUT.npy [kaiser_fast|kaiser_best]
       resample_reference.py --jobs JOBS.json   (a list of [IN, SR_ORIG, SR_NEW, OUT, FILTER])
IN is a 1-D float32/float64 array; OUT is float64.
"""
import json
import sys

import numpy as np
from scipy.signal.windows import kaiser

FILTERS = {
    # name: (zero crossings, precision bits, Kaiser beta, roll-off as a fraction of Nyquist)
    "kaiser_fast": (24, 9, 9.90322, 0.868212),
    "kaiser_best": (50, 13, 12.9846, 0.917347),
}


def half_filter(name):
    zeros, precision, beta, rolloff = FILTERS[name]
    per_zero = 2**precision
    taps = zeros * per_zero
    x = np.arange(taps + 1) / per_zero  # time in zero crossings
    window = kaiser(2 * taps + 1, beta)[taps:]
    return window * rolloff * np.sinc(rolloff * x), per_zero


def wing(x, n, frac, table, delta, per_zero, step, direction):
    """Sum over one side of the filter, all output samples at once (loop over taps only)."""
    position = frac * per_zero
    offset = np.floor(position).astype(np.int64)
    eta = position - offset
    count = (len(table) - offset) // step  # taps this output may use on this side
    y = np.zeros(len(n))
    for i in range(int(count.max())):
        j = offset + i * step
        source = n - i if direction < 0 else n + 1 + i
        use = (i < count) & (source >= 0) & (source < len(x))
        jj = np.where(use, j, 0)
        ss = np.where(use, source, 0)
        y += np.where(use, (table[jj] + eta * delta[jj]) * x[ss], 0.0)
    return y


def resample(x, sr_orig, sr_new, name="kaiser_best"):
    if sr_orig == sr_new:
        return x.astype(np.float64)
    ratio = sr_new / sr_orig
    n_out = int(len(x) * sr_new / sr_orig)
    table, per_zero = half_filter(name)
    if ratio < 1:
        table = table * ratio
    delta = np.append(np.diff(table), 0.0)
    scale = min(1.0, ratio)
    step = int(scale * per_zero)
    time = np.arange(n_out) * (1.0 / ratio)
    n = np.floor(time).astype(np.int64)
    frac = scale * (time - n)
    x = x.astype(np.float64)
    left = wing(x, n, frac, table, delta, per_zero, step, -1)
    right = wing(x, n, scale - frac, table, delta, per_zero, step, +1)
    return left + right


def run(source, sr_orig, sr_new, target, name="kaiser_best"):
    x = np.load(source)
    np.save(target, resample(x, float(sr_orig), float(sr_new), name))


def main():
    if sys.argv[1] == "--jobs":
        with open(sys.argv[2]) as f:
            for job in json.load(f):
                run(*job)
    else:
        run(*sys.argv[1:6])


if __name__ == "__main__":
    main()
