/** Types for scripts/build-local-chain.mjs (plain JS so it runs at install time without a compiler). */
export const LOCAL_CHAIN_BUNDLE: string;
export function buildLocalChain(): Promise<void>;
