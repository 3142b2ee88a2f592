import { describe, expect, it } from 'vitest';
import { buildTestTokenizer } from './test-tokenizer';
import { CLAP_MAX_TOKENS, ClapTokenizer, TokenizerError } from './tokenizer';

const files = buildTestTokenizer();
const tokenizer = ClapTokenizer.fromJson(files.tokenizerJson, files.tokenizerConfig);
const vocab = (files.tokenizerJson.model as { vocab: Record<string, number> }).vocab;
const merges = (files.tokenizerJson.model as { merges: string[] }).merges;

/**
 * An independent byte-level BPE (GPT-2 / RoBERTa algorithm, written from the paper's description
 * rather than from either implementation): regex pre-tokenisation, bytes → printable symbols,
 * repeated lowest-rank merge, `<s> … </s>`.
 */
function referenceEncode(text: string): number[] {
  const symbols = new Map<number, string>();
  let shifted = 0;
  for (let byte = 0; byte < 256; byte++) {
    const visible = (byte >= 33 && byte <= 126) || (byte >= 161 && byte <= 172) || byte >= 174;
    symbols.set(byte, String.fromCharCode(visible ? byte : 256 + shifted++));
  }
  const rank = new Map(merges.map((merge, i) => [merge, i]));
  const pattern = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;
  const ids = [vocab['<s>'] ?? -1];
  for (const [piece] of text.matchAll(pattern)) {
    let word = [...new TextEncoder().encode(piece)].map((byte) => symbols.get(byte) ?? '?');
    while (word.length > 1) {
      const pairs = word.slice(1).map((right, i) => ({ i, rank: rank.get(`${word[i]} ${right}`) }));
      const best = pairs
        .filter((pair): pair is { i: number; rank: number } => pair.rank !== undefined)
        .sort((a, b) => a.rank - b.rank)[0];
      if (!best) break;
      word = [...word.slice(0, best.i), `${word[best.i]}${word[best.i + 1]}`, ...word.slice(best.i + 2)];
    }
    for (const token of word) ids.push(vocab[token] ?? -1);
  }
  ids.push(vocab['</s>'] ?? -1);
  return ids;
}

describe('ClapTokenizer on the test tokenizer', () => {
  it('has RoBERTa special ids and a few hundred entries', () => {
    expect([vocab['<s>'], vocab['<pad>'], vocab['</s>'], vocab['<unk>']]).toEqual([0, 1, 2, 3]);
    expect(vocab['<mask>']).toBe(files.vocabSize - 1);
    expect(tokenizer.vocabSize).toBe(files.vocabSize);
    expect(files.vocabSize).toBeGreaterThan(300);
    expect(files.vocabSize).toBeLessThan(600);
  });

  it('tokenises known strings to whole-word tokens', () => {
    expect(tokenizer.tokens('8-bit chiptune music')).toEqual([
      '<s>',
      '8',
      '-',
      'bit',
      'Ġchiptune',
      'Ġmusic',
      '</s>',
    ]);
    expect(tokenizer.tokens('Electronic---Chiptune happy upbeat calm piano guitar')).toEqual([
      '<s>',
      'Electronic',
      '---',
      'Chiptune',
      'Ġhappy',
      'Ġupbeat',
      'Ġcalm',
      'Ġpiano',
      'Ġguitar',
      '</s>',
    ]);
    expect(tokenizer.tokens('')).toEqual(['<s>', '</s>']);
    const { ids } = tokenizer.encodeIds('8-bit chiptune music');
    expect(ids).toEqual(['<s>', '8', '-', 'bit', 'Ġchiptune', 'Ġmusic', '</s>'].map((token) => vocab[token]));
  });

  it('falls back to bytes for unicode and emoji', () => {
    // é is two UTF-8 bytes (C3 A9 → "Ã©"); 🎮 is four, none of them merged.
    expect(tokenizer.tokens(' café')).toEqual(['<s>', 'Ġ', 'ca', 'f', 'Ã', '©', '</s>']);
    expect(tokenizer.tokens('🎮')).toHaveLength(2 + 4);
    expect(tokenizer.decode(tokenizer.encodeIds('🎮 café チップチューン').ids)).toBe(
      '🎮 café チップチューン',
    );
  });

  it.each([
    '8-bit chiptune music',
    'Electronic---Chiptune happy epic dark bass drums',
    'A retro game boss battle theme, with square-wave lead & noise drums!',
    "chiptune's arpeggio'll    loop  ",
    '🎮🕹️ café naïve Ωmega 日本語 \t tabs\nnewlines',
    '16 bit 8bit 1986 retro',
    '',
  ])('matches an independent byte-level BPE on %j', (text) => {
    expect(tokenizer.encodeIds(text).ids).toEqual(referenceEncode(text));
  });

  it('truncates to 77 tokens like laion_clap, keeping <s> and </s>', () => {
    const long = Array.from({ length: 100 }, () => 'retro').join(' ');
    const { ids, attentionMask, truncated } = tokenizer.encode(long);
    expect(CLAP_MAX_TOKENS).toBe(77);
    expect(truncated).toBe(true);
    expect(ids).toHaveLength(77);
    expect(ids[0]).toBe(0n);
    expect(ids[76]).toBe(2n);
    expect(ids[1]).toBe(BigInt(vocab.retro ?? -1));
    expect([...ids.slice(2, 76)].every((id) => id === BigInt(vocab.Ġretro ?? -1))).toBe(true);
    expect(attentionMask).toEqual(new BigInt64Array(77).fill(1n));
    expect(referenceEncode(long).slice(0, 76)).toEqual([...ids.slice(0, 76)].map(Number));

    const exact = Array.from({ length: 75 }, () => 'retro').join(' ');
    expect(tokenizer.encode(exact)).toMatchObject({ truncated: false });
    expect(tokenizer.encode(exact).ids).toHaveLength(77);
    expect(tokenizer.encode(`${exact} retro`)).toMatchObject({ truncated: true });
  });

  it('returns int64 ids and an all-ones mask', () => {
    const { ids, attentionMask } = tokenizer.encode('chiptune');
    expect(ids).toBeInstanceOf(BigInt64Array);
    expect([...ids]).toEqual([0n, BigInt(vocab.chiptune ?? -1), 2n]);
    expect([...attentionMask]).toEqual([1n, 1n, 1n]);
  });

  it('rejects files that are not tokenizers', () => {
    expect(() => ClapTokenizer.fromJson({ hello: 'world' })).toThrow(TokenizerError);
    expect(() => ClapTokenizer.fromJson(null)).toThrow(/not a Hugging Face tokenizer file/);
    expect(() => ClapTokenizer.fromJson(files.tokenizerJson, 'nope')).toThrow(/must be a JSON object/);
    expect(() => ClapTokenizer.fromJson(files.tokenizerJson, undefined, 2)).toThrow(/no room/);
  });
});
