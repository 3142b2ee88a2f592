import { defineConfig } from '@playwright/test';
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  E2E_ADMIN_ADDRESS,
  E2E_BASE_URL,
  E2E_CHAIN_PORT,
  E2E_CHAIN_URL,
  E2E_DATA_DIR,
  E2E_HUB_URL,
  E2E_PORT,
} from './tests/e2e/config';

export default defineConfig({
  testDir: './tests/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  globalSetup: './tests/e2e/global-setup.ts',
  use: {
    baseURL: E2E_BASE_URL,
    browserName: 'chromium',
    // Debian's Chromium, driven by playwright-core: no browser download, ever.
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'chromium', testIgnore: '**/*-webgpu.spec.ts' },
    {
      name: 'webgpu',
      testMatch: '**/*-webgpu.spec.ts',
      // SwiftShader's software adapter: the one flag that makes Chromium hand out a WebGPU adapter here.
      use: {
        launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--enable-unsafe-webgpu'] },
      },
    },
  ],
  webServer: [
    {
      // The simulated Bittensor chain (a real Substrate JSON-RPC node on the finney metadata).
      command: `node dist/chain/local-node/local-node.mjs --port ${E2E_CHAIN_PORT} --block-time 1000`,
      url: `http://127.0.0.1:${E2E_CHAIN_PORT}/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      command: `node node_modules/next/dist/bin/next start -H 127.0.0.1 -p ${E2E_PORT}`,
      url: `${E2E_BASE_URL}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        NEXT_TELEMETRY_DISABLED: '1',
        GENKI_DATA_DIR: E2E_DATA_DIR,
        GENKI_NETWORK: 'local',
        GENKI_ADMIN_ADDRESSES: E2E_ADMIN_ADDRESS,
        // The Hub stand-in is started by the specs that need it (tests/support/local-hub.ts).
        GENKI_HF_HUB_URL: E2E_HUB_URL,
        GENKI_CHAIN_ENDPOINT: E2E_CHAIN_URL,
        // The fixture CLAP model: every score the UI shows is labelled as coming from a test model.
        GENKI_CLAP_MODEL: 'test',
      },
    },
  ],
});
