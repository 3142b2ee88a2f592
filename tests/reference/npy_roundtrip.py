"""Reads an .npy written by lib/npy.ts and writes one for it to read (numpy is the reference)."""
import json
import sys

import numpy as np

ours, theirs = sys.argv[1], sys.argv[2]
a = np.load(ours)
np.save(theirs, np.arange(6, dtype=np.float64).reshape(3, 2))
print(json.dumps({"shape": list(a.shape), "dtype": str(a.dtype), "sum": float(a.sum())}))
