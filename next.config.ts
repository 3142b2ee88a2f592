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
  serverExternalPackages: ['better-sqlite3', 'onnxruntime-node'],
  async headers() {
    return [{ source: '/(.*)', headers: securityHeaders }];
  },
};

export default nextConfig;
