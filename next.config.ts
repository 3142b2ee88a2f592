import type { NextConfig } from 'next';
import { checkConfigOrExit } from './lib/startup';

// `next build`, `next dev` and `next start` all load this file: an invalid configuration stops each
// of them with a message that names the variable.
checkConfigOrExit();

const securityHeaders = [
  // Cross-origin isolation: onnxruntime-web needs SharedArrayBuffer for multi-threaded WASM.
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Embedder-Policy', value: 'require-corp' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Native addons stay in node_modules and load at run time rather than being bundled.
  // The wasm audio decoders and libopenmpt load their own wasm (and a web-worker shim) at run time,
  // which bundling for the server breaks.
  serverExternalPackages: [
    'better-sqlite3',
    'onnxruntime-node',
    '@wasm-audio-decoders/flac',
    '@wasm-audio-decoders/ogg-vorbis',
    '@wasm-audio-decoders/common',
    'mpg123-decoder',
    '@eshaz/web-worker',
    'chiptune3',
  ],
  turbopack: {
    // In the browser, use ORT's build without embedded wasm glue: the runtime files are served from
    // public/ort/<version>/ (scripts/copy-ort.mjs) and located with env.wasm.wasmPaths, so the
    // bundler does not emit a second 28 MB copy under /_next/static.
    resolveAlias: {
      'onnxruntime-web': { browser: './node_modules/onnxruntime-web/dist/ort.min.mjs' },
      // chiptune3's libopenmpt imports Node's `module` in a branch browsers never take.
      module: { browser: './lib/browser-stubs/node-module.ts' },
    },
  },
  async headers() {
    return [
      { source: '/(.*)', headers: securityHeaders },
      // Versioned folder: the bytes at a path never change, so they may be cached for good.
      {
        source: '/ort/:version/:file*',
        headers: [{ key: 'Cache-Control', value: 'public, max-age=31536000, immutable' }],
      },
    ];
  },
};

export default nextConfig;
