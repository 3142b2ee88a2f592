import { bench, describe } from 'vitest';
import { chiptune } from '@/tests/reference/clap-signals';
import { transformersClapExtractor } from '@/tests/reference/transformers-clap';
import { FEATURE_LENGTH } from './constants';
import { ClapExtractor } from './features';

// One 10 s window (480 000 samples) is the unit of work per CLAP embedding; every contender gets the
// same input. transformers.js allocates ~10 MB per call and JIT-compiles slowly, so all get the same
// generous warm-up and time budget, which keeps its mean honest rather than inflated.
const clip = chiptune(10, 1);
const short = chiptune(3.3, 2);
const simd = new ClapExtractor();
const javascript = new ClapExtractor({ simd: false });
const out = new Float32Array(FEATURE_LENGTH);
const theirs = transformersClapExtractor();
const options = { time: 1500, warmupTime: 500, warmupIterations: 10 };

describe('CLAP features, one 10 s window', () => {
  bench('genki ClapExtractor (wasm SIMD)', () => void simd.extract(clip, 0, out), options);
  bench('genki ClapExtractor (JavaScript fallback)', () => void javascript.extract(clip, 0, out), options);
  bench('transformers.js ClapFeatureExtractor', async () => void (await theirs(clip)), options);
});

describe('CLAP features, 3.3 s clip (repeat-padded)', () => {
  bench('genki ClapExtractor (wasm SIMD)', () => void simd.extract(short, 0, out), options);
  bench('transformers.js ClapFeatureExtractor', async () => void (await theirs(short)), options);
});
