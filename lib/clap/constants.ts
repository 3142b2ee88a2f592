/**
 * The unfused CLAP feature-extractor configuration (identical `preprocessor_config.json` in
 * laion/clap-htsat-unfused, laion/larger_clap_* and the Xenova ports). Python semantics, not the
 * class defaults: see ../shared/reference/clap-and-fad.md §1.1.
 */
export const CLAP_FEATURES = {
  sampleRate: 48000,
  /** 10 s window. */
  maxSamples: 480000,
  nFft: 1024,
  hopLength: 480,
  nMels: 64,
  fMin: 50,
  fMax: 14000,
  /** 1 + 480000 / 480 frames (reflect-centred STFT). */
  frames: 1001,
  /** 10·log10(max(x, 1e-10)). */
  minPower: 1e-10,
} as const;

/** Size of one feature tensor [1, 1, 1001, 64] as a flat float32 array (time-major, mel fastest). */
export const FEATURE_LENGTH = CLAP_FEATURES.frames * CLAP_FEATURES.nMels;
export const FEATURE_DIMS = [1, 1, CLAP_FEATURES.frames, CLAP_FEATURES.nMels] as const;

/** Projection size of every CLAP checkpoint we support. */
export const EMBEDDING_DIM = 512;
