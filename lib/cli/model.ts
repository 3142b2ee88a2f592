import fs from 'node:fs';
import path from 'node:path';
import { openModelFiles } from '../clap/model-files';
import { ModelSpecError } from '../clap/model-spec';
import { createNodeClapModel, defaultModelCacheDir } from '../clap/node-engine';
import type { ClapModel } from '../clap/session';
import { makeTestModel, TEST_MODEL_VERSION } from '../clap/test-model';
import { ConfigError, parseConfig } from '../env';
import { HubError } from '../hub/errors';
import { CliError } from './errors';

function config() {
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.problems.join('; '));
    throw error;
  }
}

/** Byte progress on stderr, only when a person is watching (a TTY); pipes stay clean. */
function progressPrinter() {
  if (!process.stderr.isTTY) return undefined;
  let last = 0;
  return (p: { path: string; bytes: number; totalBytes: number }) => {
    const now = Date.now();
    if (now - last < 200 && p.bytes < p.totalBytes) return;
    last = now;
    const mb = (n: number) => (n / 1e6).toFixed(1);
    process.stderr.write(`\rDownloading ${p.path}: ${mb(p.bytes)} / ${mb(p.totalBytes)} MB   `);
    if (p.bytes >= p.totalBytes) process.stderr.write('\n');
  };
}

/**
 * Loads the CLAP model on onnxruntime-node: `--model` if given, else GENKI_CLAP_MODEL, else the
 * pinned default. `test` means the built-in fixture model (created on first use).
 */
export async function loadCliModel(reference: string | undefined): Promise<ClapModel> {
  const settings = config();
  let model = reference ?? settings.clapModel;
  if (model === 'test') {
    const dir = path.resolve(settings.dataDir, 'models', `genki-test-model-v${TEST_MODEL_VERSION}`);
    if (!fs.existsSync(path.join(dir, 'config.json'))) await makeTestModel(dir);
    model = dir;
  }
  try {
    const onProgress = progressPrinter();
    const files = await openModelFiles(model, {
      cacheDir: defaultModelCacheDir(settings.dataDir),
      hubUrl: settings.hfHubUrl,
      ...(onProgress ? { onProgress } : {}),
    });
    return await createNodeClapModel(files);
  } catch (error) {
    if (error instanceof ModelSpecError || error instanceof HubError) throw new CliError(error.message);
    throw error;
  }
}

export function modelLabel(model: ClapModel): string {
  const { repo, revision, isTestModel } = model.info;
  return `${repo}@${revision}${isTestModel ? ' (TEST MODEL: scores mean nothing)' : ''}`;
}
