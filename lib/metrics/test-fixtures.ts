/**
 * Synthetic embedding sets for the metric tests and benchmarks (not part of the public API):
 * CLAP-like unit-norm 512-d vectors drawn around a direction, with a chosen spread and anisotropy.
 */
import { type EmbeddingMatrix, embeddingMatrix } from './matrix';
import { gaussian, mulberry32 } from './random';

export interface SyntheticSet {
  rows: number;
  dim?: number;
  seed: number;
  /** Length of the mean offset added before normalising (0 = isotropic around the origin). */
  meanShift?: number;
  /** Chooses the offset's direction, cos(j + meanPhase) on axis j: same phase, same direction. */
  meanPhase?: number;
  /** Per-axis scale is axisScale^(j / dim), so > 1 makes the covariance anisotropic. */
  axisScale?: number;
  /** Embeddings lie in a random subspace of this many dimensions (low-rank data)… */
  rank?: number;
  /** …chosen by this seed: equal seeds, equal subspaces. */
  basisSeed?: number;
  /** Normalise every row to unit length, as CLAP embeddings are. */
  unit?: boolean;
}

export function syntheticSet({
  rows,
  dim = 512,
  seed,
  meanShift = 0,
  meanPhase = 0,
  axisScale = 1,
  rank,
  basisSeed = 0,
  unit = true,
}: SyntheticSet): EmbeddingMatrix {
  const normal = gaussian(mulberry32(seed));
  const data = new Float32Array(rows * dim);
  const basisNormal = gaussian(mulberry32(basisSeed));
  const basis = rank === undefined ? undefined : Float64Array.from({ length: rank * dim }, basisNormal);
  const row = new Float64Array(dim);
  for (let r = 0; r < rows; r++) {
    if (basis && rank !== undefined) {
      row.fill(0);
      for (let c = 0; c < rank; c++) {
        const weight = normal();
        for (let j = 0; j < dim; j++) row[j] = (row[j] ?? 0) + weight * (basis[c * dim + j] ?? 0);
      }
    } else {
      for (let j = 0; j < dim; j++) row[j] = normal() * axisScale ** (j / dim);
    }
    let norm = 0;
    for (let j = 0; j < dim; j++) {
      const value = (row[j] ?? 0) + meanShift * Math.cos(j + meanPhase);
      row[j] = value;
      norm += value * value;
    }
    const scale = unit ? 1 / Math.sqrt(norm) : 1;
    for (let j = 0; j < dim; j++) data[r * dim + j] = (row[j] ?? 0) * scale;
  }
  return embeddingMatrix(data, rows, dim);
}
