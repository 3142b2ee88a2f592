import { MetricError } from '../../metrics/errors';
import { fad } from '../../metrics/fad';
import { kad } from '../../metrics/kad';
import { embeddingMatrixFromNpy } from '../../metrics/matrix';
import { NpyError, readNpy } from '../../npy';
import { parseCommandArgs, readInputFile } from '../args';
import { CliError, UsageError } from '../errors';
import type { Command } from '../main';

function loadSet(file: string) {
  try {
    return embeddingMatrixFromNpy(readNpy(readInputFile(file)), file);
  } catch (error) {
    if (error instanceof NpyError || error instanceof MetricError)
      throw new CliError(`${file}: ${error.message}`);
    throw error;
  }
}

export const fadCommand: Command = {
  summary:
    'Fréchet Audio Distance between two embedding sets (NPY [N,D]); --kad adds the small-sample-robust KAD.',
  usage: 'genki fad A.npy B.npy [--json] [--kad]',
  async run(args) {
    const { values, positionals } = parseCommandArgs('fad', args, {
      json: { type: 'boolean' },
      kad: { type: 'boolean' },
    });
    if (positionals.length !== 2) throw new UsageError('fad: give exactly two .npy files, A and B.');
    const [fileA, fileB] = positionals as [string, string];
    const a = loadSet(fileA);
    const b = loadSet(fileB);
    let result: ReturnType<typeof fad>;
    let robust: ReturnType<typeof kad> | undefined;
    try {
      result = fad(a, b);
      if (values.kad) robust = kad(a, b);
    } catch (error) {
      if (error instanceof MetricError) throw new CliError(error.message);
      throw error;
    }
    if (values.json) {
      const out: Record<string, number> = { fad: result.fad, n_a: result.nA, n_b: result.nB };
      if (robust) Object.assign(out, { kad: robust.kad, kad_bandwidth: robust.bandwidth });
      console.log(JSON.stringify(out));
      return;
    }
    console.log(`FAD ${result.fad.toPrecision(8)}  (n_a = ${result.nA}, n_b = ${result.nB}, dim = ${a.dim})`);
    if (robust)
      console.log(`KAD ${robust.kad.toPrecision(8)}  (bandwidth ${robust.bandwidth.toPrecision(6)})`);
    if (Math.min(result.nA, result.nB) <= a.dim) {
      console.log(
        `note: N ≤ dimension (${a.dim}): FAD is biased by sample size; compare only at equal N, or use --kad.`,
      );
    }
  },
};
