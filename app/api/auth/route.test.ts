import { stringToU8a, u8aToHex, u8aWrapBytes } from '@polkadot/util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb } from '@/lib/db';
import { resetConfigForTests } from '@/lib/env';
import { devKeys } from '@/tests/support/keys';
import { makeTempDir } from '@/tests/support/temp-dir';
import { POST as challengePost } from './challenge/route';
import { DELETE as sessionDelete, GET as sessionGet, POST as sessionPost } from './session/route';

const temp = makeTempDir();
let keys: Awaited<ReturnType<typeof devKeys>>;

beforeAll(async () => {
  process.env.GENKI_DATA_DIR = temp.dir;
  process.env.GENKI_ADMIN_ADDRESSES = '';
  resetConfigForTests();
  keys = await devKeys();
});
afterAll(() => {
  closeDb();
  temp.cleanup();
});

function request(
  url: string,
  init: { method: string; body?: unknown; origin?: string | null; cookie?: string },
) {
  const parsed = new URL(url);
  const headers: Record<string, string> = { host: parsed.host };
  if (init.origin !== null) headers.origin = init.origin ?? parsed.origin;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.cookie) headers.cookie = init.cookie;
  return new Request(url, {
    method: init.method,
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

async function signIn(base: string) {
  const challengeResponse = await challengePost(
    request(`${base}/api/auth/challenge`, { method: 'POST', body: { address: keys.alice.address } }),
  );
  expect(challengeResponse.status).toBe(200);
  const challenge = (await challengeResponse.json()) as { nonce: string; message: string };
  const signature = u8aToHex(keys.alice.sign(u8aWrapBytes(stringToU8a(challenge.message))));
  return sessionPost(
    request(`${base}/api/auth/session`, {
      method: 'POST',
      body: { nonce: challenge.nonce, address: keys.alice.address, signature, name: 'Alice' },
    }),
  );
}

describe('auth route handlers', () => {
  it('sets an httpOnly, SameSite=Strict session cookie, not Secure over plain http', async () => {
    const response = await signIn('http://localhost:3000');
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^genki_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=strict/i);
    expect(cookie).not.toMatch(/Secure/i);
    const token = /genki_session=([^;]+)/.exec(cookie)?.[1];
    const me = await sessionGet(
      request('http://localhost:3000/api/auth/session', { method: 'GET', cookie: `genki_session=${token}` }),
    );
    expect(await me.json()).toEqual({
      user: {
        address: keys.alice.address,
        displayName: 'Alice',
        roles: { miner: true, validatorAdmin: false },
      },
    });
  });

  it('marks the cookie Secure when served over https', async () => {
    const response = await signIn('https://studio.example.org');
    expect(response.headers.get('set-cookie')).toMatch(/Secure/i);
  });

  it('answers a cross-origin challenge request with 403 and no nonce', async () => {
    const response = await challengePost(
      request('http://localhost:3000/api/auth/challenge', {
        method: 'POST',
        body: { address: keys.alice.address },
        origin: 'https://evil.example',
      }),
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: { code: 'bad_origin', message: 'This request did not come from Genki Studio itself.' },
    });
  });

  it('rejects malformed bodies with 4xx and a specific message', async () => {
    const notJson = await challengePost(
      new Request('http://localhost:3000/api/auth/challenge', {
        method: 'POST',
        headers: {
          host: 'localhost:3000',
          origin: 'http://localhost:3000',
          'content-type': 'application/json',
        },
        body: '{nope',
      }),
    );
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { code: string } }).error.code).toBe('invalid_json');

    const badShape = await sessionPost(
      request('http://localhost:3000/api/auth/session', { method: 'POST', body: { nonce: 'x', address: 1 } }),
    );
    expect(badShape.status).toBe(400);
  });

  it('sign-out needs a session and then clears the cookie', async () => {
    const anonymous = await sessionDelete(
      request('http://localhost:3000/api/auth/session', { method: 'DELETE' }),
    );
    expect(anonymous.status).toBe(401);

    const signedIn = await signIn('http://localhost:3000');
    const token = /genki_session=([^;]+)/.exec(signedIn.headers.get('set-cookie') ?? '')?.[1];
    const cookie = `genki_session=${token}`;
    const out = await sessionDelete(
      request('http://localhost:3000/api/auth/session', { method: 'DELETE', cookie }),
    );
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/genki_session=;/);
    const me = await sessionGet(request('http://localhost:3000/api/auth/session', { method: 'GET', cookie }));
    expect(await me.json()).toEqual({ user: null });
  });
});
