/**
 * `genki commitment submit`: what Genki-Dama's miner (`genki/mining.py:push`) does after an
 * upload, from a terminal: build the commitment, sign `Commitments.set_commitment` with the
 * registered hotkey (an sr25519 keyring pair in this process), follow it ready → in block →
 * finalized on stderr, then read `CommitmentOf` back at the inclusion block and check it holds
 * exactly what was sent. The result goes to stdout (`--json` for machines).
 */
import { ChainError } from '../../chain/errors';
import { displayEndpoint } from '../../chain/networks';
import { EMPTY_DIRECTORY_HASH } from '../../chain/secure-hash';
import type { SubmitStage } from '../../chain/submit';
import { parseCommandArgs } from '../args';
import {
  ChainFailure,
  chainFailure,
  ENDPOINT_HELP,
  openChain,
  parseNetuid,
  parseTimeoutMs,
  resolveEndpoint,
} from '../chain-session';
import { CliError, UsageError } from '../errors';
import { describeEvaluation, evalDelayOf, evaluationJson, evaluationStatus } from '../evaluation-delay';
import type { Command } from '../main';
import { printJson, printLine, printProgress as progress } from '../output';
import { loadSigningKey } from '../signing-key';
import { describeSpaceReset, readSpaceReset } from '../space-limit';
import { encodeOrFail, parseCompetition } from './commitment-encode';
import { hashSnapshot } from './repo-hash';

const COMMAND = 'commitment submit';
const USAGE =
  'genki commitment submit --endpoint WS --netuid N (--keyfile FILE | --suri SURI | GENKI_SURI=…) --repo NS/NAME --commit SHA (--secure-hash B64 | --snapshot DIR) [--competition 1] [--wait inblock|finalized] [--timeout S] [--json]';

function parseWait(value: string | undefined): 'inBlock' | 'finalized' {
  const wait = value?.toLowerCase() ?? 'finalized';
  if (wait === 'inblock') return 'inBlock';
  if (wait === 'finalized') return 'finalized';
  throw new UsageError(`${COMMAND}: --wait must be inblock or finalized, got ${JSON.stringify(value)}.`);
}

function stageLine(stage: SubmitStage, endpoint: string, blockHash?: string): string | undefined {
  switch (stage) {
    case 'future':
      return 'waiting in the pool behind an earlier transaction of this hotkey';
    case 'ready':
      return `ready: in the transaction pool of ${endpoint}`;
    case 'inBlock':
      return `in block ${blockHash ?? ''}`;
    case 'finalized':
      return `finalized in block ${blockHash ?? ''}`;
    default:
      return undefined;
  }
}

/**
 * `--endpoint` for a command to run next: the network name as given, or the URL if it shows in
 * full; a URL with credentials is not repeated (the user has it, the terminal log need not).
 */
function endpointAgain(given: string | undefined, endpoint: string): string {
  if (given === 'local' || given === 'test' || given === 'finney') return given;
  return displayEndpoint(endpoint) === endpoint ? endpoint : '<the same --endpoint URL>';
}

export const commitmentSubmitCommand: Command = {
  summary: `Signs Commitments.set_commitment with the miner's registered hotkey, waits for inclusion (finalized by default) and checks the commitment read back from chain. --endpoint takes ${ENDPOINT_HELP}.`,
  usage: USAGE,
  async run(args) {
    const { values, positionals } = parseCommandArgs(COMMAND, args, {
      endpoint: { type: 'string' },
      netuid: { type: 'string' },
      suri: { type: 'string' },
      keyfile: { type: 'string' },
      repo: { type: 'string' },
      commit: { type: 'string' },
      'secure-hash': { type: 'string' },
      snapshot: { type: 'string' },
      competition: { type: 'string' },
      wait: { type: 'string' },
      timeout: { type: 'string' },
      json: { type: 'boolean' },
    });
    try {
      await submit(values, positionals);
    } catch (error) {
      const failure = chainFailure(error);
      if (values.json && failure instanceof CliError && !(failure instanceof UsageError)) {
        const code = failure instanceof ChainFailure ? failure.code : 'error';
        const detail = failure instanceof ChainFailure ? failure.detail : undefined;
        printJson({ ok: false, code, ...(detail ? { detail } : {}), message: failure.message });
      }
      throw failure;
    }
  },
};

interface Flags {
  endpoint?: string;
  netuid?: string;
  suri?: string;
  keyfile?: string;
  repo?: string;
  commit?: string;
  'secure-hash'?: string;
  snapshot?: string;
  competition?: string;
  wait?: string;
  timeout?: string;
  json?: boolean;
}

async function submit(values: Flags, positionals: string[]): Promise<void> {
  if (positionals.length > 0)
    // Not echoed: an unquoted mnemonic after --suri spills its words into positionals.
    throw new UsageError(`${COMMAND}: unexpected argument (not shown); every input is a flag.`);
  const endpoint = resolveEndpoint(COMMAND, values.endpoint, process.env);
  // What messages show: no user, password, query or path (any of them may hold a key).
  const shown = displayEndpoint(endpoint);
  const netuid = parseNetuid(COMMAND, values.netuid);
  if (values.repo === undefined || values.commit === undefined)
    throw new UsageError(`${COMMAND}: --repo NS/NAME and --commit SHA are required.`);
  const given = values['secure-hash'];
  if ((given === undefined) === (values.snapshot === undefined))
    throw new UsageError(
      `${COMMAND}: give either --secure-hash B64 or --snapshot DIR (hashed with the signing hotkey).`,
    );
  const waitFor = parseWait(values.wait);
  const timeoutMs = parseTimeoutMs(COMMAND, values.timeout);
  const fields = {
    repo: values.repo,
    commit: values.commit,
    competitionId: parseCompetition(COMMAND, values.competition),
  };
  // Every field but the hash is checked before touching keys, folders or the network.
  encodeOrFail({ ...fields, secureHash: given ?? EMPTY_DIRECTORY_HASH });

  const key = await loadSigningKey({ suri: values.suri, keyfile: values.keyfile, env: process.env });
  for (const note of key.notes) progress(`note: ${note}`);
  const hotkey = key.pair.address;
  const secureHash = given ?? (await hashSnapshot(values.snapshot ?? '', hotkey)).secureHash;
  if (secureHash === undefined) throw new CliError(`${COMMAND}: no secure hash was computed.`);
  const encoded = encodeOrFail({ ...fields, secureHash });

  const session = await openChain(endpoint, timeoutMs);
  const { client } = session;
  try {
    const chain = await client.chainName();
    const metagraph = await client.metagraph(netuid);
    if (!metagraph.exists) throw new CliError(`netuid ${netuid} does not exist on ${chain} (${shown}).`);
    const neuron = metagraph.neurons.find((candidate) => candidate.hotkey === hotkey);
    if (!neuron)
      throw new CliError(
        `not registered on this netuid: hotkey ${hotkey} has no uid on netuid ${netuid} of ${chain} (${shown}). Register it first (btcli subnets register); a coldkey cannot commit for its hotkey.`,
      );
    progress(
      `signing as ${hotkey} (uid ${neuron.uid}, key from ${key.source}) on netuid ${netuid} of ${chain} at ${shown}`,
    );
    let result: Awaited<ReturnType<typeof client.commit>>;
    try {
      result = await client.commit({
        netuid,
        data: encoded.text,
        signer: { kind: 'pair', pair: key.pair },
        waitFor,
        timeoutMs,
        onStatus: (stage, blockHash) => {
          const line = stageLine(stage, shown, blockHash);
          if (line) progress(line);
        },
      });
    } catch (error) {
      if (error instanceof ChainError && error.detail === 'commitments.SpaceLimitExceeded') {
        const reset = await readSpaceReset(client, netuid).catch(() => undefined);
        if (reset)
          throw new ChainFailure(
            `${error.words}: ${describeSpaceReset(reset, netuid)}`,
            error.code,
            error.detail,
          );
      }
      if (error instanceof ChainError && (error.code === 'disconnected' || error.code === 'timeout')) {
        // The transaction may have landed anyway: say how to find out instead of retrying blindly.
        const failure = chainFailure(error);
        if (failure instanceof ChainFailure)
          throw new ChainFailure(
            `${failure.message} Check with: genki commitment show --endpoint ${endpointAgain(values.endpoint, endpoint)} --netuid ${netuid} --hotkey ${hotkey}`,
            error.code,
            error.detail,
          );
      }
      throw error;
    }
    const back = result.commitment;
    if (back?.text !== encoded.text)
      throw new CliError(
        `read back: CommitmentOf(${netuid}, ${hotkey}) at block #${result.block.number} ${back ? `holds ${JSON.stringify(back.text ?? back.rawType)}` : 'is empty'}, not the commitment just sent.`,
      );
    const evaluation = evaluationStatus(
      result.block.number,
      result.block.number,
      evalDelayOf(encoded.commitment.competitionId),
    );
    if (values.json) {
      printJson({
        ok: true,
        endpoint: shown,
        chain,
        netuid,
        hotkey,
        uid: neuron.uid,
        commitment: encoded.text,
        bytes: encoded.byteLength,
        block: { number: result.block.number, hash: result.block.hash },
        finalized: result.finalized,
        tx_hash: result.txHash,
        read_back: 'match',
        evaluation: evaluationJson(evaluation),
      });
      return;
    }
    const state = result.finalized ? 'finalized' : 'in block, not yet finalized';
    printLine(`commitment   ${encoded.text}`);
    printLine(`bytes        ${encoded.byteLength} of 128`);
    printLine(`hotkey       ${hotkey} (uid ${neuron.uid}, netuid ${netuid})`);
    printLine(`block        #${result.block.number} ${result.block.hash} (${state})`);
    printLine(`extrinsic    ${result.txHash}`);
    printLine(`read back    matches CommitmentOf at block #${result.block.number}`);
    printLine(`evaluation   ${describeEvaluation(evaluation)}`);
  } finally {
    await session.close();
  }
}
