/**
 * The fixture model's tokenizer: a tiny RoBERTa-style byte-level BPE (ByteLevel pre-tokenizer and
 * decoder, RobertaProcessing post-processor, `<s>`=0 `<pad>`=1 `</s>`=2 `<unk>`=3, `<mask>` last),
 * laid out like the real Xenova tokenizer.json so the same loading code runs on both.
 *
 * The vocabulary is the 256 byte symbols plus merges "trained" on a fixed list of chiptune and
 * Genki-Dama prompt words: each word (and its space-prefixed `Ġword` form) gets just enough merges
 * to become a single token. Deterministic: same version, same bytes.
 */

/** Words that become single tokens (bare and with a leading space). */
export const TEST_TOKENIZER_WORDS = [
  'chip',
  'tune',
  'chiptune',
  'Chiptune',
  'Electronic',
  '---',
  'music',
  'bit',
  '8',
  '16',
  'game',
  'retro',
  'melody',
  'bass',
  'lead',
  'drums',
  'arpeggio',
  'square',
  'wave',
  'pulse',
  'noise',
  'triangle',
  'synthesizer',
  'upbeat',
  'happy',
  'energetic',
  'epic',
  'dark',
  'calm',
  'sad',
  'fast',
  'slow',
  'loop',
  'boss',
  'battle',
  'theme',
  'piano',
  'guitar',
  'beat',
  'action',
  'adventure',
  'the',
  'a',
  'of',
  'with',
  'and',
] as const;

export const SPECIAL_TOKENS = ['<s>', '<pad>', '</s>', '<unk>'] as const;
export const MASK_TOKEN = '<mask>';

/** GPT-2's reversible byte → printable character map (bytes_to_unicode). */
export function byteToUnicode(): string[] {
  const printable: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) printable.push(b);
  for (let b = 0xa1; b <= 0xac; b++) printable.push(b);
  for (let b = 0xae; b <= 0xff; b++) printable.push(b);
  const map: string[] = new Array(256);
  let extra = 0;
  for (let b = 0; b < 256; b++) {
    map[b] = String.fromCodePoint(printable.includes(b) ? b : 256 + extra++);
  }
  return map;
}

/** Applies ranked merges to one pre-token's symbols (lowest rank first), as BPE does. */
function bpe(symbols: string[], ranks: Map<string, number>): string[] {
  let parts = symbols;
  for (;;) {
    let best = -1;
    let bestRank = Number.POSITIVE_INFINITY;
    for (let i = 0; i + 1 < parts.length; i++) {
      const rank = ranks.get(`${parts[i]} ${parts[i + 1]}`);
      if (rank !== undefined && rank < bestRank) {
        bestRank = rank;
        best = i;
      }
    }
    if (best < 0) return parts;
    const merged = `${parts[best]}${parts[best + 1]}`;
    parts = [...parts.slice(0, best), merged, ...parts.slice(best + 2)];
  }
}

export interface TestTokenizerFiles {
  tokenizerJson: Record<string, unknown>;
  tokenizerConfig: Record<string, unknown>;
  vocabSize: number;
}

export function buildTestTokenizer(): TestTokenizerFiles {
  const bytes = byteToUnicode();
  const encodeWord = (word: string) => [...new TextEncoder().encode(word)].map((b) => bytes[b] ?? '');
  const merges: string[] = [];
  const ranks = new Map<string, number>();
  for (const word of TEST_TOKENIZER_WORDS) {
    for (const form of [word, ` ${word}`]) {
      // Add the merge of the first two pieces until the word is one token. New merges rank last,
      // so words already made whole never change.
      for (let parts = bpe(encodeWord(form), ranks); parts.length > 1; parts = bpe(encodeWord(form), ranks)) {
        const pair = `${parts[0]} ${parts[1]}`;
        ranks.set(pair, merges.length);
        merges.push(pair);
      }
    }
  }

  const vocab: Record<string, number> = {};
  let next = 0;
  for (const token of SPECIAL_TOKENS) vocab[token] = next++;
  for (const symbol of bytes) vocab[symbol] = next++;
  for (const merge of merges) {
    const token = merge.replace(' ', '');
    if (!(token in vocab)) vocab[token] = next++;
  }
  const maskId = next++;
  vocab[MASK_TOKEN] = maskId;

  const added = (id: number, content: string, lstrip = false) => ({
    id,
    content,
    single_word: false,
    lstrip,
    rstrip: false,
    normalized: content !== MASK_TOKEN,
    special: true,
  });
  const tokenizerJson = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [...SPECIAL_TOKENS.map((token, id) => added(id, token)), added(maskId, MASK_TOKEN, true)],
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: {
      type: 'RobertaProcessing',
      sep: ['</s>', 2],
      cls: ['<s>', 0],
      trim_offsets: true,
      add_prefix_space: false,
    },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: '',
      end_of_word_suffix: '',
      fuse_unk: false,
      byte_fallback: false,
      vocab,
      merges,
    },
  };
  const tokenizerConfig = {
    add_prefix_space: false,
    bos_token: '<s>',
    clean_up_tokenization_spaces: true,
    cls_token: '<s>',
    eos_token: '</s>',
    errors: 'replace',
    mask_token: MASK_TOKEN,
    model_max_length: 512,
    pad_token: '<pad>',
    sep_token: '</s>',
    tokenizer_class: 'RobertaTokenizer',
    trim_offsets: true,
    unk_token: '<unk>',
  };
  return { tokenizerJson, tokenizerConfig, vocabSize: next };
}
