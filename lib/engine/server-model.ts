/**
 * The server's own CLAP model on onnxruntime-node: the same files the browsers get from
 * /api/models (lib/engine/model-registry.ts), loaded once per process. Used for prompt embeddings
 * (so browsers need only the audio tower) and by the validator's scoring loop.
 */
import 'server-only';
import { createNodeClapModel } from '../clap/node-engine';
import type { ClapModel } from '../clap/session';
import { getServedModel } from './model-registry';

const holder = globalThis as typeof globalThis & { __genkiServerModel?: Promise<ClapModel> };

export function getServerClapModel(): Promise<ClapModel> {
  holder.__genkiServerModel ??= getServedModel()
    .then((served) => createNodeClapModel(served.files))
    .catch((error: unknown) => {
      holder.__genkiServerModel = undefined;
      throw error;
    });
  return holder.__genkiServerModel;
}
