import { toSubstrateAddress } from '@/lib/auth/address';
import { configuredEndpoint, displayEndpoint } from '@/lib/chain/networks';
import { probeChain, simulatedFaucet } from '@/lib/commit/chain-probe';
import { FAUCET_RAO, type FaucetResponse, faucetRequestSchema } from '@/lib/commit/faucet';
import { getConfig } from '@/lib/env';
import { readJson } from '@/lib/http/body';
import { errorResponse, PublicError } from '@/lib/http/errors';
import { guardMutation } from '@/lib/http/guard';

export const dynamic = 'force-dynamic';

/**
 * POST { address }: the simulated chain's dev faucet sends the address test TAO, so the commit page
 * can register the hotkey with a real, wallet-signed `burned_register`. Signed-in users only, and
 * only when the configured chain is the studio's simulated node (never a real network).
 */
export async function POST(request: Request) {
  try {
    guardMutation(request);
    const config = getConfig();
    if (config.network !== 'local') {
      throw new PublicError(
        'not_simulated',
        'The faucet exists only on the simulated local chain (GENKI_NETWORK=local).',
        404,
      );
    }
    const body = await readJson(request, faucetRequestSchema);
    const address = toSubstrateAddress(body.address);
    if (!address) throw new PublicError('invalid_address', 'That is not the SS58 address of a 32-byte key.');
    const endpoint = configuredEndpoint(config);
    // Messages name the node without any credentials its URL may carry.
    const shown = displayEndpoint(endpoint);
    const probe = await probeChain(endpoint).catch(() => {
      throw new PublicError('chain_unreachable', `The simulated chain at ${shown} did not answer.`, 502);
    });
    if (!probe.simulated) {
      throw new PublicError(
        'not_simulated',
        `The node at ${shown} is not the studio's simulated chain, so it has no faucet.`,
        409,
      );
    }
    const blockHash = await simulatedFaucet(endpoint, address, FAUCET_RAO).catch(() => {
      throw new PublicError(
        'faucet_failed',
        `The simulated chain at ${shown} did not fund the account.`,
        502,
      );
    });
    const result: FaucetResponse = { address, amount: FAUCET_RAO.toString(), blockHash };
    return Response.json(result, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
