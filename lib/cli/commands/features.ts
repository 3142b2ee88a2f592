import fs from 'node:fs';
import path from 'node:path';
import { CLAP_SAMPLE_RATE } from '../../audio/types';
import { FEATURE_DIMS } from '../../clap/constants';
import { ClapExtractor } from '../../clap/features';
import { writeNpy } from '../../npy';
import { parseCommandArgs, parseNumberFlag, writeOutputFile } from '../args';
import { loadAudioFile } from '../audio-input';
import { CliError, UsageError } from '../errors';
import type { Command } from '../main';

/** Output names for --out-dir: the input's base name, made unique when two inputs share one. */
function outputNames(inputs: string[], dir: string): string[] {
  const used = new Set<string>();
  return inputs.map((input) => {
    const base = path.basename(input).replace(/\.[^.]*$/, '') || 'audio';
    let name = `${base}.npy`;
    for (let i = 2; used.has(name); i++) name = `${base}-${i}.npy`;
    used.add(name);
    return path.join(dir, name);
  });
}

export const featuresCommand: Command = {
  summary: 'CLAP input features (float32 NPY [1,1,1001,64]) of a 10 s window per input.',
  usage: 'genki features <audio…> [--offset S] (--out FILE.npy | --out-dir DIR)',
  async run(args) {
    const { values, positionals } = parseCommandArgs('features', args, {
      offset: { type: 'string' },
      out: { type: 'string' },
      'out-dir': { type: 'string' },
    });
    if (positionals.length === 0) throw new UsageError('features: give at least one audio file.');
    if (Boolean(values.out) === Boolean(values['out-dir'])) {
      throw new UsageError('features: give exactly one of --out FILE.npy or --out-dir DIR.');
    }
    if (values.out && positionals.length > 1) {
      throw new UsageError('features: --out takes one input; use --out-dir DIR for several.');
    }
    const offsetSeconds = parseNumberFlag('features', 'offset', values.offset) ?? 0;
    if (offsetSeconds < 0) throw new UsageError('features: --offset must not be negative.');
    let targets: string[];
    if (values['out-dir']) {
      fs.mkdirSync(values['out-dir'], { recursive: true });
      targets = outputNames(positionals, values['out-dir']);
    } else {
      targets = [values.out as string];
    }
    const extractor = new ClapExtractor();
    for (const [index, input] of positionals.entries()) {
      const audio = await loadAudioFile(input);
      const offset = Math.round(offsetSeconds * CLAP_SAMPLE_RATE);
      if (offset >= audio.samples.length) {
        throw new CliError(
          `${input}: --offset ${offsetSeconds} s is past the end of the clip (${audio.source.durationSeconds.toFixed(2)} s).`,
        );
      }
      const features = extractor.extract(audio.samples, offset);
      writeOutputFile(targets[index] as string, writeNpy(features, FEATURE_DIMS));
    }
  },
};
