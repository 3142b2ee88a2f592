import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatPrompt, samplePromptParts, sampleValidatorPrompts } from './prompts';
import { VALIDATOR_INSTRUMENTS, VALIDATOR_MOODS, VALIDATOR_STYLE } from './vocabulary';

describe('validator prompts', () => {
  it('uses the same vocabulary as the Genki-Dama validator', () => {
    const fixture = '../shared/fixtures/genki-validator-vocabulary.json';
    // The shared fixture is only present on developer machines; the copy in vocabulary.ts is what ships.
    if (fs.existsSync(fixture)) {
      const vocabulary = JSON.parse(fs.readFileSync(fixture, 'utf8'));
      expect(VALIDATOR_STYLE).toBe(vocabulary.style);
      expect([...VALIDATOR_MOODS]).toEqual(vocabulary.moods);
      expect([...VALIDATOR_INSTRUMENTS]).toEqual(vocabulary.instruments);
    }
    expect(VALIDATOR_MOODS).toHaveLength(56);
    expect(VALIDATOR_INSTRUMENTS).toHaveLength(40);
    expect(new Set(VALIDATOR_MOODS).size).toBe(56);
  });

  it('reproduces the validator format, including its missing space', () => {
    const parts = { moods: ['commercial', 'movie', 'upbeat'], instruments: ['beat', 'electricpiano'] };
    expect(formatPrompt(parts)).toBe('Electronic---Chiptune commercial movie upbeatbeat electricpiano');
    expect(formatPrompt(parts, { faithful: false })).toBe(
      'Electronic---Chiptune commercial movie upbeat beat electricpiano',
    );
  });

  it('draws 3 distinct moods and 2 distinct instruments', () => {
    let state = 1;
    const random = () => {
      state = (state * 16807) % 2147483647;
      return (state - 1) / 2147483646;
    };
    for (let i = 0; i < 200; i++) {
      const parts = samplePromptParts(random);
      expect(new Set(parts.moods).size).toBe(3);
      expect(new Set(parts.instruments).size).toBe(2);
      for (const mood of parts.moods) expect(VALIDATOR_MOODS).toContain(mood);
      for (const instrument of parts.instruments) expect(VALIDATOR_INSTRUMENTS).toContain(instrument);
    }
    expect(sampleValidatorPrompts(5, random)).toHaveLength(5);
  });
});
