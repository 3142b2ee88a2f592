import { describe, expect, it } from 'vitest';
import { DATASET_LIMITS } from '../model';
import { checkImportLimits, classifyEntry, findBatchDuplicates } from './import-entries';

describe('zip and folder entry checks', () => {
  it('accepts audio at any depth and normalises the path', () => {
    expect(classifyEntry({ name: 'album/./disc 1/Track 01.WAV' })).toEqual({
      kind: 'audio',
      path: 'album/disc 1/Track 01.WAV',
      fileName: 'Track 01.WAV',
    });
    for (const name of ['a.flac', 'b.ogg', 'c.mp3', 'd.mod', 'e.xm', 'f.s3m', 'g.it']) {
      expect(classifyEntry({ name }).kind).toBe('audio');
    }
  });

  it('refuses entries that climb out, are absolute, carry NUL or control bytes, or are symlinks', () => {
    const refused = [
      { name: '../evil.wav' },
      { name: 'a/../../evil.wav' },
      { name: 'a\\..\\..\\evil.wav' },
      { name: '/etc/evil.wav' },
      { name: 'C:/evil.wav' },
      { name: 'c:evil.wav' },
      { name: 'evil\u0000.wav' },
      { name: 'evil\u001b[31m.wav' },
      { name: 'link.wav', isSymlink: true },
      { name: 'secret.wav', isEncrypted: true },
    ];
    for (const facts of refused) {
      const verdict = classifyEntry(facts);
      expect(verdict.kind, facts.name).toBe('reject');
      if (verdict.kind === 'reject') expect(verdict.path).not.toContain('\u0000');
    }
    expect(classifyEntry({ name: 'evil\u0000.wav' })).toMatchObject({
      reason: 'its name contains a NUL byte',
    });
    expect(classifyEntry({ name: 'link.wav', isSymlink: true })).toMatchObject({
      reason: 'it is a symbolic link',
    });
  });

  it('skips folders, macOS resource forks, dotfiles and non-audio quietly', () => {
    for (const facts of [
      { name: 'album/' },
      { name: 'album', isDirectory: true },
      { name: '__MACOSX/album/._a.wav' },
      { name: 'album/.DS_Store' },
      { name: '.hidden/a.wav' },
      { name: 'album/cover.jpg' },
      { name: 'README' },
    ]) {
      expect(classifyEntry(facts).kind, facts.name).toBe('skip');
    }
  });

  it('recognises audiofolder metadata files', () => {
    expect(classifyEntry({ name: 'train/metadata.jsonl' })).toEqual({
      kind: 'metadata',
      path: 'train/metadata.jsonl',
      format: 'jsonl',
    });
    expect(classifyEntry({ name: 'METADATA.CSV' })).toMatchObject({ kind: 'metadata', format: 'csv' });
  });
});

describe('client-side limits', () => {
  it('refuses a file that is too large or empty and keeps the others', () => {
    const result = checkImportLimits([
      { path: 'ok.wav', size: 10 },
      { path: 'big.wav', size: DATASET_LIMITS.maxFileBytes + 25 * 1024 * 1024 },
      { path: 'empty.wav', size: 0 },
    ]);
    expect(result.fatal).toBeNull();
    expect(result.accepted.map((entry) => entry.path)).toEqual(['ok.wav']);
    expect(result.refused).toEqual([
      { path: 'big.wav', reason: 'file too large (125 MB; the limit is 100 MB)' },
      { path: 'empty.wav', reason: 'the file is empty' },
    ]);
  });

  it('refuses an import with too many files as a whole, saying how to fix it', () => {
    const many = Array.from({ length: DATASET_LIMITS.maxFilesPerImport + 1 }, (_, i) => ({
      path: `${i}.wav`,
      size: 1,
    }));
    const result = checkImportLimits(many);
    expect(result.accepted).toEqual([]);
    expect(result.fatal).toBe(
      '5,001 audio files: one import takes at most 5,000. Import them in smaller batches.',
    );
    expect(checkImportLimits(many.slice(1)).fatal).toBeNull();
  });
});

describe('duplicates inside one selection', () => {
  it('keeps the first copy in path order and reports the rest, whatever the input order', () => {
    const items = [
      { path: 'b/copy.wav', sha256: 'aa' },
      { path: 'a/original.wav', sha256: 'aa' },
      { path: 'c/other.wav', sha256: 'bb' },
      { path: 'd/third.wav', sha256: 'aa' },
    ];
    const { unique, duplicates } = findBatchDuplicates(items);
    expect(unique.map((item) => item.path)).toEqual(['a/original.wav', 'c/other.wav']);
    expect(duplicates.map(({ item, of }) => [item.path, of.path])).toEqual([
      ['b/copy.wav', 'a/original.wav'],
      ['d/third.wav', 'a/original.wav'],
    ]);
    expect(findBatchDuplicates([...items].reverse()).unique.map((item) => item.path)).toEqual([
      'c/other.wav',
      'a/original.wav',
    ]);
  });
});
