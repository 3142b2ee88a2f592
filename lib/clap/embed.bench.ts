/**
 * Audio embeddings per second with the fixture model: the wrapper's own overhead (copying
 * features, tensors, the run queue, normalisation) plus ORT's per-run cost, on both runtimes.
 * One op = one `embedAudio` call, so embeddings/s = ops/s × batch size. Real CLAP towers are
 * 100–1000× heavier; this measures the plumbing, not the model.
 */
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { bench, describe } from 'vitest';
import { defaultThreads } from './node-engine';
import { ClapModel, type OrtModule } from './session';
import { buildTestModelFiles } from './test-model';
import { type SyntheticKind, syntheticFeatures } from './test-model-reference';

ortWeb.env.wasm.numThreads = 1;

const files = buildTestModelFiles();
const audio = files.get('onnx/audio_model.onnx') ?? new Uint8Array();
const kinds: SyntheticKind[] = ['noise', 'tone', 'sweep', 'chirps'];
const features = Array.from({ length: 8 }, (_, i) =>
  syntheticFeatures(kinds[i % kinds.length] ?? 'noise', i + 1),
);

async function load(ort: OrtModule, backend: 'cpu' | 'wasm') {
  return ClapModel.load({
    ort,
    backend,
    repo: 'bench/test-model',
    revision: 'local',
    isTestModel: true,
    audio: { source: audio, variant: 'fp32' },
    sessionOptions: backend === 'cpu' ? { intraOpNumThreads: defaultThreads() } : {},
  });
}

const node = await load(ortNode, 'cpu');
const web = await load(ortWeb, 'wasm');

for (const batch of [1, 8]) {
  describe(`CLAP audio embeddings, test model, batch ${batch} (embeddings/s = ops/s × ${batch})`, () => {
    const input = features.slice(0, batch);
    bench('onnxruntime-node', async () => {
      await node.embedAudio(input);
    });
    bench('onnxruntime-web (wasm, in Node, 1 thread)', async () => {
      await web.embedAudio(input);
    });
  });
}
