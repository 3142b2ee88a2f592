/**
 * Scoring metrics of the engine: CLAP score (quality) and distribution distances between embedding
 * sets (FAD, FAD∞, KAD). Pure TypeScript on Float64Array: runs in Node, Web Workers and the CLI.
 */
export {
  averageEmbeddings,
  type ClapScoreResult,
  clapScore,
  cosineSimilarity,
  l2Normalize,
} from './clap-score';
export { MetricError, type MetricErrorCode } from './errors';
export {
  type CovarianceFactor,
  type FadReference,
  type FadResult,
  fad,
  fadFromReference,
  fadFromStats,
  prepareFadReference,
  traceSqrtProduct,
} from './fad';
export {
  drawWithReplacement,
  type FadInfOptions,
  type FadInfPoint,
  type FadInfResult,
  fadInf,
  fitInverseN,
  type LineFit,
  resampleSizes,
} from './fad-inf';
export { type KadOptions, type KadResult, kad, medianPairwiseDistance } from './kad';
export {
  type EmbeddingData,
  type EmbeddingMatrix,
  embeddingMatrix,
  embeddingMatrixFromNpy,
  embeddingMatrixFromVectors,
} from './matrix';
export { gaussian, mulberry32, type RandomSource } from './random';
export { type EmbeddingStats, embeddingStats, embeddingStatsFromVectors } from './stats';
