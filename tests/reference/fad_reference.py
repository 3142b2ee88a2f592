"""FAD the way the Python references compute it (Google fad_utils / pytorch-fid / fadtk's sqrtm path).

Usage: fad_reference.py [--stats DIR] A1.npy B1.npy [A2.npy B2.npy ...]
Prints a JSON list, one object per pair: fad (scipy sqrtm of sigma1 @ sigma2, real part, eps·I retry
when non-finite), fad_eig (fadtk/torchaudio eigenvalue route), fad_svd (exact low-rank route:
singular values of the centred Xa·Xbᵀ, no null-space round-off; None when both N > D), n_a, n_b,
max_imag. With --stats DIR, also writes mean_a.npy, cov_a.npy, mean_b.npy, cov_b.npy of the first
pair. Written for Debian's numpy 1.24 / scipy 1.10 (sqrtm still takes disp=False).
"""
import json
import os
import sys

import numpy as np
from scipy import linalg


def stats(x):
    x = np.asarray(x, dtype=np.float64)
    return np.mean(x, axis=0), np.cov(x, rowvar=False)


def frechet(mu1, sigma1, mu2, sigma2, eps=1e-6):
    diff = mu1 - mu2
    covmean, _ = linalg.sqrtm(sigma1.dot(sigma2), disp=False)
    if not np.isfinite(covmean).all():
        offset = np.eye(sigma1.shape[0]) * eps
        covmean, _ = linalg.sqrtm((sigma1 + offset).dot(sigma2 + offset), disp=False)
    max_imag = 0.0
    if np.iscomplexobj(covmean):
        max_imag = float(np.max(np.abs(np.diagonal(covmean).imag)))
        if max_imag > 1e-3:
            raise ValueError(f"Imaginary component {max_imag}")
        covmean = covmean.real
    value = diff.dot(diff) + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(covmean)
    return float(value), max_imag


def frechet_eig(mu1, sigma1, mu2, sigma2):
    diff = mu1 - mu2
    eigenvalues = linalg.eigvals(sigma1 @ sigma2)
    tr_sqrt = np.sum(np.sqrt(eigenvalues.astype(np.complex128))).real
    return float(diff.dot(diff) + np.trace(sigma1) + np.trace(sigma2) - 2 * tr_sqrt)


def frechet_svd(a, b):
    """tr sqrt(Σa Σb) = nuclear norm of centred Xa·Xbᵀ / sqrt((Na−1)(Nb−1)): exact rank, no sqrtm."""
    ca = a - a.mean(axis=0)
    cb = b - b.mean(axis=0)
    singular = np.linalg.svd(ca @ cb.T, compute_uv=False)
    tr_sqrt = singular.sum() / np.sqrt((a.shape[0] - 1) * (b.shape[0] - 1))
    diff = a.mean(axis=0) - b.mean(axis=0)
    tr_a = np.sum(ca * ca) / (a.shape[0] - 1)
    tr_b = np.sum(cb * cb) / (b.shape[0] - 1)
    return float(diff.dot(diff) + tr_a + tr_b - 2 * tr_sqrt)


def compare(path_a, path_b, stats_dir):
    a = np.load(path_a).astype(np.float64)
    b = np.load(path_b).astype(np.float64)
    mu_a, cov_a = stats(a)
    mu_b, cov_b = stats(b)
    if stats_dir is not None:
        for name, value in (("mean_a", mu_a), ("cov_a", cov_a), ("mean_b", mu_b), ("cov_b", cov_b)):
            np.save(os.path.join(stats_dir, name + ".npy"), np.ascontiguousarray(value))
    value, max_imag = frechet(mu_a, cov_a, mu_b, cov_b)
    small = min(a.shape[0], b.shape[0]) <= a.shape[1]
    return {
        "fad": value,
        "fad_eig": frechet_eig(mu_a, cov_a, mu_b, cov_b),
        "fad_svd": frechet_svd(a, b) if small else None,
        "n_a": int(a.shape[0]),
        "n_b": int(b.shape[0]),
        "max_imag": max_imag,
    }


def main():
    args = sys.argv[1:]
    stats_dir = None
    if args[:1] == ["--stats"]:
        stats_dir, args = args[1], args[2:]
    results = []
    for index in range(0, len(args), 2):
        results.append(compare(args[index], args[index + 1], stats_dir if index == 0 else None))
    print(json.dumps(results))


if __name__ == "__main__":
    main()
