/**
 * Optional persistence of the simulated chain to `<dataDir>/chain.json`, so `npm start` restarts
 * keep registrations, balances and commitments: the best block's full storage plus the last 256
 * blocks (headers and bodies). Older blocks and historic state are not kept (after a restart,
 * `at` queries before the restored best block answer "State already discarded", as on a pruned
 * node). A file from another genesis (other options or code) is ignored and overwritten.
 * Written atomically (temp file + rename), at most once a second and on close.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Block } from './block';
import type { NodeCore } from './node';
import { StorageState } from './state';

export const CHAIN_FILE = 'chain.json';
const FORMAT = 'genki-local-chain/1';
const KEEP_BLOCKS = 256;

const hex = z.string().regex(/^0x[0-9a-f]*$/);
const saved = z.object({
  format: z.literal(FORMAT),
  genesisHash: hex,
  finalized: z.number().int().nonnegative(),
  blocks: z.array(
    z.object({
      number: z.number().int().positive(),
      hash: hex,
      header: z.object({
        parentHash: hex,
        number: hex,
        stateRoot: hex,
        extrinsicsRoot: hex,
        digest: z.object({ logs: z.array(hex) }),
      }),
      extrinsics: z.array(hex),
    }),
  ),
  state: z.array(z.tuple([hex, hex])),
});

/** Restores `<dataDir>/chain.json` into a freshly created node; returns what happened, for the log. */
export function restoreChain(node: NodeCore, dataDir: string): string {
  const file = path.join(dataDir, CHAIN_FILE);
  if (!fs.existsSync(file)) return 'new chain';
  const result = saved.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!result.success) return `ignored ${file}: not a chain file of this version`;
  const data = result.data;
  if (data.genesisHash !== node.genesisHash) return `ignored ${file}: it belongs to another genesis`;
  const last = data.blocks.at(-1);
  if (!last) return 'new chain';
  const state = StorageState.fromEntries(data.state);
  state.freeze();
  if (state.root() !== last.header.stateRoot)
    return `ignored ${file}: its state does not match its best block`;
  const blocks: Block[] = data.blocks.map((block) => ({ ...block, state: block === last ? state : null }));
  node.chain.restore(blocks, data.finalized);
  return `restored ${blocks.length} recent blocks up to #${last.number}`;
}

export function saveChain(node: NodeCore, dataDir: string): void {
  const best = node.chain.best;
  if (!best.state) return;
  const body = {
    format: FORMAT,
    genesisHash: node.genesisHash,
    finalized: node.chain.finalized.number,
    blocks: node.chain.recentBlocks(KEEP_BLOCKS).map(({ number, hash, header, extrinsics }) => ({
      number,
      hash,
      header,
      extrinsics,
    })),
    state: [...best.state.entries()],
  };
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, CHAIN_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(body));
  fs.renameSync(temp, file);
}

/** Saves after new blocks, at most once per `intervalMs`; `flush` saves now (on close). */
export function persistEvery(
  node: NodeCore,
  dataDir: string,
  intervalMs = 1000,
): { flush(): void; stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    saveChain(node, dataDir);
  };
  const stopListening = node.chain.onBlock(() => {
    timer ??= setTimeout(flush, intervalMs);
  });
  return {
    flush,
    stop: () => {
      stopListening();
      if (timer) clearTimeout(timer);
    },
  };
}
