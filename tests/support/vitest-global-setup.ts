/**
 * Builds the bundled entry points once per test run, before any test file starts: test files run
 * in parallel workers, and several of them spawn the real `genki` bin (or a worker thread), which
 * must not be rebuilt under another file's feet.
 */
import { buildCli } from '../../scripts/build-cli.mjs';

export default async function setup() {
  await buildCli();
}
