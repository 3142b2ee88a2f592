/**
 * The CLAP model this server scores with and serves to browsers (GENKI_CLAP_MODEL). Browsers never
 * fetch model files from the Hub themselves: they get them from /api/models/<key>/<path>, which
 * keeps cross-origin isolation simple, lets a local model folder work with no network at all,
 * and downloads each Hub file once per server rather than once per visitor.
 */
import 'server-only';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { type ModelFiles, openModelFiles } from '../clap/model-files';
import { MODEL_FILES, onnxPath, parseModelRef } from '../clap/model-spec';
import { defaultModelCacheDir } from '../clap/node-engine';
import { makeTestModel, TEST_MODEL_VERSION } from '../clap/test-model';
import { getConfig } from '../env';
import { HubCache } from '../hub/repo-cache';
import type { ModelManifest } from './protocol';

export interface ServedModel {
  manifest: ModelManifest;
  files: ModelFiles;
  /** Local path of a manifest file, downloading it from the Hub first if needed. */
  localFile(filePath: string): Promise<string>;
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function manifestPaths(files: ModelFiles, has: (filePath: string) => boolean): string[] {
  const paths: string[] = [MODEL_FILES.config, MODEL_FILES.preprocessor, MODEL_FILES.tokenizer];
  if (has(MODEL_FILES.tokenizerConfig)) paths.push(MODEL_FILES.tokenizerConfig);
  for (const tower of ['audio', 'text'] as const) {
    for (const variant of files.variants[tower]) paths.push(onnxPath(tower, variant));
  }
  return paths;
}

async function serveLocal(files: ModelFiles, key: string, label: string): Promise<ServedModel> {
  const has = (filePath: string) =>
    filePath !== MODEL_FILES.tokenizerConfig || files.tokenizerConfig !== undefined;
  const entries = await Promise.all(
    manifestPaths(files, has).map(async (filePath) => {
      const file = path.join(files.dir, filePath);
      return { path: filePath, size: (await fs.stat(file)).size, etag: await sha256File(file) };
    }),
  );
  return {
    files,
    manifest: manifestOf(files, key, label, entries),
    localFile: async (filePath) => path.join(files.dir, filePath),
  };
}

function manifestOf(
  files: ModelFiles,
  key: string,
  label: string,
  entries: ModelManifest['files'],
): ModelManifest {
  return {
    key,
    repo: files.repo,
    revision: files.revision,
    label,
    isTestModel: files.isTestModel,
    baseUrl: `/api/models/${key}/`,
    files: entries,
  };
}

async function load(): Promise<ServedModel> {
  const config = getConfig();
  const cacheDir = defaultModelCacheDir(config.dataDir);
  if (config.clapModel === 'test') {
    const dir = path.resolve(config.dataDir, 'models', `genki-test-model-v${TEST_MODEL_VERSION}`);
    if (!(await fs.stat(path.join(dir, MODEL_FILES.config)).catch(() => undefined))) await makeTestModel(dir);
    const files = await openModelFiles({ kind: 'local', dir }, { cacheDir, hubUrl: config.hfHubUrl });
    return serveLocal(
      files,
      `genki-test-model-v${TEST_MODEL_VERSION}`,
      'Genki test model (not a real CLAP model)',
    );
  }
  const ref = parseModelRef(config.clapModel);
  const files = await openModelFiles(ref, { cacheDir, hubUrl: config.hfHubUrl });
  if (ref.kind === 'local') {
    const key = `local-${createHash('sha256').update(files.dir).digest('hex').slice(0, 12)}`;
    return serveLocal(files, key, `Local model ${path.basename(files.dir)}`);
  }
  const snapshot = await new HubCache({ cacheDir, hubUrl: config.hfHubUrl }).snapshot(
    ref.repo,
    files.revision,
  );
  const entries = manifestPaths(files, (filePath) => snapshot.has(filePath)).map((filePath) => {
    const entry = snapshot.files.get(filePath);
    const etag = entry?.lfs?.oid ?? entry?.oid;
    if (!entry || !etag) throw new Error(`${filePath} has no content id in the Hub listing of ${ref.repo}.`);
    return { path: filePath, size: entry.lfs?.size ?? entry.size, etag };
  });
  return {
    files,
    manifest: manifestOf(files, `${slug(ref.repo)}-${files.revision.slice(0, 12)}`, ref.repo, entries),
    localFile: async (filePath) =>
      (await snapshot.ensure([filePath])).get(filePath) ?? snapshot.localPath(filePath),
  };
}

const holder = globalThis as typeof globalThis & { __genkiServedModel?: Promise<ServedModel> };

/** The served model, opened once per process; a failure is not cached, so the next call retries. */
export function getServedModel(): Promise<ServedModel> {
  holder.__genkiServedModel ??= load().catch((error: unknown) => {
    holder.__genkiServedModel = undefined;
    throw error;
  });
  return holder.__genkiServedModel;
}
