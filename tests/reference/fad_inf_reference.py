"""FAD∞ as fadtk's score_inf, given the draws (our PRNG's draws cannot come from NumPy's).

Usage:
  fad_inf_reference.py REF.npy DRAW1.npy [DRAW2.npy ...]
      reference stats from REF; FAD (scipy sqrtm, see fad_reference.py) of each draw against them;
      np.polyfit(1/n, fad, 1) and fadtk's r². Prints JSON {points: [[n, fad]], score, slope, r2}.
  fad_inf_reference.py --linspace MIN MAX STEPS
      fadtk's grid [int(n) for n in np.linspace(MIN, MAX, STEPS)] as a JSON list.
"""
import json
import os
import sys

import numpy as np

# Import the sibling reference without leaving a __pycache__ in the repository.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fad_reference import frechet, stats  # noqa: E402


def main():
    args = sys.argv[1:]
    if args[0] == "--linspace":
        lo, hi, steps = int(args[1]), int(args[2]), int(args[3])
        print(json.dumps([int(n) for n in np.linspace(lo, hi, steps)]))
        return
    mu_base, cov_base = stats(np.load(args[0]))
    results = []
    for path in args[1:]:
        draw = np.load(path).astype(np.float64)
        mu, cov = stats(draw)
        results.append([int(draw.shape[0]), frechet(mu_base, cov_base, mu, cov)[0]])
    ys = np.array(results)
    xs = 1 / ys[:, 0]
    slope, intercept = np.polyfit(xs, ys[:, 1], 1)
    r2 = 1 - np.sum((ys[:, 1] - (slope * xs + intercept)) ** 2) / np.sum((ys[:, 1] - np.mean(ys[:, 1])) ** 2)
    print(json.dumps({"points": results, "score": float(intercept), "slope": float(slope), "r2": float(r2)}))


main()
