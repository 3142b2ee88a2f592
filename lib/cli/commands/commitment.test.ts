/**
 * `genki commitment encode|decode` and `genki repo-hash` as users run them: the bundled bin, real
 * folders, exit codes and stderr. Hashes are compared with the Python reference of taoverse.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReference } from '@/tests/support/python';
import { makeTempDir } from '@/tests/support/temp-dir';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..', '..', '..');
const bin = path.join(root, 'scripts', 'genki.mjs');
const temp = makeTempDir('genki-commitment-cli-');
const snapshot = path.join(temp.dir, 'snapshot');
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const COMMIT = '0123456789abcdef0123456789abcdef01234567';
const HASH = 'c1S/UOoEheNX0chuty+x036Q0N7MKI4z5HEjamC7PN8=';
const SEED_WORDS = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk';

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function genki(...args: string[]): Promise<Result> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      cwd: temp.dir,
      env: { ...process.env, GENKI_DATA_DIR: path.join(temp.dir, 'data'), GENKI_DEBUG: '' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function expectCleanFailure(result: Result, pattern: RegExp, options: { stdout?: string } = {}) {
  expect(result.code).not.toBe(0);
  expect(result.stdout).toBe(options.stdout ?? '');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^genki: /);
  expect(lines[0]).toMatch(pattern);
}

const python = () =>
  JSON.parse(runReference('taoverse_hash.py', ['hash', snapshot, ALICE])) as {
    dir_hash: string;
    secure_hash: string;
  };

beforeAll(async () => {
  // The CLI bundle is built once for the whole run (tests/support/vitest-global-setup.ts).
  for (const [name, content] of Object.entries({
    '.gitattributes': '*.bin filter=lfs diff=lfs merge=lfs -text\n',
    'state_dict.bin': 'lm package',
    'compression_state_dict.bin': 'encodec package',
    'sub/dir/ünï.txt': '',
  })) {
    fs.mkdirSync(path.dirname(path.join(snapshot, name)), { recursive: true });
    fs.writeFileSync(path.join(snapshot, name), content);
  }
}, 60_000);
afterAll(() => temp.cleanup());

describe('genki commitment and repo-hash', () => {
  it('are listed in the help', async () => {
    const help = await genki('--help');
    expect(help.stdout).toContain('genki commitment <encode|decode|submit|show>');
    expect(help.stdout).toContain('genki repo-hash DIR');
    const sub = await genki('commitment', '--help');
    expect(sub.code).toBe(0);
    expect(sub.stdout).toMatch(/genki commitment encode --repo[\s\S]*genki commitment decode/);
  });

  it('encode prints the exact string and its byte count; decode reads it back', async () => {
    const text = `genki:ruby.v2:${COMMIT}:${HASH}:1`;
    const hex = `0x${Buffer.from(text).toString('hex')}`;
    const flags = ['--repo', 'genki/ruby.v2', '--commit', COMMIT, '--secure-hash', HASH];
    const [encoded, json, decoded, decodedHex, plain] = await Promise.all([
      genki('commitment', 'encode', ...flags),
      genki('commitment', 'encode', ...flags, '--competition', '1', '--json'),
      genki('commitment', 'decode', text, '--json'),
      genki('commitment', 'decode', hex, '--json'),
      genki('commitment', 'decode', text),
    ]);
    expect(encoded).toEqual({ code: 0, stdout: `${text}\n${text.length} bytes (limit 128)\n`, stderr: '' });
    expect(JSON.parse(json.stdout)).toEqual({
      commitment: text,
      bytes: text.length,
      namespace: 'genki',
      name: 'ruby.v2',
      commit: COMMIT,
      secure_hash: HASH,
      competition_id: 1,
    });
    const fields = {
      ok: true,
      namespace: 'genki',
      name: 'ruby.v2',
      repo: 'genki/ruby.v2',
      commit: COMMIT,
      secure_hash: HASH,
      competition_id: 1,
      bytes: text.length,
    };
    expect(JSON.parse(decoded.stdout)).toEqual(fields);
    expect(JSON.parse(decodedHex.stdout)).toEqual(fields);
    expect(plain.stdout).toMatch(/repo {9}genki\/ruby\.v2\n[\s\S]*competition {2}1 \(Chiptune/);
  });

  it('repo-hash and encode --snapshot agree with the Python reference of taoverse', async () => {
    const reference = python();
    const [hashed, unbound, encoded] = await Promise.all([
      genki('repo-hash', snapshot, '--hotkey', ALICE, '--json'),
      genki('repo-hash', snapshot, '--json'),
      genki(
        'commitment',
        'encode',
        '--repo',
        'genki/ruby',
        '--commit',
        COMMIT,
        '--snapshot',
        snapshot,
        '--hotkey',
        ALICE,
        '--json',
      ),
    ]);
    expect(hashed).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(hashed.stdout)).toEqual({
      dir_hash: reference.dir_hash,
      secure_hash: reference.secure_hash,
    });
    expect(JSON.parse(unbound.stdout)).toEqual({ dir_hash: reference.dir_hash });
    expect(encoded.code).toBe(0);
    expect(JSON.parse(encoded.stdout)).toMatchObject({
      commitment: `genki:ruby:${COMMIT}:${reference.secure_hash}:1`,
      dir_hash: reference.dir_hash,
      hotkey: ALICE,
    });
  });

  it('notes layout problems on stderr without failing', async () => {
    const bare = path.join(temp.dir, 'bare');
    fs.mkdirSync(bare, { recursive: true });
    fs.writeFileSync(path.join(bare, 'README.md'), 'no weights');
    const result = await genki('repo-hash', bare, '--json');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^genki: note: state_dict\.bin is missing at the repo root/m);
  });

  it('turns bad input into one clear line on stderr, never echoing a hotkey', async () => {
    const encode = (...extra: string[]) =>
      genki('commitment', 'encode', '--repo', 'genki/ruby', '--commit', COMMIT, ...extra);
    const absent = path.join(temp.dir, 'absent');
    // Independent runs, started together: each is a fresh Node process.
    const cases: [Promise<Result>, RegExp][] = [
      [
        genki('commitment', 'encode', '--repo', 'genki/ruby'),
        /--repo NS\/NAME and --commit SHA are required/,
      ],
      [encode(), /either --secure-hash B64 or --snapshot DIR --hotkey SS58/],
      [encode('--secure-hash', HASH, '--snapshot', snapshot), /either --secure-hash/],
      [encode('--snapshot', snapshot), /--snapshot needs --hotkey/],
      [encode('--secure-hash', HASH, '--hotkey', ALICE), /--hotkey is used only with --snapshot/],
      [encode('--secure-hash', HASH, '--competition', 'one'), /--competition must be an integer/],
      [
        genki('commitment', 'encode', '--repo', 'a/b', '--commit', COMMIT, '--secure-hash', HASH),
        /3 characters; taoverse allows 4 to 38/,
      ],
      [encode('--snapshot', snapshot, '--hotkey', SEED_WORDS), /not an SS58 address .*value is not shown/],
      [
        encode('--snapshot', snapshot, '--hotkey', ...SEED_WORDS.split(' ')),
        /unexpected argument \(not shown\)/,
      ],
      [encode('--snapshot', absent, '--hotkey', ALICE), /absent: no such folder/],
      [genki('commitment', 'decode', 'a:b:c'), /invalid commitment \(field_count\)/],
      [genki('commitment', 'decode', '0xfffe'), /\(not_utf8\): .*not valid UTF-8/],
      [genki('commitment', 'decode'), /give exactly one commitment/],
      [genki('commitment'), /give a subcommand: encode, decode/],
      [genki('commitment', 'sign'), /unknown subcommand "sign"/],
      [genki('repo-hash'), /give exactly one snapshot folder/],
      [genki('repo-hash', snapshot, '--hotkey', SEED_WORDS), /not an SS58 address/],
    ];
    const json = genki('commitment', 'decode', '0xzz', '--json');
    const results = await Promise.all(cases.map(([result]) => result));
    for (const [index, result] of results.entries()) expectCleanFailure(result, cases[index]?.[1] ?? /never/);
    const seeded = results
      .filter((_, index) => /not (shown|an SS58)/.test(cases[index]?.[1].source ?? ''))
      .map((result) => result.stderr)
      .join('');
    expect(seeded.split('\n').filter(Boolean)).toHaveLength(3);
    for (const word of SEED_WORDS.split(' ')) expect(seeded).not.toContain(word);
    const typed = await json;
    expectCleanFailure(typed, /\(bad_hex\)/, { stdout: typed.stdout });
    expect(JSON.parse(typed.stdout)).toMatchObject({ ok: false, code: 'bad_hex' });
  }, 60_000);
});
