/**
 * A structural check over every route handler: each exported POST/PUT/PATCH/DELETE must start
 * with guardMutation (origin + session) or, for the few routes a signed-out visitor needs,
 * guardAnonymousMutation (origin). A new route that forgets both fails here, not in review.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const APP_DIR = path.resolve('app');
const MUTATING = /export\s+(?:async\s+function|const)\s+(POST|PUT|PATCH|DELETE)\b/g;

/** Routes a visitor calls before signing in; each one still checks Origin. */
const ANONYMOUS_ROUTES = new Map([
  ['api/auth/challenge/route.ts', 'sign-in asks for a challenge before there is a session'],
  [
    'api/auth/session/route.ts',
    'sign-in exchanges the signed challenge for the session (DELETE is sign-out)',
  ],
  [
    'api/clap/text-embeddings/route.ts',
    'the public score page embeds prompts; POST only because texts are a body',
  ],
]);

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === 'route.ts' ? [full] : [];
  });
}

/** The handler's body: from its export to the next top-level export (or the end of the file). */
function handlerBody(source: string, start: number): string {
  const next = source.indexOf('\nexport ', start + 1);
  return source.slice(start, next === -1 ? undefined : next);
}

describe('every mutating route checks origin, and session unless sign-in needs it not to', () => {
  const routes = routeFiles(APP_DIR);

  it('finds the route handlers', () => {
    expect(routes.length).toBeGreaterThan(10);
  });

  for (const file of routes) {
    const relative = path.relative(APP_DIR, file).split(path.sep).join('/');
    const source = fs.readFileSync(file, 'utf8');
    for (const match of source.matchAll(MUTATING)) {
      const method = match[1];
      it(`${method} ${relative}`, () => {
        const body = handlerBody(source, match.index ?? 0);
        const guarded = /\bguardMutation\(request\)/.test(body);
        const anonymous = /\bguardAnonymousMutation\(request\)/.test(body);
        if (ANONYMOUS_ROUTES.has(relative)) expect(guarded || anonymous).toBe(true);
        else expect(guarded, `${relative} ${method} must call guardMutation(request)`).toBe(true);
      });
    }
  }

  it('lists no anonymous route that does not exist', () => {
    for (const relative of ANONYMOUS_ROUTES.keys())
      expect(fs.existsSync(path.join(APP_DIR, relative))).toBe(true);
  });
});
