"""Eigenvalues of symmetric matrices with LAPACK (numpy.linalg.eigvalsh), for the eigen solver tests.

Usage: linalg_reference.py M1.npy [M2.npy ...]   (each a symmetric [n, n] array)
Prints a JSON list of ascending eigenvalue lists.
"""
import json
import sys

import numpy as np

print(json.dumps([np.linalg.eigvalsh(np.load(path).astype(np.float64)).tolist() for path in sys.argv[1:]]))
