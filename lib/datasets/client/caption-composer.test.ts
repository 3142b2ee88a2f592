import { describe, expect, it } from 'vitest';
import { VALIDATOR_INSTRUMENTS, VALIDATOR_MOODS } from '../../genki/vocabulary';
import { DATASET_LIMITS } from '../model';
import { composeCaption, sceneFor } from './caption-composer';
import { rankLabels } from './zero-shot';

describe('draft caption composer', () => {
  it('writes the documented example', () => {
    expect(
      composeCaption({
        moods: ['upbeat', 'happy', 'fun'],
        instruments: ['synthesizer', 'drums', 'bass'],
        bpm: 140,
      }),
    ).toBe(
      "An upbeat, happy chiptune track with synthesizer and drums at 140 BPM, fit for a game's title screen.",
    );
  });

  it('turns noun moods into adjectives and run-together instruments into words', () => {
    expect(
      composeCaption({
        moods: ['adventure', 'space'],
        instruments: ['electricpiano', 'drummachine'],
        bpm: 97.6,
      }),
    ).toBe(
      "An adventurous, spacey chiptune track with electric piano and drum machine at 98 BPM, fit for a game's overworld map.",
    );
    expect(composeCaption({ moods: ['film', 'movie'], instruments: ['strings'], bpm: null })).toBe(
      "A cinematic chiptune track with strings, fit for a game's ending credits.",
    );
  });

  it('copes with no tags and no tempo', () => {
    expect(composeCaption({ moods: [], instruments: [], bpm: null })).toBe(
      "A chiptune track, fit for a game's level theme.",
    );
    expect(sceneFor(['dark'])).toBe('dungeon');
  });

  it('is deterministic and always a valid caption for every label combination', () => {
    for (const mood of VALIDATOR_MOODS) {
      for (const instrument of VALIDATOR_INSTRUMENTS) {
        const input = { moods: [mood, 'happy'], instruments: [instrument, 'bass'], bpm: 120 };
        const caption = composeCaption(input);
        expect(composeCaption(input)).toBe(caption);
        expect(caption.split(/\s+/).length).toBeGreaterThanOrEqual(DATASET_LIMITS.captionMinWords);
        expect(caption.length).toBeLessThanOrEqual(DATASET_LIMITS.captionMaxChars);
        expect(caption).toMatch(/^An? [a-z]/);
      }
    }
  });
});

describe('zero-shot ranking', () => {
  it('ranks labels by cosine with the audio embedding, best first, ties by name', () => {
    const labels = [
      { label: 'calm', embedding: [1, 0, 0] },
      { label: 'epic', embedding: [0, 1, 0] },
      { label: 'dark', embedding: [0, 2, 0] },
      { label: 'sad', embedding: [-1, 0, 0] },
    ];
    const ranked = rankLabels([0.2, 0.9, 0], labels);
    expect(ranked.map((entry) => entry.label)).toEqual(['dark', 'epic', 'calm', 'sad']);
    expect(ranked[0]?.score).toBeCloseTo(0.9 / Math.hypot(0.2, 0.9));
  });
});
