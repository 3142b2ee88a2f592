import { describe, expect, it } from 'vitest';
import {
  assertRepoPath,
  HubNameError,
  hubFileUrl,
  isCommitSha,
  isValidRepoId,
  isValidRepoPath,
  isValidRevision,
} from './names';

describe('Hub name validation', () => {
  it.each(['Xenova/clap-htsat-unfused', 'laion/larger_clap_music', 'a/b', 'user.name/model.v2', 'A1/x_y-z'])(
    'accepts repo id %s',
    (id) => expect(isValidRepoId(id)).toBe(true),
  );

  it.each([
    '',
    'owner',
    'owner/',
    '/name',
    'a/b/c',
    '../etc',
    'owner/..',
    'owner/.hidden',
    'owner/name.',
    'owner/na--me',
    'owner/na..me',
    'own er/name',
    'owner/name\u0000',
    'owner\\name',
    'ówner/name',
    `${'a'.repeat(97)}/name`,
  ])('rejects repo id %j', (id) => expect(isValidRepoId(id)).toBe(false));

  it('accepts commit SHAs and plain branch or tag names only', () => {
    expect(isCommitSha('e9fd5ac1dbf3280936a7fc3ec8a020453ff184db')).toBe(true);
    expect(isCommitSha('E9FD5AC1DBF3280936A7FC3EC8A020453FF184DB')).toBe(false);
    for (const good of ['main', 'v1.0', 'release_2024-01', 'e9fd5ac1'])
      expect(isValidRevision(good)).toBe(true);
    for (const bad of ['', '..', 'a..b', 'refs/pr/1', 'main/../x', '-main', 'ma in', '%2e%2e', 'main\n']) {
      expect(isValidRevision(bad)).toBe(false);
    }
  });

  it('accepts relative repo file paths and nothing that can climb out', () => {
    for (const good of ['config.json', 'onnx/audio_model.onnx', '.gitattributes', 'a/b/c.d-e_f']) {
      expect(isValidRepoPath(good)).toBe(true);
    }
    for (const bad of [
      '',
      '/etc/passwd',
      '../x',
      'onnx/../../x',
      'onnx/./x',
      'onnx//x',
      'onnx/',
      'a\\b',
      'C:/x',
      'with space.json',
      'naïve.json',
      'x\u0000',
      `${'a/'.repeat(300)}x`,
    ]) {
      expect(isValidRepoPath(bad)).toBe(false);
    }
    expect(() => assertRepoPath('../x')).toThrow(HubNameError);
  });

  it('builds resolve URLs only from valid parts', () => {
    expect(
      hubFileUrl('https://huggingface.co/', 'Xenova/clap-htsat-unfused', 'main', 'onnx/audio_model.onnx'),
    ).toBe('https://huggingface.co/Xenova/clap-htsat-unfused/resolve/main/onnx/audio_model.onnx');
    expect(hubFileUrl('http://hub.test', 'genki/captions', 'a'.repeat(40), 'data.csv', 'dataset')).toBe(
      `http://hub.test/datasets/genki/captions/resolve/${'a'.repeat(40)}/data.csv`,
    );
    expect(() => hubFileUrl('http://hub.test', 'x/y', 'main', '../z')).toThrow(HubNameError);
  });
});
