/**
 * Which CLAP models Genki Studio can load, where their files live, which precision variant each
 * runtime uses, and the checks that a model folder fits our feature extractor. Pure (no I/O), so
 * the browser worker, the server and the CLI agree on every rule.
 *
 * Background: ../shared/reference/clap-and-fad.md §1.1 (preprocessor), §1.4 (files), §4.3 (variants).
 */
import { z } from 'zod';
import { isCommitSha, isValidRepoId, isValidRevision } from '../hub/names';
import { CLAP_FEATURES, EMBEDDING_DIM } from './constants';

export class ModelSpecError extends Error {
  override name = 'ModelSpecError';
}

export interface KnownModel {
  repo: string;
  /** Full commit SHA: a repo is mutable, scores must name the exact weights they came from. */
  revision: string;
  description: string;
}

/**
 * Pinned revisions. Both SHAs are the ones public projects pin for these repos (the Xenova ports
 * were last changed when the ONNX files were exported, Dec 2023); see the report that introduced
 * this file. Changing one changes every score, so do it deliberately.
 */
export const KNOWN_MODELS: readonly KnownModel[] = [
  {
    repo: 'Xenova/larger_clap_music_and_speech',
    revision: 'e9fd5ac1dbf3280936a7fc3ec8a020453ff184db',
    description: 'LAION larger CLAP (HTSAT-base) trained on music and speech; the MusicGen-era checkpoint.',
  },
  {
    repo: 'Xenova/clap-htsat-unfused',
    revision: 'c28f2883575e590e04d3146ff0713c2448d691ba',
    description: 'LAION CLAP HTSAT-tiny, unfused; the architecture of the Genki-Dama validator checkpoint.',
  },
];

export const DEFAULT_MODEL_REPO = 'Xenova/larger_clap_music_and_speech';

export function knownModel(repo: string): KnownModel | undefined {
  return KNOWN_MODELS.find((model) => model.repo === repo);
}

/** Default model reference (`hf:repo@sha`), what every tool uses unless told otherwise. */
export function defaultModelRef(): HubModelRef {
  const model = knownModel(DEFAULT_MODEL_REPO);
  if (!model) throw new ModelSpecError('The default model is missing from KNOWN_MODELS.');
  return { kind: 'hub', repo: model.repo, revision: model.revision, pinned: true };
}

// ---------------------------------------------------------------------------------------------
// Model references: `hf:owner/name@rev` or a local directory.

export interface HubModelRef {
  kind: 'hub';
  repo: string;
  revision: string;
  /** True when the revision is a full commit SHA (the files cannot change under us). */
  pinned: boolean;
}

export interface LocalModelRef {
  kind: 'local';
  dir: string;
}

export type ModelRef = HubModelRef | LocalModelRef;

const HUB_PREFIX = 'hf:';

/**
 * Parses `hf:owner/name[@revision]` or a local directory path. Known repos default to their pinned
 * SHA; unknown repos must name a revision, because "whatever main is today" is not reproducible.
 */
export function parseModelRef(input: string): ModelRef {
  const text = input.trim();
  if (text.length === 0) throw new ModelSpecError('The model reference is empty.');
  if ([...text].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) {
    throw new ModelSpecError('The model reference contains control characters.');
  }
  if (!text.startsWith(HUB_PREFIX)) return { kind: 'local', dir: text };

  const body = text.slice(HUB_PREFIX.length);
  const at = body.indexOf('@');
  const repo = at === -1 ? body : body.slice(0, at);
  const revision = at === -1 ? undefined : body.slice(at + 1);
  if (!isValidRepoId(repo)) {
    throw new ModelSpecError(
      `"${repo.slice(0, 120)}" is not a Hugging Face repo id. Write hf:owner/name@revision, e.g. hf:${DEFAULT_MODEL_REPO}.`,
    );
  }
  if (revision === undefined) {
    const known = knownModel(repo);
    if (!known) {
      throw new ModelSpecError(
        `No pinned revision is known for ${repo}: write hf:${repo}@<commit sha> (a 40-character commit id from the repo's history) so scores stay reproducible.`,
      );
    }
    return { kind: 'hub', repo, revision: known.revision, pinned: true };
  }
  if (!isValidRevision(revision)) {
    throw new ModelSpecError(
      `"${revision.slice(0, 120)}" is not a usable revision for ${repo}: give a 40-character commit SHA or a branch/tag name.`,
    );
  }
  return { kind: 'hub', repo, revision, pinned: isCommitSha(revision) };
}

export function formatModelRef(ref: ModelRef): string {
  return ref.kind === 'hub' ? `${HUB_PREFIX}${ref.repo}@${ref.revision}` : ref.dir;
}

// ---------------------------------------------------------------------------------------------
// Files and variants.

export const MODEL_FILES = {
  config: 'config.json',
  preprocessor: 'preprocessor_config.json',
  tokenizer: 'tokenizer.json',
  /** Optional: @huggingface/tokenizers reads special-token settings from it when present. */
  tokenizerConfig: 'tokenizer_config.json',
} as const;

export const MODEL_VARIANTS = ['fp32', 'fp16', 'quantized'] as const;
export type ModelVariant = (typeof MODEL_VARIANTS)[number];
export type Tower = 'audio' | 'text';
export type Backend = 'wasm' | 'webgpu' | 'cpu';

const VARIANT_SUFFIX: Record<ModelVariant, string> = { fp32: '', fp16: '_fp16', quantized: '_quantized' };

/** `onnx/audio_model_quantized.onnx` and friends (transformers.js naming). */
export function onnxPath(tower: Tower, variant: ModelVariant): string {
  return `onnx/${tower}_model${VARIANT_SUFFIX[variant]}.onnx`;
}

/** Which tower/variant a repo path holds, if it is one of ours (`onnx/model.onnx` is not). */
export function parseOnnxPath(filePath: string): { tower: Tower; variant: ModelVariant } | undefined {
  const match = /^onnx\/(audio|text)_model(|_fp16|_quantized)\.onnx$/.exec(filePath);
  if (!match) return undefined;
  const tower = match[1] === 'audio' ? 'audio' : 'text';
  const variant = MODEL_VARIANTS.find((candidate) => VARIANT_SUFFIX[candidate] === match[2]);
  return variant ? { tower, variant } : undefined;
}

/** Variants present for each tower, given the list of files in a model folder or repo. */
export function availableVariants(filePaths: Iterable<string>): Record<Tower, ModelVariant[]> {
  const out: Record<Tower, ModelVariant[]> = { audio: [], text: [] };
  for (const filePath of filePaths) {
    const parsed = parseOnnxPath(filePath);
    if (parsed && !out[parsed.tower].includes(parsed.variant)) out[parsed.tower].push(parsed.variant);
  }
  for (const tower of ['audio', 'text'] as const) {
    out[tower].sort((a, b) => MODEL_VARIANTS.indexOf(a) - MODEL_VARIANTS.indexOf(b));
  }
  return out;
}

/**
 * The precision variant for a runtime. q8 (`_quantized`) only on WASM: on WebGPU its
 * MatMulInteger/DynamicQuantizeLinear nodes fall back to the CPU and are slow or wrong (§4.3).
 * fp16 only on WebGPU adapters with `shader-f16`. Everything else, Node CPU included, uses fp32,
 * which is also the fallback when the preferred file is missing.
 */
export function chooseVariant(
  runtime: { backend: Backend; shaderF16: boolean },
  available: readonly ModelVariant[],
): ModelVariant {
  const preferred: ModelVariant =
    runtime.backend === 'wasm'
      ? 'quantized'
      : runtime.backend === 'webgpu' && runtime.shaderF16
        ? 'fp16'
        : 'fp32';
  if (available.includes(preferred)) return preferred;
  if (available.includes('fp32')) return 'fp32';
  throw new ModelSpecError(
    `No usable ONNX file for the ${runtime.backend} backend: it needs ${preferred === 'fp32' ? 'fp32' : `${preferred} or fp32`}, the model has ${available.length > 0 ? available.join(', ') : 'none'}.`,
  );
}

// ---------------------------------------------------------------------------------------------
// config.json and preprocessor_config.json.

export const clapConfigSchema = z.looseObject({
  model_type: z.literal('clap', { error: 'model_type must be "clap"' }),
  projection_dim: z.number().int().positive().optional(),
  /** Marks the generated fixture model so every score made with it is labelled as a test score. */
  genki_test_model: z.boolean().optional(),
  genki_test_model_version: z.number().int().optional(),
});
export type ClapConfig = z.infer<typeof clapConfigSchema>;

export function parseClapConfig(json: unknown): ClapConfig {
  const result = clapConfigSchema.safeParse(json);
  if (!result.success) {
    throw new ModelSpecError(
      `config.json is not a CLAP config: ${result.error.issues[0]?.message ?? 'invalid'}.`,
    );
  }
  const dim = result.data.projection_dim;
  if (dim !== undefined && dim !== EMBEDDING_DIM) {
    throw new ModelSpecError(`config.json has projection_dim ${dim}; Genki Studio expects ${EMBEDDING_DIM}.`);
  }
  return result.data;
}

export const preprocessorConfigSchema = z.looseObject({
  feature_extractor_type: z.string().optional(),
  sampling_rate: z.number(),
  feature_size: z.number(),
  fft_window_size: z.number().optional(),
  n_fft: z.number().optional(),
  hop_length: z.number(),
  frequency_min: z.number(),
  frequency_max: z.number(),
  padding: z.string().optional(),
  truncation: z.string().optional(),
  top_db: z.number().nullable().optional(),
});
export type PreprocessorConfig = z.infer<typeof preprocessorConfigSchema>;

/**
 * Parses preprocessor_config.json and checks that it describes the features our extractor makes
 * (lib/clap/constants.ts). A model trained on other features would give confident nonsense.
 */
export function checkPreprocessorConfig(json: unknown): PreprocessorConfig {
  const result = preprocessorConfigSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ModelSpecError(
      `preprocessor_config.json is not a CLAP feature-extractor config (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}).`,
    );
  }
  const config = result.data;
  if (config.truncation === 'fusion') {
    throw new ModelSpecError(
      'This is a fused CLAP model (truncation "fusion"); Genki Studio supports unfused models only, such as Xenova/larger_clap_music_and_speech or Xenova/clap-htsat-unfused.',
    );
  }
  const nFft = config.n_fft ?? config.fft_window_size;
  const checks: [string, unknown, unknown][] = [
    ['sampling_rate', config.sampling_rate, CLAP_FEATURES.sampleRate],
    ['feature_size', config.feature_size, CLAP_FEATURES.nMels],
    ['n_fft', nFft, CLAP_FEATURES.nFft],
    ['hop_length', config.hop_length, CLAP_FEATURES.hopLength],
    ['frequency_min', config.frequency_min, CLAP_FEATURES.fMin],
    ['frequency_max', config.frequency_max, CLAP_FEATURES.fMax],
    ['padding', config.padding ?? 'repeatpad', 'repeatpad'],
    ['top_db', config.top_db ?? null, null],
  ];
  const wrong = checks.filter(([, got, want]) => got !== want);
  if (wrong.length > 0) {
    throw new ModelSpecError(
      `preprocessor_config.json does not match Genki Studio's feature extractor: ${wrong
        .map(([key, got, want]) => `${key} is ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`)
        .join('; ')}.`,
    );
  }
  return config;
}
