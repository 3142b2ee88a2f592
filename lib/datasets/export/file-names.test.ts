import { describe, expect, it } from 'vitest';
import { isValidRepoId, isValidRepoPath } from '../../hub/names';
import { baseName, downloadFileName, exportStems, slugify, suggestRepoName } from './file-names';
import { assertSafeEntryPath } from './zip-stream';

const HOSTILE = [
  '../../etc/passwd',
  '..\\..\\windows\\system32\\evil.wav',
  '/absolute/path.wav',
  '<script>alert(1)</script>.wav',
  'nul\u0000byte.wav',
  'C:\\temp\\song.mod',
  'x'.repeat(5000),
  '🎮🎵 ゲーム音楽.mp3',
  'Café Déjà Vu — Übermensch.flac',
  '....',
  '',
  ' ',
  '\u202eevil\u202d.wav',
  'con.wav',
  'a/b/c/../../d.wav',
];

describe('export file names', () => {
  it('turns any name into a short lowercase ASCII slug that cannot escape a folder', () => {
    for (const name of HOSTILE) {
      const slug = slugify(baseName(name));
      expect(slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(slug.length).toBeLessThanOrEqual(48);
      expect(slug).not.toContain('..');
    }
    expect(slugify('Café Déjà Vu — Übermensch')).toBe('cafe-deja-vu-ubermensch');
    expect(slugify('<script>alert(1)</script>')).toBe('script-alert-1-script');
    expect(slugify('🎮🎵')).toBe('clip');
    expect(baseName('../../etc/passwd')).toBe('passwd');
    expect(baseName('C:\\temp\\song.mod')).toBe('song');
  });

  it('keeps Hugging Face split words out of file names so every clip stays in one split', () => {
    expect(slugify('Test tone')).toBe('xtest-tone');
    expect(slugify('train2 battle')).toBe('xtrain2-battle');
    expect(slugify('3val')).toBe('3xval');
    expect(slugify('testament contest')).toBe('testament-contest');
    const datasetsSplitPattern =
      /(^|[-._ 0-9/])(train|training|validation|valid|dev|val|test|testing|eval|evaluation)([-._ 0-9]|$)/;
    for (const stem of exportStems([
      'test.wav',
      'eval 2.mod',
      'dev-build.xm',
      'validation!.ogg',
      'Training Day.mp3',
    ])) {
      expect(stem).not.toMatch(datasetsSplitPattern);
    }
  });

  it('numbers stems in order, unique even when every name is the same', () => {
    const stems = exportStems(['same.wav', 'same.wav', 'SAME.WAV', '../same.wav']);
    expect(stems).toEqual(['0001-same', '0002-same', '0003-same', '0004-same']);
    const many = exportStems(Array.from({ length: 12_345 }, () => 'x.wav'));
    expect(many[0]).toBe('00001-x');
    expect(many.at(-1)).toBe('12345-x');
    expect(new Set(many).size).toBe(many.length);
  });

  it('produces paths every consumer accepts: zip entries, Hub repo paths, repo names', () => {
    for (const [index, stem] of exportStems(HOSTILE).entries()) {
      const path = `data/${stem}.wav`;
      expect(assertSafeEntryPath(path)).toBe(path);
      expect(isValidRepoPath(path), `${index}: ${path}`).toBe(true);
    }
    for (const name of HOSTILE) expect(isValidRepoId(`alice/${suggestRepoName(name)}`)).toBe(true);
    expect(suggestRepoName('My Chiptune Set!')).toBe('my-chiptune-set');
    expect(downloadFileName('"; rm -rf /', 'audiocraft')).toBe('rm-rf-audiocraft.zip');
  });

  it('refuses unsafe zip entry names outright', () => {
    for (const bad of ['../x', '/x', 'a/../b', 'a//b', 'a\\b', 'C:/x', 'a/./b', '', 'é.wav', 'a b']) {
      expect(() => assertSafeEntryPath(bad)).toThrow(/unsafe zip entry/);
    }
  });
});
