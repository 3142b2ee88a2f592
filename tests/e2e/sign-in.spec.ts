import { stringToU8a, u8aToHex, u8aWrapBytes } from '@polkadot/util';
import { E2E_BASE_URL } from './config';
import { expect, signInAs, test } from './fixtures';
import { FakeWallet } from './fixtures/fake-wallet';

const short = (address: string) => `${address.slice(0, 5)}…${address.slice(-4)}`;

test('a miner signs in with the extension, sees their account, and signs out', async ({
  page,
  wallet,
  consoleErrors,
  context,
}) => {
  await page.goto('/datasets');
  await expect(page.getByRole('heading', { name: 'Sign in to curate datasets' })).toBeVisible();

  await page.getByRole('banner').getByRole('button', { name: 'Sign in' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign in with your wallet' });
  const accounts = dialog.getByRole('list', { name: 'Accounts' });
  // sr25519 and ed25519 accounts are offered; ECDSA and Ethereum ones are not.
  await expect(accounts.getByRole('button')).toHaveCount(3);
  await expect(accounts).toContainText('Alice');
  await expect(accounts).toContainText('Edward (ed25519)');
  await expect(accounts).not.toContainText('Eve (ecdsa)');
  await expect(accounts).not.toContainText('Ethan (ethereum)');

  await accounts.getByRole('button', { name: /^Sign in as Alice / }).click();
  await expect(dialog).toBeHidden();

  const account = page.getByRole('banner').getByRole('button', { name: /^Account Alice/ });
  await expect(account).toContainText('Alice');
  await expect(account).toContainText(short(wallet.keys.alice.address));
  await expect(page.getByRole('heading', { name: 'No datasets yet' })).toBeVisible();

  const [cookie] = (await context.cookies()).filter((c) => c.name === 'genki_session');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: false });

  // The session survives a reload (it is a server session, not page state).
  await page.reload();
  await expect(account).toBeVisible();

  await account.click();
  await page.getByRole('region', { name: 'Account' }).getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('banner').getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Sign in to curate datasets' })).toBeVisible();
  expect((await context.cookies()).filter((c) => c.name === 'genki_session' && c.value)).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

test('an ed25519 account can sign in', async ({ page, wallet }) => {
  await page.goto('/');
  await signInAs(page, 'Edward \\(ed25519\\)');
  await expect(page.getByRole('banner')).toContainText(short(wallet.keys.edward.address));
});

test('an admin address is shown as validator admin; others are read-only', async ({ page, wallet }) => {
  await page.goto('/validator');
  await signInAs(page, 'Bob');
  await expect(page.getByText('You are a validator admin on this dashboard.')).toBeVisible();
  await page
    .getByRole('banner')
    .getByRole('button', { name: /^Account Bob/ })
    .click();
  await expect(page.getByRole('region', { name: 'Account' })).toContainText('Validator admin');
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signInAs(page, 'Alice');
  await expect(page.getByText(/Read-only: your address is not listed/)).toBeVisible();
  expect(wallet.keys.alice.address).not.toBe(wallet.keys.bob.address);
});

test('refusing to sign in the wallet shows why and leaves the user signed out', async ({ page, wallet }) => {
  await page.goto('/');
  wallet.refuseNextSignature();
  await page.getByRole('banner').getByRole('button', { name: 'Sign in' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign in with your wallet' });
  await dialog.getByRole('button', { name: /^Sign in as Alice / }).click();
  await expect(dialog.getByRole('alert')).toContainText('The wallet did not sign the message (Cancelled)');
  // Trying again with a fresh challenge works.
  await dialog.getByRole('button', { name: /^Sign in as Alice / }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('banner').getByRole('button', { name: /^Account Alice/ })).toBeVisible();
});

test('without a wallet extension, the dialog says what to install', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('banner').getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('dialog').getByRole('alert')).toContainText(
    'No Polkadot wallet extension answered. Install polkadot{.js}, Talisman or SubWallet',
  );
});

test.describe('the sign-in API refuses bad attempts with 401 and a clear message', () => {
  const origin = E2E_BASE_URL;
  const headers = { origin, 'content-type': 'application/json' };

  async function challengeFor(request: import('@playwright/test').APIRequestContext, address: string) {
    const response = await request.post('/api/auth/challenge', { headers, data: { address } });
    expect(response.status()).toBe(200);
    return (await response.json()) as { nonce: string; message: string };
  }

  const sign = (pair: { sign: (data: Uint8Array) => Uint8Array }, message: string) =>
    u8aToHex(pair.sign(u8aWrapBytes(stringToU8a(message))));

  test('a reused nonce', async ({ request }) => {
    const { keys } = await FakeWallet.create();
    const challenge = await challengeFor(request, keys.alice.address);
    const data = {
      nonce: challenge.nonce,
      address: keys.alice.address,
      signature: sign(keys.alice, challenge.message),
    };
    expect((await request.post('/api/auth/session', { headers, data })).status()).toBe(200);
    const again = await request.post('/api/auth/session', { headers, data });
    expect(again.status()).toBe(401);
    expect(await again.json()).toEqual({
      error: {
        code: 'used_nonce',
        message: 'This sign-in request was already used. Start signing in again.',
      },
    });
  });

  test('a bad signature', async ({ request }) => {
    const { keys } = await FakeWallet.create();
    const challenge = await challengeFor(request, keys.alice.address);
    const response = await request.post('/api/auth/session', {
      headers,
      data: {
        nonce: challenge.nonce,
        address: keys.alice.address,
        signature: sign(keys.alice, 'not the message'),
      },
    });
    expect(response.status()).toBe(401);
    expect((await response.json()).error.code).toBe('bad_signature');
  });

  test('an address that does not match the challenge', async ({ request }) => {
    const { keys } = await FakeWallet.create();
    const challenge = await challengeFor(request, keys.alice.address);
    const response = await request.post('/api/auth/session', {
      headers,
      data: {
        nonce: challenge.nonce,
        address: keys.bob.address,
        signature: sign(keys.bob, challenge.message),
      },
    });
    expect(response.status()).toBe(401);
    expect((await response.json()).error.code).toBe('address_mismatch');
  });

  test('a request from another origin', async ({ request }) => {
    const { keys } = await FakeWallet.create();
    const response = await request.post('/api/auth/challenge', {
      headers: { ...headers, origin: 'https://evil.example' },
      data: { address: keys.alice.address },
    });
    expect(response.status()).toBe(403);
    expect((await response.json()).error.code).toBe('bad_origin');
  });
});
