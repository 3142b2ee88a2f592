/**
 * Browser stand-in for Node's `module` builtin. chiptune3's Emscripten build (libopenmpt) contains
 * `await import("module")` inside a Node-only branch that never runs in a browser or worker; the
 * bundler still has to resolve it, so next.config.ts points it here.
 */
export function createRequire(): never {
  throw new Error('createRequire is not available in the browser.');
}
