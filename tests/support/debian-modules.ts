/**
 * Real chiptune for parity tests: the ProTracker modules of Debian's `tecnoballz-data` package
 * (TLK Games, GPL-3+). They are fetched from the Debian archive at test time and never committed
 * (the project is MIT); `apt-get download` + `dpkg -x` need no root.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const CACHE = path.resolve(import.meta.dirname, '..', '.cache', 'tecnoballz-data');
const MUSIC = path.join(CACHE, 'usr', 'share', 'games', 'tecnoballz', 'musics');

/** Paths of the named modules, downloading the package once if needed. Throws how-to-fix errors. */
export function debianModules(names: readonly string[]): string[] {
  const missing = () => names.some((name) => !fs.existsSync(path.join(MUSIC, name)));
  if (missing()) {
    fs.mkdirSync(CACHE, { recursive: true });
    try {
      execFileSync('apt-get', ['download', 'tecnoballz-data'], { cwd: CACHE, stdio: 'pipe' });
      const deb = fs
        .readdirSync(CACHE)
        .find((file) => file.startsWith('tecnoballz-data') && file.endsWith('.deb'));
      if (!deb) throw new Error('apt-get download produced no .deb');
      execFileSync('dpkg', ['-x', deb, '.'], { cwd: CACHE, stdio: 'pipe' });
    } catch (error) {
      throw new Error(
        `Real chiptune modules are needed from Debian's tecnoballz-data package and could not be fetched (${(error as Error).message.split('\n')[0]}). Run \`sudo apt-get update\` and try again.`,
      );
    }
    if (missing()) throw new Error(`tecnoballz-data did not contain ${names.join(', ')}.`);
  }
  return names.map((name) => path.join(MUSIC, name));
}
