import { describe, expect, it } from 'vitest';
import { cardLicence, findMetadataFiles, parseMetadata, resolveRepoPath, toSpdx } from './metadata';

describe('audiofolder metadata', () => {
  it('resolves file_name relative to the metadata folder and refuses escapes', () => {
    expect(resolveRepoPath('train', 'a.wav')).toBe('train/a.wav');
    expect(resolveRepoPath('train', './sub/../b.wav')).toBe('train/b.wav');
    expect(resolveRepoPath('', 'data\\c.wav')).toBe('data/c.wav');
    expect(resolveRepoPath('train', '../x.wav')).toBe('x.wav');
    for (const bad of ['../../x.wav', '/etc/passwd', 'C:/x.wav', '..', ''])
      expect(resolveRepoPath('', bad)).toBeNull();
  });

  it('reads captions from the first caption-like column, and licence and attribution columns', () => {
    const jsonl = [
      '{"file_name":"a.wav","caption":"","text":"from text","license":"cc-by-4.0","author":"Ann"}',
      'not json',
      '{"file_name":"b.wav","prompt":"  spaced\\u0007  out  "}',
      '{"caption":"no file"}',
    ].join('\n');
    const parsed = parseMetadata('data/metadata.jsonl', jsonl);
    expect(parsed.rows).toEqual([
      {
        path: 'data/a.wav',
        fileName: 'a.wav',
        caption: 'from text',
        licence: 'cc-by-4.0',
        attribution: 'Ann',
      },
      { path: 'data/b.wav', fileName: 'b.wav', caption: 'spaced out', licence: null, attribution: null },
    ]);
    expect(parsed.warnings).toEqual([
      'data/metadata.jsonl: 1 line is not JSON objects.',
      'data/metadata.jsonl: 1 row has no file_name.',
    ]);
    const csv = parseMetadata('metadata.csv', 'file_name,description\n"x, y.wav","Quoted ""caption"""\n');
    expect(csv.rows[0]).toMatchObject({ path: 'x, y.wav', caption: 'Quoted "caption"' });
  });

  it('names the columns it found when file_name or a caption column is missing', () => {
    expect(() => parseMetadata('metadata.csv', 'path,caption\na.wav,x\n')).toThrow(
      'metadata.csv has no file_name column (columns: path, caption), so its rows cannot be matched to audio files.',
    );
    expect(() => parseMetadata('metadata.jsonl', '')).toThrow('metadata.jsonl holds no JSON object lines.');
  });

  it('finds metadata files per folder, preferring jsonl', () => {
    expect(
      findMetadataFiles(['a/metadata.csv', 'a/metadata.jsonl', 'metadata.csv', 'b/x.wav', 'b/metadata.json']),
    ).toEqual(['a/metadata.jsonl', 'metadata.csv']);
  });

  it('reads a single licence from the card header and maps Hub ids to SPDX', () => {
    expect(cardLicence('---\nlicense: cc-by-sa-4.0\n---\n')).toBe('cc-by-sa-4.0');
    expect(cardLicence('---\nlicense:\n- mit\n---\n')).toBe('mit');
    expect(cardLicence('---\nlicense:\n- mit\n- cc0-1.0\n---\n')).toBeNull();
    expect(cardLicence('---\nlicense: other\n---\n')).toBeNull();
    expect(cardLicence('# no header')).toBeNull();
    expect(toSpdx('cc-by-4.0')).toBe('CC-BY-4.0');
    expect(toSpdx('Custom licence')).toBe('Custom licence');
  });
});
