#!/usr/bin/python3
"""The reference pipeline's audio input, as Genki-Dama's validator does it (frechet_audio_distance's
load: soundfile float32 → mean over channels → resampy to 48 kHz), with resample_reference.py
standing in for resampy (default filter, kaiser_best).

Usage: prepare_reference.py AUDIO_FILE OUT.npy   (OUT: float64 mono at 48 kHz)
"""
import sys

import numpy as np
import soundfile as sf

from resample_reference import resample


def main():
    data, rate = sf.read(sys.argv[1], dtype="float32", always_2d=True)
    mono = np.mean(data, axis=1)
    np.save(sys.argv[2], resample(mono, rate, 48000))


if __name__ == "__main__":
    main()
