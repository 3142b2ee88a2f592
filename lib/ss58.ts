/** Bittensor uses the generic Substrate SS58 prefix. */
export const SS58_PREFIX = 42;
