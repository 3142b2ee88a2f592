import { makeTestModel } from '../../clap/test-model';
import { parseCommandArgs } from '../args';
import { UsageError } from '../errors';
import type { Command } from '../main';

export const makeTestModelCommand: Command = {
  summary: 'Write a tiny CLAP-shaped test model (same tensor names and shapes as the Xenova exports).',
  usage: 'genki make-test-model DIR',
  async run(args) {
    const { positionals } = parseCommandArgs('make-test-model', args, {});
    if (positionals.length !== 1) throw new UsageError('make-test-model: give exactly one target directory.');
    const { dir, files } = await makeTestModel(positionals[0] as string);
    console.log(
      `Test model written to ${dir} (${files.length} files). Its scores mean nothing: use it for tests.`,
    );
  },
};
