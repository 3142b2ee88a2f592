/**
 * transformers.js's ClapFeatureExtractor, built offline from the published preprocessor_config.json
 * values of the unfused checkpoints (clap-and-fad.md §1.1): the baseline our extractor is compared
 * with (tests) and benchmarked against (bench). Node only: importing the package loads ORT-node.
 */
import { ClapFeatureExtractor } from '@huggingface/transformers';

export const UNFUSED_PREPROCESSOR_CONFIG = {
  feature_extractor_type: 'ClapFeatureExtractor',
  sampling_rate: 48000,
  feature_size: 64,
  fft_window_size: 1024,
  n_fft: 1024,
  hop_length: 480,
  frequency_min: 50,
  frequency_max: 14000,
  nb_frequency_bins: 513,
  nb_max_samples: 480000,
  nb_max_frames: 1000,
  max_length_s: 10,
  chunk_length_s: 10,
  padding: 'repeatpad',
  padding_value: 0.0,
  padding_side: 'right',
  truncation: 'rand_trunc',
  top_db: null,
  return_attention_mask: false,
};

/** Returns a function giving transformers.js's flat [1, 1, 1001, 64] features for one ≤ 10 s clip. */
export function transformersClapExtractor(): (samples: Float32Array) => Promise<Float32Array> {
  const extractor = new ClapFeatureExtractor(UNFUSED_PREPROCESSOR_CONFIG);
  return async (samples) => {
    const result: unknown = await extractor(samples);
    const features =
      typeof result === 'object' && result !== null && 'input_features' in result
        ? result.input_features
        : undefined;
    const data =
      typeof features === 'object' && features !== null && 'data' in features ? features.data : undefined;
    if (!(data instanceof Float32Array))
      throw new Error('transformers.js returned no float32 input_features.');
    return data;
  };
}
