/**
 * Messages between the Insights view and workers/dataset-insights.worker.ts (PCA map and
 * near-duplicate search over clip embeddings). zod-checked both ways.
 */
import { z } from 'zod';

const float32 = z.custom<Float32Array>((value) => value instanceof Float32Array, 'expected a Float32Array');
const float64 = z.custom<Float64Array>((value) => value instanceof Float64Array, 'expected a Float64Array');

export const insightsRequestSchema = z.object({
  type: z.literal('analyse'),
  id: z.number(),
  /** Row-major n×d embeddings (transferred). */
  rows: float32,
  n: z.number().int().nonnegative(),
  d: z.number().int().positive(),
  threshold: z.number().min(-1).max(1),
});
export type InsightsRequest = z.infer<typeof insightsRequestSchema>;

export const insightsResponseSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('result'),
    id: z.number(),
    /** Row-major n×2 PCA coordinates. */
    coords: float64,
    /** Share of the total variance along each of the two axes. */
    explained: z.array(z.number()),
    pairs: z.array(z.object({ a: z.number().int(), b: z.number().int(), cosine: z.number() })),
  }),
  z.object({ type: z.literal('error'), id: z.number(), message: z.string() }),
]);
export type InsightsResponse = z.infer<typeof insightsResponseSchema>;
