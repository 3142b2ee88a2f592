"""PCA projection reference (NumPy): centre, covariance (n - 1), eigh, top-k eigenvectors.

Usage: pca_projection.py ROWS.npy K
Signs: each component's largest-magnitude entry is made positive (as lib/datasets/client/pca.ts).
Prints JSON: coords (n x k), variances (k), total_variance.
"""
import json
import sys

import numpy as np

x = np.load(sys.argv[1]).astype(np.float64)
k = int(sys.argv[2])
centred = x - x.mean(axis=0)
cov = centred.T @ centred / (x.shape[0] - 1)
values, vectors = np.linalg.eigh(cov)
order = np.argsort(values)[::-1][:k]
top = vectors[:, order]
for c in range(k):
    if top[np.argmax(np.abs(top[:, c])), c] < 0:
        top[:, c] = -top[:, c]
print(json.dumps({
    "coords": (centred @ top).tolist(),
    "variances": values[order].tolist(),
    "total_variance": float(np.trace(cov)),
}))
