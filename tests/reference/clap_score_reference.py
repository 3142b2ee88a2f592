"""CLAP score as cosine of L2-normalised embeddings, text i with audio i (NumPy).

Usage: clap_score_reference.py TEXT.npy AUDIO.npy
Prints JSON: mean, std (ddof 0), scores.
"""
import json
import sys

import numpy as np

text = np.load(sys.argv[1]).astype(np.float64)
audio = np.load(sys.argv[2]).astype(np.float64)
text /= np.linalg.norm(text, axis=1, keepdims=True)
audio /= np.linalg.norm(audio, axis=1, keepdims=True)
scores = np.sum(text * audio, axis=1)
print(json.dumps({"mean": float(scores.mean()), "std": float(scores.std()), "scores": scores.tolist()}))
