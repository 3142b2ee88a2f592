#!/usr/bin/python3
"""Renders a tracker module with Debian's native openmpt123 (libopenmpt 0.6.9), the independent
oracle for lib/audio/tracker.ts (chiptune3's libopenmpt 0.8.4 in wasm).

Usage: openmpt_render.py MODULE OUT.npy [SECONDS]
Renders at 48 kHz, stereo, 32-bit float, played once (repeat 0), with libopenmpt's default mixer
settings (no --filter/--stereo/--ramping overrides), up to SECONDS (0 = the whole song); saves
float64 [frames, 2] read back with soundfile.
"""
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np
import soundfile as sf


def main():
    module, out = sys.argv[1], sys.argv[2]
    seconds = sys.argv[3] if len(sys.argv) > 3 else "0"
    with tempfile.TemporaryDirectory() as tmp:
        # --render writes MODULE.wav beside its input (-o applies to other modes), so work on a copy.
        copy = os.path.join(tmp, "module" + os.path.splitext(module)[1])
        shutil.copyfile(module, copy)
        subprocess.run(
            ["/usr/bin/openmpt123", "--quiet", "--render", "--force", "--samplerate", "48000",
             "--channels", "2", "--float", "--repeat", "0", "--end-time", seconds,
             "--output-type", "wav", "--", copy],
            check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        wav = copy + ".wav"
        data, rate = sf.read(wav, dtype="float64", always_2d=True)
        assert rate == 48000, rate
        np.save(out, data)


if __name__ == "__main__":
    main()
