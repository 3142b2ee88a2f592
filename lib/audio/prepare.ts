/**
 * Encoded bytes → the engine's canonical input: mono by mean downmix, resampled to 48 kHz with the
 * resampy-equivalent resampler. Decoding first and downmixing before resampling is the reference
 * order (soundfile → np.mean → resampy); both steps are linear, so the order changes nothing but cost.
 */
import { type DecodeOptions, decodeAudio } from './decode';
import { downmix } from './downmix';
import { resample } from './resample';
import { CLAP_SAMPLE_RATE, type DecodedAudio, type PreparedAudio } from './types';

export async function prepareAudio(bytes: Uint8Array, options: DecodeOptions = {}): Promise<PreparedAudio> {
  return prepareDecoded(await decodeAudio(bytes, options));
}

/** For callers that already hold decoded PCM (e.g. synthesised audio, or a decode done elsewhere). */
export function prepareDecoded(decoded: DecodedAudio): PreparedAudio {
  const mono = downmix(decoded.channels);
  return {
    samples: resample(mono, decoded.sampleRate, CLAP_SAMPLE_RATE),
    sampleRate: CLAP_SAMPLE_RATE,
    source: {
      format: decoded.format,
      sampleRate: decoded.sampleRate,
      channels: decoded.channels.length,
      durationSeconds: decoded.length / decoded.sampleRate,
    },
  };
}
