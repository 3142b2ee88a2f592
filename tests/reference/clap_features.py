"""Independent float64 reference for lib/clap/features.ts (NumPy/SciPy only, no librosa).

Written from the formulas, not from the TypeScript: HF ClapFeatureExtractor with the unfused
preprocessor_config (repeatpad, reflect-centred STFT, periodic Hann, power, Slaney mel, dB).

Usage: clap_features.py < request.json, where request is
  {"bank": out.npy (optional: the 64 x 513 mel filter bank, float64),
   "jobs": [{"input": in.npy, "output": out.npy, "offset": int}, ...]}
Inputs are float32/float64 .npy, 1-D mono or [N, channels] (downmixed by the mean here, in float64).
Outputs are float64 [1001, 64], time-major.
"""
import json
import sys

import numpy as np
from scipy.signal import get_window

SR = 48000
N_FFT = 1024
HOP = 480
N_MELS = 64
F_MIN = 50.0
F_MAX = 14000.0
WINDOW = 480000


def hz_to_mel(f):
    f = np.asarray(f, dtype=np.float64)
    linear = f * 3.0 / 200.0
    log = 15.0 + np.log(np.maximum(f, 1e-30) / 1000.0) / (np.log(6.4) / 27.0)
    return np.where(f >= 1000.0, log, linear)


def mel_to_hz(m):
    m = np.asarray(m, dtype=np.float64)
    linear = m * 200.0 / 3.0
    log = 1000.0 * np.exp((m - 15.0) * np.log(6.4) / 27.0)
    return np.where(m >= 15.0, log, linear)


def mel_bank():
    freqs = np.fft.rfftfreq(N_FFT, d=1.0 / SR)
    edges = mel_to_hz(np.linspace(hz_to_mel(F_MIN), hz_to_mel(F_MAX), N_MELS + 2))
    bank = np.zeros((N_MELS, freqs.size))
    for m in range(N_MELS):
        lo, mid, hi = edges[m], edges[m + 1], edges[m + 2]
        rising = (freqs - lo) / (mid - lo)
        falling = (hi - freqs) / (hi - mid)
        bank[m] = np.clip(np.minimum(rising, falling), 0.0, None) * (2.0 / (hi - lo))
    return bank


def take_window(x, offset):
    """10 s from offset; what remains if shorter, tiled floor(10 s / len) times then zero-padded."""
    chunk = x[offset:offset + WINDOW]
    if chunk.size == 0:
        raise ValueError("empty window")
    if chunk.size < WINDOW:
        chunk = np.tile(chunk, WINDOW // chunk.size)
        chunk = np.concatenate([chunk, np.zeros(WINDOW - chunk.size)])
    return chunk


def log_mel(x, offset, bank):
    y = np.pad(take_window(x, offset), N_FFT // 2, mode="reflect")
    n_frames = 1 + (y.size - N_FFT) // HOP
    idx = np.arange(N_FFT)[None, :] + HOP * np.arange(n_frames)[:, None]
    window = get_window("hann", N_FFT, fftbins=True)  # periodic Hann, SciPy's implementation
    spectrum = np.fft.rfft(y[idx] * window, n=N_FFT, axis=1)
    power = spectrum.real ** 2 + spectrum.imag ** 2
    mel = power @ bank.T
    return 10.0 * np.log10(np.maximum(mel, 1e-10))


def load_mono(path):
    a = np.load(path).astype(np.float64)
    return a.mean(axis=1) if a.ndim == 2 else a


def main():
    request = json.load(sys.stdin)
    bank = mel_bank()
    if request.get("bank"):
        np.save(request["bank"], bank)
    jobs = request.get("jobs", [])
    for job in jobs:
        out = log_mel(load_mono(job["input"]), int(job.get("offset", 0)), bank)
        np.save(job["output"], out.astype(np.float64))
    print(json.dumps({"jobs": len(jobs), "numpy": np.__version__}))


if __name__ == "__main__":
    main()
