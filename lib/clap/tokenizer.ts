/**
 * CLAP's text tokenizer: RoBERTa byte-level BPE, read from the model repo's tokenizer.json through
 * @huggingface/tokenizers (pure JS; it does no file I/O, callers pass the parsed JSON). Runs in the
 * browser worker, the server and the CLI alike.
 *
 * Truncation follows laion_clap (`LAION-AI/CLAP:src/laion_clap/hook.py`, copied by audiocraft):
 * `truncation=True, max_length=77`, i.e. the text is cut to 75 tokens and wrapped in `<s> … </s>`.
 * laion also pads to 77 with `<pad>` and an attention mask; we never pad (each prompt runs alone,
 * batch 1), which gives the same embedding as a masked padded run and stays correct for text graphs
 * that take no attention_mask at all (clap-and-fad.md §1.5–1.6).
 */
import { Tokenizer } from '@huggingface/tokenizers';
import { z } from 'zod';

export const CLAP_MAX_TOKENS = 77;

export class TokenizerError extends Error {
  override name = 'TokenizerError';
}

export interface TokenizedText {
  /** Token ids as int64, what the ONNX text graph takes. */
  ids: BigInt64Array;
  /** All ones (nothing is padded); sent only when the graph declares `attention_mask`. */
  attentionMask: BigInt64Array;
  /** True when the text was longer than the limit and was cut. */
  truncated: boolean;
}

const tokenizerJsonSchema = z.looseObject({
  model: z.looseObject({ type: z.string().optional(), vocab: z.unknown() }),
  added_tokens: z.array(z.looseObject({ id: z.number().int(), content: z.string() })).default([]),
  normalizer: z.unknown().default(null),
  pre_tokenizer: z.unknown().default(null),
  post_processor: z.unknown().default(null),
  decoder: z.unknown().default(null),
});

const tokenizerConfigSchema = z.looseObject({}).default({});

export class ClapTokenizer {
  private constructor(
    private readonly tokenizer: Tokenizer,
    private readonly prefix: number,
    private readonly suffix: number,
    readonly maxTokens: number,
  ) {}

  /**
   * Builds the tokenizer from parsed tokenizer.json (and tokenizer_config.json when the repo has
   * one). Throws TokenizerError with a one-line reason on a malformed file.
   */
  static fromJson(
    tokenizerJson: unknown,
    tokenizerConfig?: unknown,
    maxTokens = CLAP_MAX_TOKENS,
  ): ClapTokenizer {
    const parsedJson = tokenizerJsonSchema.safeParse(tokenizerJson);
    if (!parsedJson.success) {
      throw new TokenizerError(
        `tokenizer.json is not a Hugging Face tokenizer file (${parsedJson.error.issues[0]?.message ?? 'invalid'}).`,
      );
    }
    const parsedConfig = tokenizerConfigSchema.safeParse(tokenizerConfig ?? {});
    if (!parsedConfig.success) throw new TokenizerError('tokenizer_config.json must be a JSON object.');
    let tokenizer: Tokenizer;
    try {
      tokenizer = new Tokenizer(parsedJson.data, parsedConfig.data);
    } catch (error) {
      throw new TokenizerError(`tokenizer.json could not be loaded: ${(error as Error).message}`);
    }
    // How many special tokens the post-processor puts before and after the text, found by probing
    // rather than assumed, so truncation keeps them whatever the template (RoBERTa: 1 and 1).
    const bare = tokenizer.encode('a', { add_special_tokens: false }).ids;
    const full = tokenizer.encode('a').ids;
    const at = bare.length > 0 ? indexOfRun(full, bare) : -1;
    if (at < 0)
      throw new TokenizerError('tokenizer.json: cannot locate the text between its special tokens.');
    const prefix = at;
    const suffix = full.length - at - bare.length;
    if (maxTokens <= prefix + suffix)
      throw new TokenizerError(`maxTokens ${maxTokens} leaves no room for text.`);
    return new ClapTokenizer(tokenizer, prefix, suffix, maxTokens);
  }

  /** Token ids with special tokens, truncated to `maxTokens` like laion_clap. */
  encodeIds(text: string): { ids: number[]; truncated: boolean } {
    const ids = this.tokenizer.encode(text).ids;
    if (ids.length <= this.maxTokens) return { ids, truncated: false };
    const keep = this.maxTokens - this.prefix - this.suffix;
    return {
      ids: [...ids.slice(0, this.prefix + keep), ...ids.slice(ids.length - this.suffix)],
      truncated: true,
    };
  }

  encode(text: string): TokenizedText {
    const { ids, truncated } = this.encodeIds(text);
    return {
      ids: BigInt64Array.from(ids, (id) => BigInt(id)),
      attentionMask: new BigInt64Array(ids.length).fill(1n),
      truncated,
    };
  }

  /** Token strings (byte-level, `Ġ` for a leading space), for tests and debugging. */
  tokens(text: string): string[] {
    return this.encodeIds(text).ids.map((id) => this.tokenizer.id_to_token(id) ?? `<${id}>`);
  }

  decode(ids: readonly number[]): string {
    return this.tokenizer.decode([...ids], { skip_special_tokens: true });
  }

  /** Number of ids, added tokens included: the row count of the text model's embedding table. */
  get vocabSize(): number {
    return this.tokenizer.get_vocab(true).size;
  }
}

function indexOfRun(haystack: readonly number[], needle: readonly number[]): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
