/**
 * Install-time guarantees the quick start depends on, read from the committed lockfile so they
 * hold for every `npm ci`: one copy of each @polkadot package (two copies make @polkadot/api warn
 * and break `instanceof` checks), better-sqlite3 12.x (13.x crashes on Node 20), and
 * onnxruntime-node's network-bound install script denied.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string }>;
};
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  allowScripts?: Record<string, boolean>;
};

function installedCopies(name: string): string[] {
  return Object.entries(lock.packages)
    .filter(([location]) => location === `node_modules/${name}` || location.endsWith(`/node_modules/${name}`))
    .map(([, entry]) => entry.version ?? '?');
}

describe('dependency pins', () => {
  it('installs exactly one copy of every @polkadot package, at the pinned versions', () => {
    const names = new Set(
      Object.keys(lock.packages)
        .map((location) => /node_modules\/(@polkadot\/[^/]+)$/.exec(location)?.[1])
        .filter((name): name is string => Boolean(name)),
    );
    expect(names.size).toBeGreaterThan(10);
    for (const name of names)
      expect({ name, copies: installedCopies(name).length }).toEqual({ name, copies: 1 });
    expect(installedCopies('@polkadot/api')).toEqual(['16.5.6']);
    expect(installedCopies('@polkadot/util')).toEqual(['14.0.3']);
    expect(installedCopies('@polkadot/util-crypto')).toEqual(['14.0.3']);
    expect(installedCopies('@polkadot/keyring')).toEqual(['14.0.3']);
    expect(installedCopies('@polkadot/extension-dapp')).toEqual(['0.63.1']);
  });

  it('pins better-sqlite3 to 12.x', () => {
    expect(installedCopies('better-sqlite3')).toHaveLength(1);
    expect(installedCopies('better-sqlite3')[0]).toMatch(/^12\./);
  });

  it('denies onnxruntime-node its download step, so plain `npm ci` works offline', () => {
    expect(manifest.allowScripts?.['onnxruntime-node']).toBe(false);
    expect(manifest.allowScripts?.['better-sqlite3']).toBe(true);
  });
});
