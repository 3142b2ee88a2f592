import { describe, expect, it } from 'vitest';
import { runReference } from '@/tests/support/python';
import {
  type CommitmentDecodeResult,
  CommitmentError,
  type CompetitionInfo,
  decodeCommitment,
  decodeCommitmentField,
  decodeCommitmentInfo,
  encodeCommitment,
  GENKI_COMPETITIONS,
  MAX_REPO_ID_LENGTH,
  modelCommitmentSchema,
  parseCommitment,
  toCommitmentDataField,
} from './commitment-codec';

const COMMIT = '0123456789abcdef0123456789abcdef01234567';
const HASH = 'c1S/UOoEheNX0chuty+x036Q0N7MKI4z5HEjamC7PN8=';
const valid = `iwehf:pokemon_musicgen:${COMMIT}:${HASH}:1`;
const hex = (text: string | Uint8Array) =>
  `0x${Buffer.from(typeof text === 'string' ? new TextEncoder().encode(text) : text).toString('hex')}`;

function problemOf(result: CommitmentDecodeResult) {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('unreachable');
  expect(result.problem.message).toMatch(/^\S.*\.$/);
  expect(result.problem.message).not.toContain('\n');
  return result.problem;
}

describe('encodeCommitment', () => {
  it('writes the taoverse compressed string with its byte count', () => {
    const encoded = encodeCommitment({ repo: 'iwehf/pokemon_musicgen', commit: COMMIT, secureHash: HASH });
    expect(encoded.text).toBe(valid);
    expect(encoded.byteLength).toBe(valid.length);
    expect(encoded.commitment).toEqual({
      namespace: 'iwehf',
      name: 'pokemon_musicgen',
      repo: 'iwehf/pokemon_musicgen',
      commit: COMMIT,
      secureHash: HASH,
      competitionId: 1,
    });
    expect(modelCommitmentSchema.parse(encoded.commitment)).toEqual(encoded.commitment);
    expect(toCommitmentDataField(encoded)).toEqual({ [`Raw${valid.length}`]: hex(valid) });
  });

  it('round-trips dotted, dashed and underscored names, and the longest repo id', () => {
    for (const repo of [
      'my.org/model.v2',
      'a_b-c/x',
      '_u/n_',
      'a/bc',
      'None/None',
      `${'n'.repeat(18)}/${'m'.repeat(19)}`,
    ]) {
      const encoded = encodeCommitment({ repo, commit: COMMIT, secureHash: HASH });
      expect(parseCommitment(encoded.text)).toEqual(encoded.commitment);
      expect(parseCommitment(encoded.bytes)).toEqual(encoded.commitment);
      expect(parseCommitment(hex(encoded.text))).toEqual(encoded.commitment);
    }
    const longest = encodeCommitment({
      repo: `${'n'.repeat(18)}/${'m'.repeat(19)}`,
      commit: COMMIT,
      secureHash: HASH,
    });
    expect(MAX_REPO_ID_LENGTH).toBe(38);
    expect(longest.byteLength).toBe(126);
  });

  it('stays within 128 bytes: the longest valid commitment is 127, a 128-byte one breaks a field rule', () => {
    // taoverse budgets 4 separators on top of the 38-character repo id, but the repo's "/" becomes
    // the first ":", so with a two-digit competition id the longest commitment is 127 bytes.
    const competitions: Record<number, CompetitionInfo> = {
      ...GENKI_COMPETITIONS,
      42: { ...(GENKI_COMPETITIONS[1] as CompetitionInfo), id: 42, slug: 'test' },
    };
    const repo = `${'n'.repeat(18)}/${'m'.repeat(19)}`;
    const encoded = encodeCommitment(
      { repo, commit: COMMIT, secureHash: HASH, competitionId: 42 },
      { competitions },
    );
    expect(encoded.byteLength).toBe(127);
    expect(decodeCommitment(encoded.text, { competitions })).toMatchObject({ ok: true, byteLength: 127 });
    expect(problemOf(decodeCommitment(encoded.text)).code).toBe('unknown_competition');
    const at128 = `x${encoded.text}`;
    expect(new TextEncoder().encode(at128).byteLength).toBe(128);
    expect(problemOf(decodeCommitment(at128, { competitions })).message).toMatch(/39 characters/);
    expect(problemOf(decodeCommitment(`xy${encoded.text}`, { competitions })).code).toBe('too_long');
    // Bytes, not characters: 43 two-byte characters are 86 bytes but only 43 characters.
    const wide = `${'é'.repeat(43)}:n:${COMMIT}:${HASH}:1`;
    expect(problemOf(decodeCommitment(wide)).code).toBe('too_long');
  });

  it('refuses every invalid field with a CommitmentError naming it', () => {
    const cases: [Partial<Parameters<typeof encodeCommitment>[0]>, string, RegExp][] = [
      [{ repo: 'noslash' }, 'bad_repo_id', /exactly one "\/"/],
      [{ repo: 'a/b/c' }, 'bad_repo_id', /exactly one/],
      [{ repo: 'a/b' }, 'bad_repo_id', /3 characters.*4 to 38/],
      [{ repo: `${'n'.repeat(19)}/${'m'.repeat(19)}` }, 'bad_repo_id', /39 characters/],
      [{ repo: 'ünï/cödé' }, 'bad_repo_id', /ASCII/],
      [{ repo: 'a:b/c' }, 'bad_repo_id', /ASCII letters/],
      [{ repo: '-ab/cd' }, 'bad_repo_id', /start and end/],
      [{ repo: 'ab/cd.' }, 'bad_repo_id', /start and end/],
      [{ repo: 'a--b/cd' }, 'bad_repo_id', /"--"/],
      [{ repo: 'ab/c..d' }, 'bad_repo_id', /"\.\."/],
      [{ repo: 'ab/model.git' }, 'bad_repo_id', /\.git/],
      [{ commit: COMMIT.toUpperCase() }, 'bad_commit', /40 lowercase hex/],
      [{ commit: 'main' }, 'bad_commit', /commit SHA/],
      [{ secureHash: HASH.slice(0, 43) }, 'bad_secure_hash', /43 characters/],
      [{ secureHash: HASH.replace('+', '-') }, 'bad_secure_hash', /URL-safe/],
      [{ secureHash: `${HASH.slice(0, 43)}A` }, 'bad_secure_hash', /followed by one "="/],
      [{ secureHash: `${HASH.slice(0, 42)}B=` }, 'bad_secure_hash', /padding bits/],
      [{ competitionId: 2 }, 'unknown_competition', /Competition 2 .*known: 1/],
      [{ competitionId: 100 }, 'bad_competition_id', /at most 2 digits/],
      [{ competitionId: 1.5 }, 'bad_competition_id', /integer/],
    ];
    for (const [override, code, message] of cases) {
      const input = { repo: 'genki/ruby', commit: COMMIT, secureHash: HASH, ...override };
      let caught: unknown;
      try {
        encodeCommitment(input);
      } catch (error) {
        caught = error;
      }
      expect(caught, JSON.stringify(override)).toBeInstanceOf(CommitmentError);
      expect((caught as CommitmentError).code).toBe(code);
      expect((caught as CommitmentError).message).toMatch(message);
    }
  });
});

describe('decodeCommitment', () => {
  it('turns every malformed form seen on chain into a typed problem, never a throw', () => {
    const cases: [string | Uint8Array, string][] = [
      ['', 'empty'],
      [new Uint8Array(0), 'empty'],
      ['0x', 'empty'],
      ['0xzz', 'bad_hex'],
      ['0x123', 'bad_hex'],
      [new Uint8Array([0x61, 0x3a, 0xff, 0xfe]), 'not_utf8'],
      [hex(new Uint8Array([0xed, 0xa0, 0x80])), 'not_utf8'],
      [new Uint8Array(129).fill(0x61), 'too_long'],
      ['garbage', 'field_count'],
      [`iwehf:pokemon:${COMMIT}:${HASH}`, 'field_count'],
      [`${valid}:extra`, 'field_count'],
      [`iwehf:pokemon:None:${HASH}:1`, 'none_field'],
      [`iwehf:pokemon:${COMMIT}:None:1`, 'none_field'],
      [`iwehf:pokemon:${COMMIT}:${HASH}:None`, 'bad_competition_id'],
      [`\u{feff}iwehf:pokemon:${COMMIT}:${HASH}:1`, 'bad_repo_id'],
      [`iwehf:pokémon:${COMMIT}:${HASH}:1`, 'bad_repo_id'],
      [`:pokemon:${COMMIT}:${HASH}:1`, 'bad_repo_id'],
      [`iwehf:pokemon:${COMMIT.slice(1)}g:${HASH}:1`, 'bad_commit'],
      [`iwehf:pokemon:${COMMIT}:${HASH.slice(1)}:1`, 'bad_secure_hash'],
      [`iwehf:pokemon:${COMMIT}:${HASH}:01`, 'bad_competition_id'],
      [`iwehf:pokemon:${COMMIT}:${HASH}:+1`, 'bad_competition_id'],
      [`iwehf:pokemon:${COMMIT}:${HASH}: 1`, 'bad_competition_id'],
      [`iwehf:pokemon:${COMMIT}:${HASH}:0`, 'unknown_competition'],
      [`iwehf:pokemon:${COMMIT}:${HASH}:7`, 'unknown_competition'],
    ];
    for (const [input, code] of cases) {
      const problem = problemOf(decodeCommitment(input));
      expect(problem.code, String(input)).toBe(code);
    }
    expect(() => parseCommitment(`${valid}:x`)).toThrowError(CommitmentError);
    expect(decodeCommitment(`iwehf:pokemon:None:${HASH}:1`)).toMatchObject({
      problem: { message: expect.stringMatching(/taoverse reads as null.*cannot download/) },
      text: `iwehf:pokemon:None:${HASH}:1`,
    });
  });

  it('reads polkadot.js and Python shapes of the Data enum, and refuses other variants', () => {
    const bytes = new TextEncoder().encode(valid);
    const n = bytes.byteLength;
    for (const field of [
      { [`raw${n}`]: hex(valid) },
      { [`Raw${n}`]: valid },
      { [`Raw${n}`]: bytes },
      { [`Raw${n}`]: [...bytes] },
    ]) {
      expect(decodeCommitmentField(field)).toMatchObject({ ok: true, text: valid });
    }
    expect(
      decodeCommitmentInfo({ fields: [{ [`raw${n}`]: hex(valid) }, { resetBondsFlag: null }] }),
    ).toMatchObject({ ok: true });
    expect(decodeCommitmentInfo({ fields: [[{ [`Raw${n}`]: hex(valid) }]] })).toMatchObject({ ok: true });
    // toHuman shows printable bytes as text: "0x12" in a Raw4 is four characters, not one byte.
    expect(problemOf(decodeCommitmentField({ Raw4: '0x12' })).code).toBe('field_count');

    const refused: [unknown, string, RegExp][] = [
      [{ none: null }, 'unsupported_data', /None variant/],
      ['None', 'unsupported_data', /None variant/],
      [null, 'unsupported_data', /None variant/],
      [{ sha256: `0x${'00'.repeat(32)}` }, 'unsupported_data', /sha256 hash/],
      [{ BlakeTwo256: `0x${'00'.repeat(32)}` }, 'unsupported_data', /hash/],
      [
        { timelockEncrypted: { encrypted: '0x00', reveal_round: 7 } },
        'unsupported_data',
        /TimelockEncrypted/,
      ],
      [{ resetBondsFlag: null }, 'unsupported_data', /ResetBondsFlag/],
      [{ bigRaw: hex(valid) }, 'unsupported_data', /BigRaw/],
      [{ raw0: '0x' }, 'empty', /empty/],
      [{ Raw5: '0x0102' }, 'malformed_data', /exactly 5 bytes/],
      [{ Raw129: '0x' }, 'malformed_data', /at most 128/],
      [{ Raw3: 42 }, 'malformed_data', /exactly 3 bytes/],
      [{ raw3: '0x616263', sha256: '0x' }, 'malformed_data', /exactly one/],
      [{ Frobnicate: 1 }, 'malformed_data', /unknown Data variant/],
      [42, 'malformed_data', /not a Data value/],
      [{ fields: [] }, 'malformed_data', /unknown Data variant/],
    ];
    for (const [field, code, message] of refused) {
      const problem = problemOf(decodeCommitmentField(field));
      expect(problem.code, JSON.stringify(field)).toBe(code);
      expect(problem.message).toMatch(message);
    }
    expect(problemOf(decodeCommitmentInfo({ fields: [] })).code).toBe('no_fields');
    expect(problemOf(decodeCommitmentInfo({ fields: [[]] })).code).toBe('no_fields');
    expect(problemOf(decodeCommitmentInfo('nope')).code).toBe('malformed_data');
  });

  it('agrees with taoverse on what it accepts, and documents where we are stricter', () => {
    const inputs = [
      valid,
      encodeCommitment({ repo: 'my.org/model.v2', commit: COMMIT, secureHash: HASH }).text,
      `iwehf:pokemon:${COMMIT}:${HASH}:1:extra`,
      `iwehf:pokemon:None:${HASH}:1`,
      `iwehf:pokemon:${COMMIT}:${HASH}:01`,
      'only:three:fields',
      `iwehf:pokemon:${COMMIT}:${HASH}:x`,
    ];
    const python = JSON.parse(
      runReference('taoverse_hash.py', ['parse'], {
        input: JSON.stringify([...inputs.map((text) => hex(text).slice(2)), 'fffe']),
      }),
    ) as { fields?: Record<string, unknown>; roundtrip?: boolean; error?: string }[];
    // What we accept, taoverse parses to the same fields and writes back byte for byte.
    for (const [index, text] of inputs.slice(0, 2).entries()) {
      const ours = parseCommitment(text);
      expect(python[index]).toEqual({
        fields: {
          namespace: ours.namespace,
          name: ours.name,
          commit: ours.commit,
          hash: null,
          secure_hash: ours.secureHash,
          competition_id: ours.competitionId,
        },
        roundtrip: true,
      });
    }
    // Stricter: extra fields (taoverse ignores them), "None" (taoverse: null, then the model cannot
    // be fetched), "01" (Python int() reads 1); refused by both: 3 fields, "x", non-UTF-8.
    expect(python[2]?.fields?.competition_id).toBe(1);
    expect(python[3]?.fields?.commit).toBeNull();
    expect(python[4]?.fields?.competition_id).toBe(1);
    expect(python.slice(5).map((entry) => entry.error)).toEqual([
      'IndexError',
      'ValueError',
      'UnicodeDecodeError',
    ]);
    expect(inputs.slice(2).every((text) => !decodeCommitment(text).ok)).toBe(true);
  });
});
