/**
 * Command line of the simulated chain (bundled to dist/chain/local-node/local-node.mjs at install
 * time; `npm start` runs it for GENKI_NETWORK=local):
 *
 *   node dist/chain/local-node/local-node.mjs [--port 9944] [--host 127.0.0.1] [--data-dir DIR]
 *     [--block-time 2000] [--instant] [--finality-lag N] [--tempo 360] [--port-fallback]
 *
 * Prints `[local-chain] ready on ws://…` once it listens, then one line per block with extrinsics.
 * SIGINT / SIGTERM save the chain (with --data-dir) and exit.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DEFAULT_LOCAL_PORT, type LocalNode, startLocalNode } from './index';

const int = (min: number) => z.coerce.number().int().min(min);
const argsSchema = z.object({
  port: int(0).max(65535).default(DEFAULT_LOCAL_PORT),
  host: z.string().default('127.0.0.1'),
  'data-dir': z.string().optional(),
  'block-time': int(0).default(2000),
  instant: z.boolean().default(false),
  'finality-lag': int(0).optional(),
  tempo: int(0).max(65535).optional(),
  'port-fallback': z.boolean().default(false),
});

function parse() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'block-time': { type: 'string' },
      instant: { type: 'boolean' },
      'finality-lag': { type: 'string' },
      tempo: { type: 'string' },
      'port-fallback': { type: 'boolean' },
    },
    strict: true,
  });
  return argsSchema.parse(values);
}

async function start(args: ReturnType<typeof parse>, port: number): Promise<LocalNode> {
  return startLocalNode({
    port,
    host: args.host,
    dataDir: args['data-dir'],
    blockTimeMs: args['block-time'] > 0 ? args['block-time'] : undefined,
    instant: args.instant,
    finalityLag: args['finality-lag'],
    genesis: args.tempo === undefined ? undefined : { tempo: args.tempo },
  });
}

async function main(): Promise<void> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse();
  } catch (error) {
    console.error(`[local-chain] ${(error as Error).message.split('\n')[0]}`);
    process.exit(2);
  }
  let node: LocalNode;
  try {
    node = await start(args, args.port);
  } catch (error) {
    const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
    if (!inUse || !args['port-fallback']) {
      console.error(
        `[local-chain] cannot start: ${inUse ? `port ${args.port} is in use` : (error as Error).message}`,
      );
      process.exit(1);
    }
    console.warn(`[local-chain] port ${args.port} is in use; using a free port instead`);
    node = await start(args, 0);
  }
  console.log(`[local-chain] ready on ${node.url} — ${node.describe()}`);
  node.core.chain.onBlock((block) => {
    // The timestamp inherent is always there; only report blocks carrying transactions.
    if (block.extrinsics.length > 1) {
      console.log(`[local-chain] block #${block.number} with ${block.extrinsics.length - 1} transaction(s)`);
    }
  });
  const stop = () => {
    node.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
