import { describe, expect, it } from 'vitest';
import { makeClip } from '../../../tests/support/export-clips';
import { exportBlockedSchema } from '../model';
import { exportableClips, findExportBlockers, isLicenceKnown } from './exportable';

describe('export blockers', () => {
  it('exports every clip that is not skipped or reported, in position order', () => {
    const clips = [
      makeClip({ position: 3, status: 'new' }),
      makeClip({ position: 1, status: 'accepted' }),
      makeClip({ position: 2, status: 'skipped' }),
      makeClip({ position: 4, status: 'reported' }),
    ];
    expect(exportableClips(clips).map((clip) => clip.position)).toEqual([1, 3]);
    expect(findExportBlockers(clips)).toBeNull();
  });

  it('blocks on unknown licences and empty captions, saying how many and which', () => {
    const clips = [
      makeClip({ fileName: 'a.wav', licence: null }),
      makeClip({ fileName: 'b.wav', licence: 'unknown' }),
      makeClip({ fileName: 'c.wav', caption: '   ' }),
      makeClip({ fileName: 'd.wav', licence: ' NOASSERTION ', caption: '' }),
      makeClip({ fileName: 'e.wav', licence: null, status: 'skipped' }),
      makeClip({ fileName: 'f.wav' }),
    ];
    const blocked = findExportBlockers(clips);
    expect(exportBlockedSchema.parse(blocked)).toEqual(blocked);
    expect(blocked?.error.message).toBe(
      '4 clips block the export: 3 clips have no known licence ("a.wav", "b.wav", "d.wav"); ' +
        '2 clips have an empty caption ("c.wav", "d.wav"). Fix each of them (licence, caption, trim), or skip those clips.',
    );
    expect(blocked?.error.clips.map((clip) => [clip.fileName, clip.reason])).toEqual([
      ['a.wav', 'unknown licence'],
      ['b.wav', 'unknown licence'],
      ['c.wav', 'empty caption'],
      ['d.wav', 'unknown licence, empty caption'],
    ]);
  });

  it('names the first five and counts the rest', () => {
    const clips = Array.from({ length: 8 }, (_, i) => makeClip({ fileName: `n${i}.wav`, licence: null }));
    expect(findExportBlockers(clips)?.error.message).toContain(
      '8 clips have no known licence ("n0.wav", "n1.wav", "n2.wav", "n3.wav", "n4.wav" and 3 more)',
    );
    expect(findExportBlockers(clips)?.error.clips).toHaveLength(8);
  });

  it('blocks trims that start after the end of the audio', () => {
    const blocked = findExportBlockers([
      makeClip({ fileName: 't.wav', durationSeconds: 2, trim: { start: 2, end: 3 } }),
    ]);
    expect(blocked?.error.clips).toEqual([
      expect.objectContaining({ reason: 'trim starts after the end of the audio' }),
    ]);
    expect(blocked?.error.message).toContain('1 clip has a trim past the end of the audio ("t.wav")');
  });

  it('blocks an export with nothing in it', () => {
    expect(findExportBlockers([])?.error.message).toMatch(/no clips yet/);
    expect(findExportBlockers([makeClip({ status: 'skipped' })])?.error.message).toMatch(
      /skipped or reported/,
    );
  });

  it('treats custom licence text as known', () => {
    expect(isLicenceKnown('LicenseRef-own-work')).toBe(true);
    expect(isLicenceKnown('Public domain (author died 1890)')).toBe(true);
    expect(isLicenceKnown('')).toBe(false);
    expect(isLicenceKnown('?')).toBe(false);
  });
});
