/**
 * `startLocalNode` for Playwright specs. Playwright compiles specs to CommonJS, where
 * lib/chain/local-node cannot load (it finds its metadata through `import.meta.url`), so this
 * bundles it as ESM with esbuild, the way scripts/build-local-chain.mjs bundles its CLI, under
 * tests/.cache (inside the project, so its external @polkadot/* and ws imports resolve from
 * node_modules) and imports the bundle. Same code, running in the spec's own process.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type * as LocalNodeModule from '../../lib/chain/local-node';

export const METADATA_PATH = path.resolve('lib/chain/metadata/finney.scale');

let loading: Promise<typeof LocalNodeModule> | undefined;

export function loadLocalNodeModule(): Promise<typeof LocalNodeModule> {
  loading ??= (async () => {
    const outfile = path.resolve('tests/.cache/local-node-esm/index.mjs');
    await build({
      entryPoints: [path.resolve('lib/chain/local-node/index.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      tsconfig: path.resolve('tsconfig.json'),
      logLevel: 'warning',
    });
    // The spec process already holds the CommonJS build of @polkadot/* (same version): not a conflict.
    process.env.POLKADOTJS_DISABLE_ESM_CJS_WARNING = '1';
    return (await import(pathToFileURL(outfile).href)) as typeof LocalNodeModule;
  })();
  return loading;
}
