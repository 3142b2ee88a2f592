/**
 * Zero-shot tagging: rank the validator's mood and instrument labels by the cosine between their
 * text embeddings (GET /api/clap/vocabulary) and a clip's audio embedding. CLAP cosines are small
 * and their scale differs between models, so tags are picked by rank (validator prompts use 3
 * moods and 2 instruments), never by an absolute threshold; the scores are kept for display.
 */
import { cosineSimilarity } from '../../metrics/clap-score';

export interface LabelScore {
  label: string;
  score: number;
}

export function rankLabels(
  audio: ArrayLike<number>,
  labels: readonly { label: string; embedding: ArrayLike<number> }[],
): LabelScore[] {
  return labels
    .map(({ label, embedding }) => ({ label, score: cosineSimilarity(audio, embedding) }))
    .sort((a, b) => b.score - a.score || (a.label < b.label ? -1 : 1));
}

/** How many ranked labels a suggestion keeps (with scores), and how many the draft caption uses. */
export const SUGGESTION_DEPTH = { keep: 5, captionMoods: 2, captionInstruments: 2 } as const;

export function roundScore(score: number): number {
  return Math.round(score * 10_000) / 10_000;
}
