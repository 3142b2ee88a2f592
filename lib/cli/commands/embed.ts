import { EMBEDDING_DIM } from '../../clap/constants';
import { ClapExtractor } from '../../clap/features';
import { embedClip } from '../../engine/embed-clip';
import { writeNpy } from '../../npy';
import { parseCommandArgs, parseNumberFlag, writeOutputFile } from '../args';
import { loadAudioFile } from '../audio-input';
import { UsageError } from '../errors';
import type { Command } from '../main';
import { loadCliModel } from '../model';

export const DEFAULT_SEED = 'genki';

export const embedCommand: Command = {
  summary: 'L2-normalised CLAP audio embeddings, float32 NPY [N,512], windows per genki-windows-v1.',
  usage: 'genki embed --model <dir | hf:repo@rev | test> <audio…> --out FILE.npy [--seed S] [--windows K]',
  async run(args) {
    const { values, positionals } = parseCommandArgs('embed', args, {
      model: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string', default: DEFAULT_SEED },
      windows: { type: 'string' },
    });
    if (positionals.length === 0) throw new UsageError('embed: give at least one audio file.');
    if (!values.out) throw new UsageError('embed: --out FILE.npy is required.');
    const count = parseNumberFlag('embed', 'windows', values.windows);
    if (count !== undefined && !(Number.isInteger(count) && count >= 1 && count <= 16)) {
      throw new UsageError('embed: --windows must be a whole number from 1 to 16.');
    }
    // Decode everything first: a bad file fails before the model downloads or loads.
    const clips = [];
    for (const file of positionals) clips.push(await loadAudioFile(file));
    const model = await loadCliModel(values.model);
    const extractor = new ClapExtractor();
    const out = new Float32Array(clips.length * EMBEDDING_DIM);
    for (const [index, clip] of clips.entries()) {
      const { embedding } = await embedClip(
        model,
        clip.samples,
        { seed: values.seed as string, ...(count ? { count } : {}) },
        extractor,
      );
      out.set(embedding, index * EMBEDDING_DIM);
    }
    writeOutputFile(values.out, writeNpy(out, [clips.length, EMBEDDING_DIM]));
    await model.release();
  },
};
