/**
 * Validator prompts, built exactly as Genki-Dama's `MusicEvaluator.generate_evaluation_prompts`
 * does: the style, 3 distinct random moods, then 2 distinct random instruments, space-separated —
 * except that the original drops the space between the last mood and the first instrument
 * ("… upbeatbeat electricpiano"). Validators really send that text to CLAP, so `faithful` (the
 * default) reproduces it; `faithful: false` gives the intended spacing.
 */
import { VALIDATOR_INSTRUMENTS, VALIDATOR_MOODS, VALIDATOR_STYLE } from './vocabulary';

export interface PromptParts {
  moods: string[];
  instruments: string[];
}

/** A uniform random source in [0, 1); pass a seeded one for reproducible prompt sets. */
export type RandomSource = () => number;

function sampleDistinct<T>(items: readonly T[], count: number, random: RandomSource): T[] {
  const pool = [...items];
  const out: T[] = [];
  for (let i = 0; i < count && pool.length > 0; i++) {
    const index = Math.min(pool.length - 1, Math.floor(random() * pool.length));
    out.push(...pool.splice(index, 1));
  }
  return out;
}

export function samplePromptParts(random: RandomSource = Math.random): PromptParts {
  return {
    moods: sampleDistinct(VALIDATOR_MOODS, 3, random),
    instruments: sampleDistinct(VALIDATOR_INSTRUMENTS, 2, random),
  };
}

export function formatPrompt(parts: PromptParts, { faithful = true }: { faithful?: boolean } = {}): string {
  const moods = parts.moods.join(' ');
  const instruments = parts.instruments.join(' ');
  return `${VALIDATOR_STYLE} ${moods}${faithful ? '' : ' '}${instruments}`;
}

export function sampleValidatorPrompts(
  count: number,
  random: RandomSource = Math.random,
  faithful = true,
): string[] {
  return Array.from({ length: count }, () => formatPrompt(samplePromptParts(random), { faithful }));
}
