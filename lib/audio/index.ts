/** The audio input layer of the scoring engine: decode → downmix → resample to 48 kHz. */
export { type DecodeOptions, decodeAudio } from './decode';
export { downmix } from './downmix';
export { describeUnsupported, SUPPORTED_FORMATS_TEXT, sniffAudioFormat } from './formats';
export { prepareAudio, prepareDecoded } from './prepare';
export { KAISER_BEST, KAISER_FAST, type ResampleFilter, resample, resampledLength } from './resample';
export { loadLibOpenMpt, renderTracker, TRACKER_SAMPLE_RATE } from './tracker';
export {
  AUDIO_FORMATS,
  AudioDecodeError,
  type AudioErrorCode,
  type AudioFormat,
  CLAP_SAMPLE_RATE,
  DEFAULT_AUDIO_LIMITS,
  type DecodedAudio,
  type PreparedAudio,
  TRACKER_FORMATS,
} from './types';
export { decodeWav, readWavHeader, type WavHeader } from './wav';
