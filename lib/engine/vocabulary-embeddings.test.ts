import { describe, expect, it, vi } from 'vitest';
import { vocabularyEmbeddingsSchema } from '../datasets/model';
import { VALIDATOR_INSTRUMENTS, VALIDATOR_MOODS } from '../genki/vocabulary';
import { vocabularyEmbeddings, vocabularyPrompt } from './vocabulary-embeddings';

function fakeModel(revision: string) {
  const embedText = vi.fn(async (texts: readonly string[]) =>
    texts.map((_, i) => {
      const out = new Float32Array(512);
      out[i % 512] = 1;
      return out;
    }),
  );
  return { embedText, info: { repo: 'genki/test', revision, isTestModel: true } } as unknown as Parameters<
    typeof vocabularyEmbeddings
  >[0] & { embedText: typeof embedText };
}

describe('vocabulary embeddings', () => {
  it('embeds every validator label once with the documented template, then serves it from memory', async () => {
    const model = fakeModel('r1');
    const first = await vocabularyEmbeddings(model);
    const again = await vocabularyEmbeddings(model);
    expect(again).toBe(first);
    expect(model.embedText).toHaveBeenCalledTimes(1);
    const texts = model.embedText.mock.calls[0]?.[0] ?? [];
    expect(texts[0]).toBe('chiptune music, action');
    expect(texts.at(-1)).toBe(vocabularyPrompt('voice'));
    expect(vocabularyEmbeddingsSchema.parse(first)).toMatchObject({
      model: 'genki/test@r1',
      isTestModel: true,
      template: 'chiptune music, {label}',
    });
    expect(first.moods.map((entry) => entry.label)).toEqual([...VALIDATOR_MOODS]);
    expect(first.instruments.map((entry) => entry.label)).toEqual([...VALIDATOR_INSTRUMENTS]);
    expect(first.instruments[0]?.embedding[VALIDATOR_MOODS.length]).toBe(1);
  });

  it('keeps one cache entry per model revision and retries after a failure', async () => {
    const broken = fakeModel('r2');
    broken.embedText.mockRejectedValueOnce(new Error('boom'));
    await expect(vocabularyEmbeddings(broken)).rejects.toThrow('boom');
    await expect(vocabularyEmbeddings(broken)).resolves.toMatchObject({ model: 'genki/test@r2' });
  });
});
