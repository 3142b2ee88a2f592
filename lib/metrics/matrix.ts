/**
 * Embedding sets as N×D row-major matrices, the one input shape every set metric takes. Data stays
 * in the caller's Float32Array/Float64Array (no copy); metrics widen to float64 as they read.
 */
import { MetricError } from './errors';

export type EmbeddingData = Float32Array | Float64Array;

/** N embeddings of dimension D, row i at data[i·D … i·D + D). */
export interface EmbeddingMatrix {
  readonly data: EmbeddingData;
  readonly rows: number;
  readonly dim: number;
}

/** Wraps row-major data; `label` names the set in error messages ("reference set", "set B"…). */
export function embeddingMatrix(
  data: EmbeddingData,
  rows: number,
  dim: number,
  label = 'set',
): EmbeddingMatrix {
  if (!Number.isSafeInteger(rows) || rows < 0 || !Number.isSafeInteger(dim) || dim < 0) {
    throw new MetricError(
      'bad_shape',
      `The ${label} needs whole-number rows and dimension (got ${rows}×${dim}).`,
    );
  }
  if (rows * dim !== data.length) {
    throw new MetricError(
      'bad_shape',
      `The ${label} is ${rows}×${dim} = ${rows * dim} values, but its data holds ${data.length}.`,
    );
  }
  return { data, rows, dim };
}

/** An [N, D] `.npy` array (lib/npy.ts `readNpy`) as an embedding matrix. */
export function embeddingMatrixFromNpy(
  npy: { readonly data: EmbeddingData; readonly shape: readonly number[] },
  label = 'set',
): EmbeddingMatrix {
  const [rows, dim, ...rest] = npy.shape;
  if (rows === undefined || dim === undefined || rest.length > 0) {
    throw new MetricError(
      'bad_shape',
      `The ${label} must be a 2-D array [N, D] of embeddings (got shape [${npy.shape.join(', ')}]).`,
    );
  }
  return embeddingMatrix(npy.data, rows, dim, label);
}

/** Stacks equal-length vectors into one float64 matrix (the vectors are copied). */
export function embeddingMatrixFromVectors(
  vectors: readonly ArrayLike<number>[],
  label = 'set',
): EmbeddingMatrix {
  const first = vectors[0];
  if (first === undefined) throw new MetricError('empty', `The ${label} has no embeddings.`);
  const dim = first.length;
  const data = new Float64Array(vectors.length * dim);
  vectors.forEach((vector, row) => {
    if (vector.length !== dim) {
      throw new MetricError(
        'dimension_mismatch',
        `Embedding ${row} of the ${label} has ${vector.length} values; embedding 0 has ${dim}.`,
      );
    }
    for (let j = 0; j < dim; j++) data[row * dim + j] = vector[j] ?? Number.NaN;
  });
  return { data, rows: vectors.length, dim };
}

/** Throws unless the set has at least `minRows` rows, a non-zero dimension and only finite values. */
export function assertUsableSet(
  matrix: EmbeddingMatrix,
  minRows: number,
  label: string,
  metric: string,
): void {
  if (matrix.rows === 0) throw new MetricError('empty', `The ${label} has no embeddings.`);
  if (matrix.rows < minRows) {
    throw new MetricError(
      'too_few',
      `${metric} needs at least ${minRows} embeddings per set; the ${label} has ${matrix.rows}.`,
    );
  }
  if (matrix.dim === 0) throw new MetricError('bad_shape', `The ${label}'s embeddings have dimension 0.`);
  assertFinite(matrix.data, label, matrix.dim);
}

export function assertSameDim(a: EmbeddingMatrix, b: EmbeddingMatrix, labelA: string, labelB: string): void {
  if (a.dim !== b.dim) {
    throw new MetricError(
      'dimension_mismatch',
      `The ${labelA} has ${a.dim}-d embeddings but the ${labelB} has ${b.dim}-d ones.`,
    );
  }
}

/** Throws on the first NaN or ±Infinity, naming where it is. */
export function assertFinite(values: ArrayLike<number>, label: string, rowLength = 0): void {
  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? Number.NaN;
    if (!Number.isFinite(value)) {
      const where =
        rowLength > 0 ? `row ${Math.floor(i / rowLength)}, column ${i % rowLength}` : `index ${i}`;
      throw new MetricError('non_finite', `The ${label} contains ${value} at ${where}.`);
    }
  }
}
