/**
 * The simulated chain's faucet, as the studio's server offers it to the commit page: test TAO for a
 * hotkey, so it can pay for a real `burned_register` on the simulated subnet. Shared request and
 * response shapes (zod at both ends). Only ever talks to the `local` network's simulated node.
 */
import { z } from 'zod';

/** 10 test TAO: the simulated subnet's burn is 0.001 TAO; the rest pays fees for a while. */
export const FAUCET_RAO = 10_000_000_000n;

export const faucetRequestSchema = z.object({ address: z.string().min(1).max(64) });

export const faucetResponseSchema = z.object({
  address: z.string(),
  /** Rao, as a decimal string (u64 does not fit a JSON number). */
  amount: z.string().regex(/^\d+$/),
  blockHash: z.string().regex(/^0x[0-9a-f]{64}$/i),
});
export type FaucetResponse = z.infer<typeof faucetResponseSchema>;
