/**
 * Server/CLI only (Node file system): turns a model reference into files on disk. A local folder
 * is used as it is, with no network at all; `hf:` references go through the Hub cache
 * (lib/hub/repo-cache.ts), which downloads each file once, on first use, and verifies it.
 *
 * The small JSON files are read and checked up front (config.json, preprocessor_config.json,
 * tokenizer.json); the ONNX files are fetched only when a session needs them, so a server that
 * never embeds text never downloads the text tower.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { type DownloadProgress, HubCache, type HubCacheOptions } from '../hub/repo-cache';
import {
  availableVariants,
  type ClapConfig,
  checkPreprocessorConfig,
  MODEL_FILES,
  type ModelRef,
  ModelSpecError,
  type ModelVariant,
  onnxPath,
  type PreprocessorConfig,
  parseClapConfig,
  parseModelRef,
  type Tower,
} from './model-spec';

export interface ModelFilesOptions extends Omit<HubCacheOptions, 'offlineHint'> {
  /** Byte progress of Hub downloads (never called for local folders or cache hits). */
  onProgress?: (progress: DownloadProgress) => void;
}

export interface ModelFiles {
  ref: ModelRef;
  source: 'hub' | 'local';
  /** Hub repo id, or the absolute folder for a local model. */
  repo: string;
  /** Commit SHA, or `local`. */
  revision: string;
  /** Folder holding the files under their repo paths. */
  dir: string;
  config: ClapConfig;
  preprocessor: PreprocessorConfig;
  tokenizerJson: unknown;
  tokenizerConfig: unknown;
  variants: Record<Tower, ModelVariant[]>;
  isTestModel: boolean;
  /** Local path of an ONNX file, downloaded (and verified) first if it is not cached yet. */
  onnxFile(tower: Tower, variant: ModelVariant): Promise<string>;
}

async function readJsonFile(file: string, label: string): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new ModelSpecError(`${label} is missing ${path.basename(file)}, so it is not a CLAP model folder.`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ModelSpecError(
      `${path.basename(file)} in ${label} is not valid JSON: ${(error as Error).message}`,
    );
  }
}

async function listOnnx(dir: string): Promise<string[]> {
  const names = await fs.readdir(path.join(dir, 'onnx')).catch(() => [] as string[]);
  return names.map((name) => `onnx/${name}`);
}

function describe(files: Omit<ModelFiles, 'onnxFile' | 'isTestModel'>, onnxFile: ModelFiles['onnxFile']) {
  return { ...files, isTestModel: files.config.genki_test_model === true, onnxFile };
}

async function openLocal(ref: ModelRef & { kind: 'local' }): Promise<ModelFiles> {
  const dir = path.resolve(ref.dir);
  const stat = await fs.stat(dir).catch(() => undefined);
  if (!stat?.isDirectory()) {
    const hint = /^[\w.-]+\/[\w.-]+$/.test(ref.dir)
      ? ` To load ${ref.dir} from the Hugging Face Hub, write hf:${ref.dir}.`
      : '';
    throw new ModelSpecError(`No model folder at ${dir}.${hint}`);
  }
  const label = `The model folder ${dir}`;
  const config = parseClapConfig(await readJsonFile(path.join(dir, MODEL_FILES.config), label));
  const preprocessor = checkPreprocessorConfig(
    await readJsonFile(path.join(dir, MODEL_FILES.preprocessor), label),
  );
  const tokenizerJson = await readJsonFile(path.join(dir, MODEL_FILES.tokenizer), label);
  const configFile = path.join(dir, MODEL_FILES.tokenizerConfig);
  const tokenizerConfig = (await fs.stat(configFile).catch(() => undefined))
    ? await readJsonFile(configFile, label)
    : undefined;
  const variants = availableVariants(await listOnnx(dir));
  return describe(
    {
      ref,
      source: 'local',
      repo: dir,
      revision: 'local',
      dir,
      config,
      preprocessor,
      tokenizerJson,
      tokenizerConfig,
      variants,
    },
    async (tower, variant) => {
      if (!variants[tower].includes(variant)) {
        throw new ModelSpecError(`${label} has no ${onnxPath(tower, variant)}.`);
      }
      return path.join(dir, onnxPath(tower, variant));
    },
  );
}

async function openHub(ref: ModelRef & { kind: 'hub' }, options: ModelFilesOptions): Promise<ModelFiles> {
  const snapshot = await new HubCache(options).snapshot(ref.repo, ref.revision);
  const label = `hf:${ref.repo}@${snapshot.commit}`;
  const wanted: string[] = [MODEL_FILES.config, MODEL_FILES.preprocessor, MODEL_FILES.tokenizer];
  if (snapshot.has(MODEL_FILES.tokenizerConfig)) wanted.push(MODEL_FILES.tokenizerConfig);
  const local = await snapshot.ensure(wanted, options.onProgress);
  const read = (name: string) => readJsonFile(local.get(name) ?? snapshot.localPath(name), label);
  const config = parseClapConfig(await read(MODEL_FILES.config));
  const preprocessor = checkPreprocessorConfig(await read(MODEL_FILES.preprocessor));
  const tokenizerJson = await read(MODEL_FILES.tokenizer);
  const tokenizerConfig = local.has(MODEL_FILES.tokenizerConfig)
    ? await read(MODEL_FILES.tokenizerConfig)
    : undefined;
  const variants = availableVariants(snapshot.files.keys());
  return describe(
    {
      ref,
      source: 'hub',
      repo: ref.repo,
      revision: snapshot.commit,
      dir: snapshot.dir,
      config,
      preprocessor,
      tokenizerJson,
      tokenizerConfig,
      variants,
    },
    async (tower, variant) => {
      const file = onnxPath(tower, variant);
      const paths = await snapshot.ensure([file], options.onProgress);
      return paths.get(file) ?? snapshot.localPath(file);
    },
  );
}

/** Opens a model from `hf:owner/name@rev` (or a parsed ref) or a local folder. */
export async function openModelFiles(
  model: string | ModelRef,
  options: ModelFilesOptions,
): Promise<ModelFiles> {
  const ref = typeof model === 'string' ? parseModelRef(model) : model;
  return ref.kind === 'local' ? openLocal(ref) : openHub(ref, options);
}
