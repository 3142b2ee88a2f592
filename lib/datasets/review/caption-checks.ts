/**
 * Live checks for a caption as the miner types. The hard limits come from the contract
 * (DATASET_LIMITS); the soft hints follow Song Describer's rules (one or two sentences, no tag
 * lists, no artist names) and what validator prompts contain (moods, instruments, tempo).
 */
import { VALIDATOR_INSTRUMENTS, VALIDATOR_MOODS } from '../../genki/vocabulary';
import { DATASET_LIMITS } from '../model';

export type CaptionLevel = 'error' | 'warn' | 'hint';

export interface CaptionMessage {
  id: 'empty' | 'too-short' | 'too-long' | 'tag-list' | 'sentences' | 'artist' | 'vocabulary';
  level: CaptionLevel;
  text: string;
}

export interface CaptionReport {
  words: number;
  chars: number;
  /** Meets the hard limits (enough words, not too long). */
  ok: boolean;
  /** The server accepts it (only the length is enforced there): short drafts are still saved. */
  canSave: boolean;
  messages: CaptionMessage[];
}

const { captionMinWords, captionMaxChars } = DATASET_LIMITS;

/** Words as a reader counts them: runs of letters or digits ("8-bit" and "120 bpm" count as words). */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

/** Characters as the server counts them (UTF-16 code units, like `string.length` and zod's max). */
export function countChars(text: string): number {
  return text.length;
}

const CHIPTUNE_WORDS = [
  'square',
  'pulse',
  'triangle',
  'noise',
  'arpeggio',
  'arpeggios',
  'arpeggiated',
  'chip',
  'chiptune',
  '8-bit',
  '16-bit',
  'lead',
  'wavetable',
  'fm',
];
const VOCABULARY = new Set<string>([...VALIDATOR_MOODS, ...VALIDATOR_INSTRUMENTS, ...CHIPTUNE_WORDS]);

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function checkCaption(text: string): CaptionReport {
  const trimmed = text.trim();
  const words = countWords(trimmed);
  const chars = countChars(text);
  const messages: CaptionMessage[] = [];

  if (!trimmed) {
    messages.push({
      id: 'empty',
      level: 'error',
      text: `Write one or two sentences (at least ${captionMinWords} words) describing the music.`,
    });
  } else if (words < captionMinWords) {
    messages.push({
      id: 'too-short',
      level: 'error',
      text: `Add ${plural(captionMinWords - words, 'more word')}: captions need at least ${captionMinWords}.`,
    });
  }
  if (chars > captionMaxChars) {
    messages.push({
      id: 'too-long',
      level: 'error',
      text: `Remove ${plural(chars - captionMaxChars, 'character')}: captions hold at most ${captionMaxChars}. This text is not saved until it fits.`,
    });
  }

  if (trimmed) {
    const parts = trimmed.split(/[,;|/]/).map((part) => part.trim());
    const shortParts = parts.filter((part) => part && countWords(part) <= 2).length;
    if (parts.length >= 4 && shortParts / parts.length >= 0.75)
      messages.push({
        id: 'tag-list',
        level: 'warn',
        text: 'This reads like a list of tags. Write it as a sentence: tags go in the fields beside the caption.',
      });
    const sentences = trimmed.split(/[.!?]+(?:\s|$)/).filter((sentence) => countWords(sentence) > 0).length;
    if (sentences > 2)
      messages.push({
        id: 'sentences',
        level: 'warn',
        text: `Keep it to one or two sentences (this has ${sentences}).`,
      });
    if (/\b(in the style of|sounds like|inspired by|by the artist|cover of)\b/i.test(trimmed))
      messages.push({
        id: 'artist',
        level: 'warn',
        text: 'Leave out artist, composer and game titles: describe the sound itself.',
      });
    const tokens = trimmed.toLowerCase().split(/[^\p{L}\p{N}-]+/u);
    if (words >= 3 && !tokens.some((token) => VOCABULARY.has(token)))
      messages.push({
        id: 'vocabulary',
        level: 'hint',
        text: 'Name the instruments (square lead, triangle bass, noise drums) and a mood: validator prompts use those words.',
      });
  }

  const ok = Boolean(trimmed) && words >= captionMinWords && chars <= captionMaxChars;
  return { words, chars, ok, canSave: chars <= captionMaxChars, messages };
}
