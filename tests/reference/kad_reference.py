"""KAD exactly as kadtk's calc_kernel_audio_distance (YoonjinXD/kadtk, kadtk/kad.py), in float64 NumPy.

Usage: kad_reference.py X1.npy Y1.npy BANDWIDTH1 [X2.npy Y2.npy BANDWIDTH2 ...]  (BANDWIDTH "median")
X is the reference (baseline) set: the bandwidth defaults to the median of its pairwise distances,
taken like torch.median (the lower middle value, no averaging). Unbiased MMD² with a Gaussian RBF
kernel exp(-γ d²), γ = 1 / (2 h² + 1e-8), diagonals removed, ×100. kadtk computes in float32 torch;
float64 here so the comparison measures our arithmetic, not float32 noise.
Prints a JSON list of {kad, bandwidth, n_x, n_y}, one per triple.
"""
import json
import sys

import numpy as np
from scipy.spatial.distance import pdist

SCALE_FACTOR = 100


def median_pairwise_distance(x):
    # scipy's pdist, like torch.pdist, computes each ‖x_i − x_j‖ directly.
    distances = np.sort(pdist(x))
    return float(distances[(distances.size - 1) // 2])


def kad(x, y, bandwidth=None, eps=1e-8):
    if bandwidth is None:
        bandwidth = median_pairwise_distance(x)
    m, n = x.shape[0], y.shape[0]
    gamma = 1 / (2 * bandwidth**2 + eps)

    def kernel(d2):
        return np.exp(-gamma * d2)

    xx = x @ x.T
    x_sq = np.diagonal(xx)
    k_xx = kernel(x_sq[:, None] + x_sq[None, :] - 2 * xx)
    k_xx = k_xx - np.diag(np.diagonal(k_xx))
    k_xx_mean = k_xx.sum() / (m * (m - 1))

    yy = y @ y.T
    y_sq = np.diagonal(yy)
    k_yy = kernel(y_sq[:, None] + y_sq[None, :] - 2 * yy)
    k_yy = k_yy - np.diag(np.diagonal(k_yy))
    k_yy_mean = k_yy.sum() / (n * (n - 1))

    k_xy_mean = kernel(x_sq[:, None] + y_sq[None, :] - 2 * (x @ y.T)).mean()
    return float((k_xx_mean + k_yy_mean - 2 * k_xy_mean) * SCALE_FACTOR), float(bandwidth)


def main():
    args = sys.argv[1:]
    results = []
    for index in range(0, len(args), 3):
        x = np.load(args[index]).astype(np.float64)
        y = np.load(args[index + 1]).astype(np.float64)
        bandwidth = None if args[index + 2] == "median" else float(args[index + 2])
        value, h = kad(x, y, bandwidth)
        results.append({"kad": value, "bandwidth": h, "n_x": int(x.shape[0]), "n_y": int(y.shape[0])})
    print(json.dumps(results))


main()
