/**
 * `genki commitment show`: the commitments on a netuid as Genki-Dama validators see them, read
 * at one block: every `CommitmentOf` entry of a registered hotkey (or one hotkey's), decoded, with
 * the typed problem for malformed ones and the evaluation delay. Entries of hotkeys that are no
 * longer registered are listed apart (the chain keeps them; validators ignore them).
 */
import { decodeAddress, encodeAddress } from '@polkadot/util-crypto';
import type { ChainCommitment } from '../../chain/commitments';
import { displayEndpoint } from '../../chain/networks';
import { parseCommandArgs } from '../args';
import {
  chainFailure,
  ENDPOINT_HELP,
  openChain,
  parseNetuid,
  parseTimeoutMs,
  resolveEndpoint,
} from '../chain-session';
import { commitmentViewJson, renderCommitmentView, viewCommitment } from '../commitment-view';
import { CliError, UsageError } from '../errors';
import type { Command } from '../main';
import { printJson, printLine } from '../output';

const COMMAND = 'commitment show';

function parseHotkey(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    return encodeAddress(decodeAddress(value), 42);
  } catch {
    // Not echoed: what lands in --hotkey by mistake is sometimes a secret.
    throw new UsageError(`${COMMAND}: --hotkey is not an SS58 address (the value is not shown).`);
  }
}

export const commitmentShowCommand: Command = {
  summary: `Reads and decodes the model commitments on a netuid (all, or one hotkey's), with uid, block, the model id or why validators reject it, and the 1200-block evaluation delay. --endpoint takes ${ENDPOINT_HELP}.`,
  usage: 'genki commitment show --endpoint WS --netuid N [--hotkey SS58] [--timeout S] [--json]',
  async run(args) {
    const { values, positionals } = parseCommandArgs(COMMAND, args, {
      endpoint: { type: 'string' },
      netuid: { type: 'string' },
      hotkey: { type: 'string' },
      timeout: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length > 0)
      throw new UsageError(`${COMMAND}: unexpected argument (not shown); every input is a flag.`);
    const endpoint = resolveEndpoint(COMMAND, values.endpoint, process.env);
    const netuid = parseNetuid(COMMAND, values.netuid);
    const hotkey = parseHotkey(values.hotkey);
    const timeoutMs = parseTimeoutMs(COMMAND, values.timeout);
    try {
      await show(endpoint, netuid, hotkey, timeoutMs, values.json);
    } catch (error) {
      // Reads fail as ChainErrors, which quote the endpoint as given: in words, without credentials.
      throw chainFailure(error);
    }
  },
};

async function show(
  endpoint: string,
  netuid: number,
  hotkey: string | undefined,
  timeoutMs: number,
  json: boolean | undefined,
): Promise<void> {
  // What messages show: no user, password, query or path (any of them may hold a key).
  const shown = displayEndpoint(endpoint);
  const session = await openChain(endpoint, timeoutMs);
  const { client } = session;
  try {
    const chain = await client.chainName();
    // One block for every read, so uids, commitments and the delay agree.
    const head = await client.head();
    const metagraph = await client.metagraph(netuid, head);
    if (!metagraph.exists) throw new CliError(`netuid ${netuid} does not exist on ${chain} (${shown}).`);
    let registered: ChainCommitment[];
    let stale: ChainCommitment[];
    let uid: number | null = null;
    if (hotkey === undefined) {
      const set = await client.commitments(netuid, head);
      registered = set.commitments;
      stale = set.stale;
    } else {
      uid = metagraph.neurons.find((neuron) => neuron.hotkey === hotkey)?.uid ?? null;
      const one = await client.commitment(netuid, hotkey, head);
      registered = one && one.uid !== null ? [one] : [];
      stale = one && one.uid === null ? [one] : [];
    }
    const views = registered.map((c) => viewCommitment(c, head.number));
    const staleViews = stale.map((c) => viewCommitment(c, head.number));

    if (json) {
      printJson({
        endpoint: shown,
        chain,
        netuid,
        block: { number: head.number, hash: head.hash },
        ...(hotkey === undefined ? {} : { hotkey, uid }),
        commitments: views.map(commitmentViewJson),
        stale: staleViews.map(commitmentViewJson),
      });
      return;
    }
    printLine(`netuid ${netuid} of ${chain} at ${shown}, block #${head.number} (${head.hash})`);
    if (hotkey !== undefined && views.length === 0 && staleViews.length === 0) {
      const status = uid === null ? 'not registered on this netuid' : `uid ${uid}`;
      printLine(`hotkey ${hotkey} (${status}) has no commitment.`);
      return;
    }
    if (hotkey === undefined) {
      const valid = views.filter((view) => view.decoded.ok).length;
      printLine(
        `${views.length} commitment(s) from registered hotkeys, ${valid} valid, ${views.length - valid} rejected by validators`,
      );
    }
    for (const view of views) printLine(['', ...renderCommitmentView(view)].join('\n'));
    if (staleViews.length > 0) {
      printLine(
        `\n${staleViews.length} entry(ies) from hotkeys no longer registered (validators ignore them):`,
      );
      for (const view of staleViews) printLine(['', ...renderCommitmentView(view)].join('\n'));
    }
  } finally {
    await session.close();
  }
}
