/** Shared settings for the browser tests (read by playwright.config.ts and the fixtures). */
import os from 'node:os';
import path from 'node:path';

export const E2E_PORT = Number(process.env.GENKI_E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;

// Set once in the runner process; Playwright's worker processes inherit it, so all agree.
process.env.GENKI_E2E_DATA_DIR ??= path.join(os.tmpdir(), `genki-e2e-${process.pid}-${Date.now()}`);
export const E2E_DATA_DIR = process.env.GENKI_E2E_DATA_DIR;

/** //Bob is configured as the validator admin of the test server. */
export const E2E_ADMIN_ADDRESS = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';

/** The local Hugging Face Hub stand-in the browser tests start (tests/support/local-hub.ts). */
export const E2E_HUB_PORT = Number(process.env.GENKI_E2E_HUB_PORT ?? 3190);
export const E2E_HUB_URL = `http://127.0.0.1:${E2E_HUB_PORT}`;

/** The simulated subtensor node the browser tests start (dist/chain/local-node). */
export const E2E_CHAIN_PORT = Number(process.env.GENKI_E2E_CHAIN_PORT ?? 9955);
export const E2E_CHAIN_URL = `ws://127.0.0.1:${E2E_CHAIN_PORT}`;

export const CHROMIUM_PATH = process.env.GENKI_CHROMIUM ?? '/usr/bin/chromium';

/** Debian Chromium on a closed network: no background connections, no GPU, no sandbox as root. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
