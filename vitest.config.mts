import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; unit tests are server code already.
      'server-only': path.resolve(import.meta.dirname, 'tests/support/empty-module.ts'),
    },
  },
  test: {
    environment: 'node',
    include: ['{app,components,lib,workers,scripts}/**/*.test.{ts,tsx}'],
    testTimeout: 20_000,
    globalSetup: ['tests/support/vitest-global-setup.ts'],
    benchmark: { include: ['{lib,workers,scripts}/**/*.bench.ts'], outputJson: 'bench-results/latest.json' },
    pool: 'forks',
  },
});
