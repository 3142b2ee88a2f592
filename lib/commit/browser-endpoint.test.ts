import { describe, expect, it } from 'vitest';
import { PUBLIC_ENDPOINTS } from '../chain/networks';
import { browserEndpoint, hasCredentials, isLoopbackEndpoint } from './browser-endpoint';

describe('the node a browser is given', () => {
  it('is the configured node when its URL carries no credentials', () => {
    expect(browserEndpoint('finney', 'wss://lite.example.org:443')).toEqual({
      endpoint: 'wss://lite.example.org:443',
      withheld: false,
    });
    expect(browserEndpoint('local', 'ws://127.0.0.1:9944').withheld).toBe(false);
  });

  it('withholds a node whose URL carries a user, a password or a query, for the public endpoint', () => {
    for (const configured of [
      'wss://miner:pa55word@node.example.org',
      'wss://node.example.org/?apikey=abcdef0123',
      'wss://token@node.example.org',
    ]) {
      expect(hasCredentials(configured)).toBe(true);
      expect(browserEndpoint('finney', configured)).toEqual({
        endpoint: PUBLIC_ENDPOINTS.finney,
        withheld: true,
      });
    }
  });

  it('knows a loopback node from a remote one', () => {
    expect(isLoopbackEndpoint('ws://127.0.0.1:9944')).toBe(true);
    expect(isLoopbackEndpoint('ws://localhost:9944')).toBe(true);
    expect(isLoopbackEndpoint('ws://[::1]:9944')).toBe(true);
    expect(isLoopbackEndpoint('wss://entrypoint-finney.opentensor.ai:443')).toBe(false);
    expect(isLoopbackEndpoint('not a url')).toBe(false);
  });
});
