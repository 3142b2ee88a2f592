import { ClapExtractor } from '../../clap/features';
import { WINDOW_POLICY } from '../../clap/windows';
import { embedClip } from '../../engine/embed-clip';
import { clapScore } from '../../metrics/clap-score';
import { parseCommandArgs, parseNumberFlag, readInputFile } from '../args';
import { loadAudioFile } from '../audio-input';
import { CliError, UsageError } from '../errors';
import type { Command } from '../main';
import { loadCliModel, modelLabel } from '../model';
import { DEFAULT_SEED } from './embed';

/**
 * Prompts: one per line, or Genki-Dama's prompts.csv (a `caption` header, one prompt per row;
 * quoted fields allowed). Blank lines are skipped.
 */
export function parsePrompts(text: string, file: string): string[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines[0]?.trim().toLowerCase() === 'caption') {
    return lines.slice(1).map((line) => {
      const trimmed = line.trim();
      return trimmed.startsWith('"') && trimmed.endsWith('"')
        ? trimmed.slice(1, -1).replace(/""/g, '"')
        : trimmed;
    });
  }
  if (lines.length === 0) throw new CliError(`${file}: no prompts in the file.`);
  return lines.map((line) => line.trim());
}

export const scoreCommand: Command = {
  summary:
    'CLAP score: cosine of prompt i and audio i, per pair and mean (as the validator pairs them, by index).',
  usage:
    'genki score --model <dir | hf:repo@rev | test> --prompts FILE <audio…> [--json] [--seed S] [--windows K]',
  async run(args) {
    const { values, positionals } = parseCommandArgs('score', args, {
      model: { type: 'string' },
      prompts: { type: 'string' },
      json: { type: 'boolean' },
      seed: { type: 'string', default: DEFAULT_SEED },
      windows: { type: 'string' },
    });
    if (!values.prompts) throw new UsageError('score: --prompts FILE is required.');
    if (positionals.length === 0) throw new UsageError('score: give at least one audio file.');
    const prompts = parsePrompts(new TextDecoder().decode(readInputFile(values.prompts)), values.prompts);
    if (prompts.length !== positionals.length) {
      throw new CliError(
        `score: ${prompts.length} prompt(s) in ${values.prompts} but ${positionals.length} audio file(s); prompt i is scored against audio i, so the counts must match.`,
      );
    }
    const count = parseNumberFlag('score', 'windows', values.windows);
    const clips = [];
    for (const file of positionals) clips.push(await loadAudioFile(file));
    const model = await loadCliModel(values.model);
    const extractor = new ClapExtractor();
    const audio = [];
    for (const clip of clips) {
      audio.push(
        (
          await embedClip(
            model,
            clip.samples,
            { seed: values.seed as string, ...(count ? { count } : {}) },
            extractor,
          )
        ).embedding,
      );
    }
    const text = await model.embedText(prompts);
    const result = clapScore(text, audio);
    const pairs = positionals.map((file, i) => ({ file, prompt: prompts[i], score: result.scores[i] }));
    if (values.json) {
      console.log(
        JSON.stringify({
          model: { repo: model.info.repo, revision: model.info.revision, test_model: model.info.isTestModel },
          windows: {
            policy: WINDOW_POLICY.id,
            seed: values.seed,
            count: count ?? WINDOW_POLICY.defaultCount,
          },
          pairs,
          mean: result.mean,
          std: result.std,
          n: result.n,
        }),
      );
    } else {
      console.log(`model ${modelLabel(model)}`);
      for (const pair of pairs)
        console.log(`${(pair.score ?? 0).toFixed(6)}  ${pair.file}  "${pair.prompt}"`);
      console.log(`mean ${result.mean.toFixed(6)}  (std ${result.std.toFixed(6)}, n = ${result.n})`);
    }
    await model.release();
  },
};
