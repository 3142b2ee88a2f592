#!/usr/bin/python3
"""Test audio made and read by libsndfile (Debian's python3-soundfile), the independent decoder
that lib/audio's tests compare against. No binary fixtures are committed: files are written into a
temporary folder at test time from a synthetic chiptune-like signal.

  audio_files.py write SPEC.json
      SPEC is a list of {"path", "format", "subtype", "rate", "channels", "seconds", "seed"}.
      Writes each file with soundfile, then reads it back with soundfile and saves that decode as
      PATH.npy (float32, shape [frames, channels]); the signal before encoding goes to PATH.src.npy. Prints soundfile's view of each as JSON lines.
  audio_files.py read PATH OUT.npy
      Reads any file soundfile understands and saves float64 [frames, channels].
"""
import json
import sys

import numpy as np
import soundfile as sf


def chiptune(rate, channels, seconds, seed):
    """Square + triangle + pulse bass + gated noise: band-rich like 8-bit game music."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(round(rate * seconds))) / rate
    out = np.zeros((len(t), channels))
    for c in range(channels):
        f = 220.0 * 2 ** ((3 * c + seed % 5) / 12)
        square = np.sign(np.sin(2 * np.pi * f * t))
        triangle = 2 * np.abs(2 * ((1.5 * f * t) % 1.0) - 1) - 1
        pulse = np.where((0.5 * f * t) % 1.0 < 0.25, 1.0, -1.0)
        gate = ((t * 8) % 1.0) < 0.3  # eighth-note hi-hat bursts
        noise = rng.uniform(-1, 1, len(t)) * gate
        fade = np.minimum(1.0, np.minimum(t, t[-1] - t) * 50)  # no clicks at the ends
        out[:, c] = fade * (0.25 * square + 0.25 * triangle + 0.15 * pulse + 0.1 * noise)
    return out


def write(spec_path):
    with open(spec_path) as f:
        specs = json.load(f)
    for spec in specs:
        data = chiptune(spec["rate"], spec["channels"], spec["seconds"], spec.get("seed", 1))
        sf.write(spec["path"], data, spec["rate"], format=spec["format"], subtype=spec.get("subtype"))
        np.save(spec["path"] + ".src.npy", data.astype(np.float32))
        decoded, rate = sf.read(spec["path"], dtype="float32", always_2d=True)
        np.save(spec["path"] + ".npy", decoded)
        info = sf.info(spec["path"])
        print(json.dumps({"path": spec["path"], "rate": rate, "frames": len(decoded),
                          "channels": info.channels, "subtype": info.subtype}))


def read(path, out):
    decoded, _ = sf.read(path, dtype="float64", always_2d=True)
    np.save(out, decoded)


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "write":
        write(sys.argv[2])
    elif command == "read":
        read(sys.argv[2], sys.argv[3])
    else:
        sys.exit(f"unknown command {command}")
