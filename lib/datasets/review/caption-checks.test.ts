import { describe, expect, it } from 'vitest';
import { DATASET_LIMITS } from '../model';
import { checkCaption, countWords } from './caption-checks';

const GOOD =
  'An upbeat 8-bit battle theme with a square lead, triangle bass and fast noise drums, great for a boss fight.';

const ids = (text: string) => checkCaption(text).messages.map((message) => message.id);

describe('countWords', () => {
  it('counts words separated by any whitespace and skips lone punctuation', () => {
    expect(countWords('  square lead\n\ttriangle  bass - ! ')).toBe(4);
    expect(countWords('')).toBe(0);
    expect(countWords('8-bit 120 bpm')).toBe(3);
  });
});

describe('checkCaption', () => {
  it('passes a good chiptune caption without messages', () => {
    const report = checkCaption(GOOD);
    expect(report.ok).toBe(true);
    expect(report.canSave).toBe(true);
    expect(report.messages).toEqual([]);
    expect(report.words).toBe(20);
  });

  it('asks for a caption when empty', () => {
    const report = checkCaption('   ');
    expect(report.ok).toBe(false);
    expect(report.canSave).toBe(true);
    expect(ids('   ')).toEqual(['empty']);
  });

  it('says how many words are missing', () => {
    const report = checkCaption('happy square lead melody');
    expect(report.ok).toBe(false);
    expect(report.messages[0]?.text).toMatch(/Add 4 more words/);
    expect(checkCaption('one two three four five six seven').messages[0]?.text).toMatch(/Add 1 more word:/);
  });

  it('blocks saving past the character limit and says by how much', () => {
    const text = `${GOOD} ${'x'.repeat(DATASET_LIMITS.captionMaxChars)}`;
    const report = checkCaption(text);
    expect(report.canSave).toBe(false);
    expect(report.ok).toBe(false);
    const over = text.length - DATASET_LIMITS.captionMaxChars;
    expect(report.messages.find((message) => message.id === 'too-long')?.text).toContain(
      `Remove ${over} characters`,
    );
  });

  it('accepts exactly the limits', () => {
    const eight = 'happy square lead with triangle bass and drums';
    expect(countWords(eight)).toBe(8);
    expect(checkCaption(eight).ok).toBe(true);
    const max = `${GOOD} ${'a'.repeat(DATASET_LIMITS.captionMaxChars - GOOD.length - 1)}`;
    expect(max.length).toBe(DATASET_LIMITS.captionMaxChars);
    expect(checkCaption(max).canSave).toBe(true);
  });

  it('warns about tag lists, long captions, artist references and missing vocabulary', () => {
    expect(ids('chiptune, happy, square lead, retro, boss, fast, game, loop')).toContain('tag-list');
    expect(ids(`${GOOD} It loops. It is short. It is loud.`)).toContain('sentences');
    expect(ids(`${GOOD.slice(0, -1)} in the style of a famous composer.`)).toContain('artist');
    expect(ids('A tune that I wrote last year for my little brother to enjoy')).toContain('vocabulary');
    expect(ids(GOOD)).not.toContain('vocabulary');
  });
});
