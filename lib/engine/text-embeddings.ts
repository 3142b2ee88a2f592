import { z } from 'zod';

export const textEmbeddingsRequestSchema = z.object({
  texts: z.array(z.string().trim().min(1, 'a prompt is empty').max(2000)).min(1).max(64),
});

export const textEmbeddingsResponseSchema = z.object({
  model: z.object({ repo: z.string(), revision: z.string(), isTestModel: z.boolean() }),
  /** One 512-float unit vector per text, as plain arrays (JSON). */
  embeddings: z.array(z.array(z.number()).length(512)),
});
export type TextEmbeddingsResponse = z.infer<typeof textEmbeddingsResponseSchema>;
