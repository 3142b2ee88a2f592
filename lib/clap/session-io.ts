/**
 * How ClapModel talks to a graph: which declared inputs and outputs it uses (read from the session
 * at load time, never assumed), and turning output tensors into unit vectors. Split from
 * session.ts; ORT-agnostic like it (types only from onnxruntime-common).
 */
import type { InferenceSession, Tensor } from 'onnxruntime-common';
import { EMBEDDING_DIM, FEATURE_DIMS } from './constants';
import { halfToFloat } from './half';
import type { ModelVariant } from './model-spec';

export class ClapModelError extends Error {
  override name = 'ClapModelError';
}

export interface TowerInfo {
  variant: ModelVariant;
  inputNames: readonly string[];
  outputNames: readonly string[];
  /** The output we read. */
  output: string;
  /** Element type of the features / ids we feed. */
  inputType: string;
  /** Text only: whether the graph takes `attention_mask`. */
  attentionMask?: boolean;
}

export interface Binding {
  session: InferenceSession;
  info: TowerInfo;
  input: string;
}

function metadataOf(session: InferenceSession, name: string): { type?: string; shape?: readonly unknown[] } {
  // inputMetadata exists from ORT 1.22 on (web and node); older runtimes simply skip the checks.
  const meta = (session.inputMetadata ?? []).find((candidate) => candidate.name === name);
  if (!meta) return {};
  if (!meta.isTensor) throw new ClapModelError(`Model input ${name} is not a tensor.`);
  return { type: meta.type, shape: meta.shape };
}

function pickOutput(session: InferenceSession, preferred: string, tower: string): string {
  const names = session.outputNames;
  if (names.includes(preferred)) return preferred;
  const [only] = names;
  if (names.length === 1 && only !== undefined) return only;
  throw new ClapModelError(
    `The ${tower} model's outputs are [${names.join(', ')}]: expected ${preferred} or a single output.`,
  );
}

export function bindAudio(session: InferenceSession, variant: ModelVariant): Binding {
  const inputs = session.inputNames;
  const [only] = inputs;
  const input = inputs.includes('input_features') ? 'input_features' : inputs.length === 1 ? only : undefined;
  if (input === undefined) {
    throw new ClapModelError(`The audio model's inputs are [${inputs.join(', ')}]: expected input_features.`);
  }
  const { type = 'float32', shape } = metadataOf(session, input);
  if (type !== 'float32' && type !== 'float16') {
    throw new ClapModelError(`The audio model's ${input} is ${type}; expected float32 or float16.`);
  }
  if (shape && shape.length > 0) {
    const fits =
      shape.length === FEATURE_DIMS.length &&
      shape.every((dim, i) => i === 0 || typeof dim !== 'number' || dim === FEATURE_DIMS[i]);
    if (!fits) {
      throw new ClapModelError(
        `The audio model's ${input} has shape [${shape.join(', ')}]; our features are [batch, ${FEATURE_DIMS.slice(1).join(', ')}].`,
      );
    }
  }
  const output = pickOutput(session, 'audio_embeds', 'audio');
  return {
    session,
    input,
    info: { variant, inputNames: inputs, outputNames: session.outputNames, output, inputType: type },
  };
}

const TEXT_INPUTS = new Set(['input_ids', 'attention_mask', 'token_type_ids']);

export function bindText(session: InferenceSession, variant: ModelVariant): Binding {
  const inputs = session.inputNames;
  if (!inputs.includes('input_ids')) {
    throw new ClapModelError(`The text model's inputs are [${inputs.join(', ')}]: expected input_ids.`);
  }
  const unknown = inputs.filter((name) => !TEXT_INPUTS.has(name));
  if (unknown.length > 0) {
    throw new ClapModelError(`The text model needs inputs Genki Studio cannot fill: ${unknown.join(', ')}.`);
  }
  const { type = 'int64' } = metadataOf(session, 'input_ids');
  if (type !== 'int64' && type !== 'int32') {
    throw new ClapModelError(`The text model's input_ids is ${type}; expected int64 or int32.`);
  }
  const output = pickOutput(session, 'text_embeds', 'text');
  return {
    session,
    input: 'input_ids',
    info: {
      variant,
      inputNames: inputs,
      outputNames: session.outputNames,
      output,
      inputType: type,
      attentionMask: inputs.includes('attention_mask'),
    },
  };
}

/** Rows of an [n, 512] output as float32, L2-normalised. */
export function normalisedRows(tensor: Tensor | undefined, rows: number, name: string): Float32Array[] {
  if (!tensor) throw new ClapModelError(`The model returned no ${name}.`);
  const dims = tensor.dims;
  if (dims.length !== 2 || dims[0] !== rows || dims[1] !== EMBEDDING_DIM) {
    throw new ClapModelError(`${name} has shape [${dims.join(', ')}]; expected [${rows}, ${EMBEDDING_DIM}].`);
  }
  const data = tensor.data;
  let values: ArrayLike<number>;
  if (tensor.type === 'float32' && data instanceof Float32Array) values = data;
  else if (tensor.type === 'float16' && data instanceof Uint16Array)
    values = Float32Array.from(data, halfToFloat);
  else if (tensor.type === 'float16' && ArrayBuffer.isView(data) && !(data instanceof BigInt64Array)) {
    // Runtimes with Float16Array hand back real numbers.
    values = Float32Array.from(data as ArrayLike<number>);
  } else throw new ClapModelError(`${name} is ${tensor.type}; expected float32 or float16.`);
  const out: Float32Array[] = [];
  for (let r = 0; r < rows; r++) {
    const row = new Float32Array(EMBEDDING_DIM);
    let sum = 0;
    for (let i = 0; i < EMBEDDING_DIM; i++) {
      const value = values[r * EMBEDDING_DIM + i] ?? Number.NaN;
      row[i] = value;
      sum += value * value;
    }
    const norm = Math.sqrt(sum);
    if (!Number.isFinite(norm) || norm === 0) {
      throw new ClapModelError(`The model produced an unusable ${name} vector (norm ${norm}).`);
    }
    for (let i = 0; i < EMBEDDING_DIM; i++) row[i] = (row[i] ?? 0) / norm;
    out.push(row);
  }
  return out;
}
