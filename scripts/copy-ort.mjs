#!/usr/bin/env node
// Copies onnxruntime-web's runtime files (the JSEP build: WebGPU + WASM, threaded SIMD) into
// public/ort/<version>/ so the app serves them itself — never a CDN — under a versioned path that
// can be cached forever. Runs before every build (npm run build, npm start, npm test).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
// Resolving package.json throws ERR_PACKAGE_PATH_NOT_EXPORTED; the wasm entry is exported.
const dist = path.dirname(require.resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm'));
const { version } = JSON.parse(fs.readFileSync(path.join(dist, '..', 'package.json'), 'utf8'));
const files = ['ort-wasm-simd-threaded.jsep.mjs', 'ort-wasm-simd-threaded.jsep.wasm'];

const target = path.join(root, 'public', 'ort', version);
fs.mkdirSync(target, { recursive: true });
for (const file of files) {
  const from = path.join(dist, file);
  const to = path.join(target, file);
  const same = fs.existsSync(to) && fs.statSync(to).size === fs.statSync(from).size;
  if (!same) fs.copyFileSync(from, to);
}
// Older versions left behind by an upgrade are dead weight in the build output.
for (const entry of fs.readdirSync(path.join(root, 'public', 'ort'))) {
  if (entry !== version) fs.rmSync(path.join(root, 'public', 'ort', entry), { recursive: true, force: true });
}
console.log(`[genki] onnxruntime-web ${version} runtime files in public/ort/${version}/`);
