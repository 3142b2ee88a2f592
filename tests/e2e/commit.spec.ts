/**
 * The miner's commit flow end to end, in Chromium with the fake polkadot{.js} extension, on the
 * simulated chain Playwright starts and the local Hub stand-in: register the hotkey from the page
 * (a real, wallet-signed burned_register), pick a repo and revision, hash it in the browser (equal
 * to the Node reference), sign set_commitment, follow it to finality and read it back (page and
 * Node). Then the failures: an unregistered hotkey, malformed commitments on chain, the space
 * limit, a refusal in the wallet, and the node going away mid-submit.
 */
import { stringToU8a } from '@polkadot/util';
import { ChainClient } from '@/lib/chain/client';
import { LocalHub } from '../support/local-hub';
import { loadLocalNodeModule, METADATA_PATH } from '../support/local-node-esm';
import { makeTempDir } from '../support/temp-dir';
import { E2E_CHAIN_URL, E2E_HUB_PORT } from './config';
import { expect } from './fixtures';
import {
  awayFromEpochEnd,
  type CommitKeys,
  exhaustBudget,
  HALF_REPO,
  NETUID,
  nodeSecureHash,
  OWNER,
  openCommitPage,
  pickHotkey,
  pickModel,
  REPO,
  registerOnChain,
  seedCommitment,
  seedHub,
  submitButton,
  test,
} from './fixtures/commit-flow';

const temp = makeTempDir('genki-commit-e2e-');
let keys: CommitKeys;
let hub: LocalHub;
let chain: ChainClient;
let revision: string;

test.beforeAll(async ({ keys: all }) => {
  keys = all;
  hub = await LocalHub.start({ port: E2E_HUB_PORT });
  revision = seedHub(hub).second;
  chain = await ChainClient.connect({ endpoint: E2E_CHAIN_URL });
});
test.afterAll(async () => {
  await chain?.disconnect();
  await hub?.close();
  temp.cleanup();
});

test('a miner registers, hashes, commits and reads the commitment back', async ({
  page,
  wallet,
  consoleErrors,
}) => {
  test.setTimeout(120_000);
  await openCommitPage(page);
  await expect(page.getByText('Simulated local chain', { exact: true })).toBeVisible();
  await expect(page.getByText(/matches Local \(simulated chain\)/)).toBeVisible();

  // Only sr25519 accounts are offered, and the page says why the others are missing.
  await page.getByRole('button', { name: 'Connect wallet extension' }).click();
  const accounts = page.getByRole('group', { name: 'Hotkey account' });
  await expect(accounts.getByRole('radio')).toHaveCount(6);
  await expect(accounts).toContainText(
    'Bittensor hotkeys are sr25519 keys (btcli makes no other kind), so 1 ed25519, 1 ecdsa and 1 ethereum accounts in your wallet are not shown.',
  );
  await pickHotkey(page, 'Finney-only Hotkey');
  await expect(
    page.getByRole('alert').filter({ hasText: 'restricts this account to another network' }),
  ).toBeVisible();

  // Register the hotkey on the simulated chain from the page: faucet, then a wallet-signed burned_register.
  await pickHotkey(page, 'Genki Miner');
  await expect(page.getByTestId('registration')).toHaveText(`not registered on netuid ${NETUID}`);
  await page.getByRole('button', { name: 'Register this hotkey on the simulated chain' }).click();
  await expect(page.getByTestId('registration')).toContainText(/^uid \d+ on netuid 1/, { timeout: 30_000 });
  await expect(page.getByTestId('balance')).toContainText(/^9\.99\d{7} TAO$/);
  expect(wallet.signedPayloads).toHaveLength(1);
  expect(wallet.signedPayloads[0]?.genesisHash).toBe(chain.genesisHash);
  const { uid } = await chain.registration(NETUID, keys.miner.address);
  expect(uid).not.toBeNull();

  // A repo without the codec package is flagged the way a validator would reject it.
  await pickModel(page, HALF_REPO);
  await expect(
    page.getByRole('alert').filter({ hasText: 'compression_state_dict.bin is missing' }),
  ).toBeVisible();
  await expect(page.getByText('To build the commitment, fix the repo layout (step 2).')).toBeVisible();

  // The good repo: the newest revision is preselected, shown with its full SHA.
  await pickModel(page, REPO);
  await expect(page.getByRole('radio', { name: /Add generation config/ })).toBeChecked();
  await expect(page.getByRole('group', { name: `Revision of ${REPO}` })).toContainText(revision);
  const reference = await nodeSecureHash(temp.dir, keys.miner.address);
  await expect(page.getByTestId('layout-ok')).toBeVisible();
  await expect(page.getByTestId('dir-hash')).toHaveText(reference.dirHash);
  await expect(page.getByTestId('secure-hash')).toHaveText(reference.secureHash);
  // The weights were never downloaded: only the small plain-git files were.
  expect(hub.requests.filter((request) => request.url.includes('.bin')).map((r) => r.url)).toEqual([]);

  const expected = `${OWNER}:ruby-chiptune:${revision}:${reference.secureHash}:1`;
  await expect(page.getByTestId('commitment-string')).toHaveText(expected);
  await expect(page.getByTestId('commitment-bytes')).toContainText(
    `${stringToU8a(expected).length} of 128 bytes`,
  );

  await submitButton(page).click();
  await expect(page.getByTestId('submit-result')).toContainText(
    'Read back from CommitmentOf at that block: it matches what you signed.',
    { timeout: 30_000 },
  );
  await expect(page.getByTestId('submit-status')).toHaveText('Committed, finalized and read back.');
  const shown = (await page.getByTestId('submit-result').textContent()) ?? '';
  const block = Number(/Finalized in block #(\d+)/.exec(shown)?.[1]);
  await expect(page.getByTestId('current-commitment-block')).toHaveText(`#${block}`);
  await expect(page.getByTestId('evaluation-countdown')).toContainText(/^1[12]\d\d blocks to go · about /);

  // Node reads the same commitment from the same node, finalized.
  const onChain = await chain.commitment(NETUID, keys.miner.address, 'finalized');
  expect(onChain).toMatchObject({ text: expected, block, problems: [] });
  await expect(page.locator('tr.row-highlight')).toContainText(REPO);

  // Another hotkey: the result above belongs to Genki Miner's commitment, so it goes, and none of
  // Genki Miner's chain state stands in for the new hotkey's. Back to Genki Miner, it is there again.
  await pickHotkey(page, 'Fresh Hotkey');
  await expect(page.getByTestId('submit-result')).toHaveCount(0);
  await expect(page.getByTestId('registration')).toHaveText(`not registered on netuid ${NETUID}`);
  await expect(page.getByTestId('current-commitment')).toHaveCount(0);
  await pickHotkey(page, 'Genki Miner');
  await expect(page.getByTestId('submit-result')).toContainText(`Finalized in block #${block}`);
  expect(consoleErrors).toEqual([]);
});

test('an unregistered hotkey is explained before and after the chain refuses it', async ({
  page,
  consoleErrors,
}) => {
  await openCommitPage(page);
  await pickHotkey(page, 'Fresh Hotkey');
  await expect(page.getByTestId('registration')).toHaveText(`not registered on netuid ${NETUID}`);
  await pickModel(page);
  await expect(page.getByTestId('precheck-registration')).toContainText('not registered on netuid 1');
  await submitButton(page).click();
  const error = page.getByTestId('submit-error');
  await expect(error).toContainText('Not registered on netuid 1.', { timeout: 30_000 });
  await expect(error).toContainText('Chain: commitments.AccountNotAllowedCommit');
  expect(consoleErrors).toEqual([]);
});

test('malformed commitments on chain are listed with their typed problem', async ({
  page,
  consoleErrors,
}) => {
  for (const pair of [keys.odd, keys.odder]) await registerOnChain(chain, pair.address);
  await seedCommitment(chain, keys.odd.address, stringToU8a('only:three:fields'));
  await seedCommitment(chain, keys.odder.address, new Uint8Array([0xff, 0xfe, 0x41]));
  await openCommitPage(page);
  const table = page.getByRole('table');
  const odd = table.getByRole('row').filter({ hasText: `${keys.odd.address.slice(0, 5)}…` });
  await expect(odd).toContainText('field_count');
  await expect(odd).toContainText('expected 5: namespace:name:commit:secure_hash:competition_id');
  const odder = table.getByRole('row').filter({ hasText: `${keys.odder.address.slice(0, 5)}…` });
  await expect(odder).toContainText('not_utf8');
  expect(consoleErrors).toEqual([]);
});

test('the space limit is explained with the block it resets at', async ({ page, consoleErrors }) => {
  await registerOnChain(chain, keys.busy.address);
  await awayFromEpochEnd(chain);
  await exhaustBudget(chain, keys.busy);
  await openCommitPage(page);
  await pickHotkey(page, 'Busy Hotkey');
  await expect(page.getByTestId('budget')).toContainText('3072 of 3100 bytes used this epoch');
  await pickModel(page);
  await expect(page.getByTestId('precheck-budget')).toBeVisible();
  await submitButton(page).click();
  const error = page.getByTestId('submit-error');
  await expect(error).toContainText('Rate or space limit reached.', { timeout: 30_000 });
  await expect(error).toContainText(/It resets at block #\d+, in \d+ blocks/);
  await expect(error).toContainText('Chain: commitments.SpaceLimitExceeded');
  expect(consoleErrors).toEqual([]);
});

test('a refusal in the wallet sends nothing, and the next try goes through', async ({
  page,
  wallet,
  consoleErrors,
}) => {
  await registerOnChain(chain, keys.careful.address);
  await openCommitPage(page);
  await pickHotkey(page, 'Careful Hotkey');
  await expect(page.getByTestId('registration')).toContainText(/^uid \d+/);
  await pickModel(page);
  wallet.refuseNextSignature();
  await submitButton(page).click();
  await expect(page.getByTestId('submit-error')).toContainText('Your wallet extension refused to sign.');
  await expect(page.getByTestId('submit-error')).toContainText('Nothing was sent to the chain.');
  expect(await chain.commitment(NETUID, keys.careful.address)).toBeNull();
  await submitButton(page).click();
  await expect(page.getByTestId('submit-result')).toContainText('it matches what you signed', {
    timeout: 30_000,
  });

  // The Hub owner is remembered on this browser: after a reload the miner's models are listed at once.
  await page.reload();
  await expect(page.getByLabel('Hugging Face username or organisation')).toHaveValue(OWNER);
  await expect(page.getByLabel('Model repo').getByRole('option', { name: REPO, exact: true })).toHaveCount(1);
  expect(consoleErrors).toEqual([]);
});

test('the node going away mid-submit gives a clear error and nothing hangs', async ({
  page,
  consoleErrors,
}) => {
  const { startLocalNode } = await loadLocalNodeModule();
  // No block production: the transaction waits in the pool until the node is closed under it.
  const node = await startLocalNode({ port: 0, metadataPath: METADATA_PATH });
  try {
    node.core.registerNeuron(NETUID, keys.away.address, keys.away.address);
    await openCommitPage(page);
    await page.getByText('Use another node').click();
    await page.getByLabel('Node endpoint').fill(node.url);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(page.getByText('(your node)')).toBeVisible();
    // Its genesis is the simulated chain's, so the page lets it sign.
    await expect(page.getByText(/matches Local \(simulated chain\)/)).toBeVisible();
    await pickHotkey(page, 'Away Hotkey');
    await expect(page.getByTestId('registration')).toContainText(/^uid 1 on netuid 1/);
    await pickModel(page);
    await submitButton(page).click();
    await expect(page.getByTestId('submit-status')).toHaveText(
      'In the transaction pool; waiting for a block…',
    );
    await node.close();
    const error = page.getByTestId('submit-error');
    await expect(error).toContainText('The chain node went away.', { timeout: 10_000 });
    await expect(error).toContainText('may or may not have been included');
    await expect(page.getByRole('button', { name: 'Reconnect' })).toBeVisible();
    await expect(submitButton(page)).toHaveText('Sign and submit the commitment');
    // Back on the studio's node the page works again.
    await page.getByRole('button', { name: 'Back to the studio’s node' }).click();
    await expect(page.getByText('(the studio’s node)')).toBeVisible();
    await expect(page.getByTestId('chain-blocks')).toContainText(/best #\d+/);
  } finally {
    await node.close();
  }
  // The socket dying is logged by @polkadot/api (the abnormal close) and, when a read races the
  // close, by Chromium itself; nothing else may reach the console.
  const dying = [
    /API-WS: disconnected from ws:\/\/127\.0\.0\.1:\d+: 1006/,
    /^WebSocket is already in CLOSING or CLOSED state\.$/,
  ];
  expect(consoleErrors.filter((text) => !dying.some((pattern) => pattern.test(text)))).toEqual([]);
});

test('a node of another chain is refused before anything is signed', async ({
  page,
  wallet,
  consoleErrors,
}) => {
  const { startLocalNode } = await loadLocalNodeModule();
  // Another tempo is another genesis state, so another genesis hash: a different chain.
  const other = await startLocalNode({ port: 0, metadataPath: METADATA_PATH, genesis: { tempo: 99 } });
  try {
    expect(other.genesisHash).not.toBe(chain.genesisHash);
    other.core.registerNeuron(NETUID, keys.away.address, keys.away.address);
    await openCommitPage(page);
    await page.getByText('Use another node').click();
    await page.getByLabel('Node endpoint').fill(other.url);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Wrong network' })).toContainText(
      `the studio is configured for Local (simulated chain) (genesis ${chain.genesisHash.slice(0, 10)}…`,
    );
    await pickHotkey(page, 'Away Hotkey');
    await pickModel(page);
    await expect(page.getByTestId('commitment-string')).toBeVisible();
    await expect(submitButton(page)).toBeDisabled();
    await expect(
      page.getByRole('button', { name: 'Register this hotkey on the simulated chain' }),
    ).toHaveCount(0);
    expect(wallet.signedPayloads).toEqual([]);
    // Leave that node before it stops, so its closing is not a surprise to the page.
    await page.getByRole('button', { name: 'Back to the studio’s node' }).click();
    await expect(page.getByText(/matches Local \(simulated chain\)/)).toBeVisible();
  } finally {
    await other.close();
  }
  expect(consoleErrors).toEqual([]);
});
