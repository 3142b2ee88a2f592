import { describe, expect, it } from 'vitest';
import { AuthError } from '../auth/errors';
import { assertSameOrigin, serverOrigin } from './origin';

const post = (headers: Record<string, string>, url = 'http://localhost:3000/api/x') =>
  new Request(url, { method: 'POST', headers: { host: new URL(url).host, ...headers } });

describe('origin checks', () => {
  it('accepts a request from the same origin', () => {
    expect(assertSameOrigin(post({ origin: 'http://localhost:3000' }), { publicOrigin: undefined })).toBe(
      'http://localhost:3000',
    );
  });

  it('rejects a missing or foreign Origin with 403', () => {
    const foreign: Record<string, string>[] = [
      {},
      { origin: 'https://evil.example' },
      { origin: 'http://localhost:3001' },
    ];
    for (const headers of foreign) {
      expect(() => assertSameOrigin(post(headers), { publicOrigin: undefined })).toThrowError(AuthError);
    }
    try {
      assertSameOrigin(post({ origin: 'null' }), { publicOrigin: undefined });
    } catch (error) {
      expect((error as AuthError).status).toBe(403);
    }
  });

  it('rejects cross-site fetch metadata even with a matching Origin', () => {
    expect(() =>
      assertSameOrigin(post({ origin: 'http://localhost:3000', 'sec-fetch-site': 'cross-site' }), {
        publicOrigin: undefined,
      }),
    ).toThrowError(AuthError);
  });

  it('uses GENKI_PUBLIC_ORIGIN behind a proxy', () => {
    const request = post({ origin: 'https://studio.example.org' }, 'http://10.0.0.5:3000/api/x');
    expect(serverOrigin(request, { publicOrigin: 'https://studio.example.org' })).toBe(
      'https://studio.example.org',
    );
    expect(assertSameOrigin(request, { publicOrigin: 'https://studio.example.org' })).toBe(
      'https://studio.example.org',
    );
  });
});
