/** Types for scripts/build-workers.mjs (plain JS so it runs at install time without a compiler). */
export const CLIP_PROCESSOR_BUNDLE: string;
export function buildWorkers(options?: { outfile?: string }): Promise<string>;
