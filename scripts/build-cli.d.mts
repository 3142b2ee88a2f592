/** Types for scripts/build-cli.mjs (plain JS so it runs at install time without a compiler). */
export function buildCli(): Promise<void>;
