/**
 * Text embeddings of the validator vocabulary (56 moods, 40 instruments; lib/genki/vocabulary.ts)
 * for zero-shot tagging in the browser: each label is embedded once per server process and model,
 * then served from memory by GET /api/clap/vocabulary.
 *
 * Template: "chiptune music, {label}", with the label exactly as validators write it
 * ("electricpiano", not "electric piano"): the tags are meant to match the words validator prompts
 * use, and the shared "chiptune music" prefix keeps every label in the same context, so the ranking
 * is about the label rather than about chiptune-versus-not.
 */
import type { ClapModel } from '../clap/session';
import type { VocabularyEmbeddings } from '../datasets/model';
import { VALIDATOR_INSTRUMENTS, VALIDATOR_MOODS } from '../genki/vocabulary';

export const VOCABULARY_TEMPLATE = 'chiptune music, {label}';

export function vocabularyPrompt(label: string): string {
  return VOCABULARY_TEMPLATE.replace('{label}', label);
}

type TextModel = Pick<ClapModel, 'embedText' | 'info'>;

const holder = globalThis as typeof globalThis & {
  __genkiVocabulary?: Map<string, Promise<VocabularyEmbeddings>>;
};

async function compute(model: TextModel): Promise<VocabularyEmbeddings> {
  const labels = [...VALIDATOR_MOODS, ...VALIDATOR_INSTRUMENTS];
  const embeddings = await model.embedText(labels.map(vocabularyPrompt));
  const row = (index: number) => Array.from(embeddings[index] ?? []);
  return {
    model: `${model.info.repo}@${model.info.revision}`,
    isTestModel: model.info.isTestModel,
    template: VOCABULARY_TEMPLATE,
    moods: VALIDATOR_MOODS.map((label, i) => ({ label, embedding: row(i) })),
    instruments: VALIDATOR_INSTRUMENTS.map((label, i) => ({
      label,
      embedding: row(VALIDATOR_MOODS.length + i),
    })),
  };
}

/** Cached per model (repo@revision); a failure is not cached, so the next request retries. */
export function vocabularyEmbeddings(model: TextModel): Promise<VocabularyEmbeddings> {
  holder.__genkiVocabulary ??= new Map();
  const cache = holder.__genkiVocabulary;
  const key = `${model.info.repo}@${model.info.revision}`;
  let entry = cache.get(key);
  if (!entry) {
    entry = compute(model);
    entry.catch(() => cache.delete(key));
    cache.set(key, entry);
  }
  return entry;
}
