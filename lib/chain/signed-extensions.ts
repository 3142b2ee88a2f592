/**
 * subtensor's own transaction extensions. They carry nothing in the extrinsic and nothing in the
 * signed payload (bittensor-chain.md §2.5), so declaring them empty encodes exactly what the chain
 * expects and stops polkadot.js warning "Unknown signed extensions … treating them as no-effect".
 */
const EMPTY = { extrinsic: {}, payload: {} };

export const SUBTENSOR_SIGNED_EXTENSIONS = {
  SudoTransactionExtension: EMPTY,
  CheckShieldedTxValidity: EMPTY,
  SubtensorTransactionExtension: EMPTY,
  DrandPriority: EMPTY,
};
