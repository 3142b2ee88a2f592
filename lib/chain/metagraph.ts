/**
 * The metagraph of a subnet at one block, from SubtensorModule storage: SubnetworkN, Keys
 * (uid → hotkey), BlockAtRegistration and ValidatorPermit. Reading storage directly keeps this
 * independent of the runtime APIs (get_metagraph) whose SCALE layouts change between runtimes.
 */
import { z } from 'zod';
import type { ChainConnection } from './connection';
import { apiAt, type BlockRef, bigValue, parseChain, storageEntry, uintValue } from './query';

export interface Neuron {
  uid: number;
  hotkey: string;
  /** Block the current holder of this uid registered at (commitments older than it are stale). */
  blockAtRegistration: number;
  validatorPermit: boolean;
}

export interface Metagraph {
  netuid: number;
  block: BlockRef;
  exists: boolean;
  /** SubnetworkN: how many uids are in use. */
  n: number;
  /** Ordered by uid. */
  neurons: Neuron[];
}

const keyArgs = z.tuple([uintValue, uintValue]);
const address = z.string().min(40);

export async function readMetagraph(
  conn: ChainConnection,
  netuid: number,
  block: BlockRef,
): Promise<Metagraph> {
  const api = await apiAt(conn, block);
  const query = (method: string) => storageEntry(conn, api, 'subtensorModule', method);
  const [exists, n, keys, registrations, permits] = await conn.call(
    `reading the metagraph of netuid ${netuid}`,
    () =>
      Promise.all([
        query('networksAdded')(netuid),
        query('subnetworkN')(netuid),
        query('keys').entries(netuid),
        query('blockAtRegistration').entries(netuid),
        query('validatorPermit')(netuid),
      ]),
  );
  const hotkeys = new Map<number, string>();
  for (const [key, value] of keys) {
    const [, uid] = parseChain(
      conn,
      'a Keys key',
      keyArgs,
      key.args.map((arg) => arg.toPrimitive()),
    );
    hotkeys.set(uid, parseChain(conn, 'a Keys value', address, value.toString()));
  }
  const registeredAt = new Map<number, number>();
  for (const [key, value] of registrations) {
    const [, uid] = parseChain(
      conn,
      'a BlockAtRegistration key',
      keyArgs,
      key.args.map((arg) => arg.toPrimitive()),
    );
    registeredAt.set(uid, Number(parseChain(conn, 'BlockAtRegistration', bigValue, value.toPrimitive())));
  }
  const permitList = parseChain(conn, 'ValidatorPermit', z.array(z.boolean()), permits.toPrimitive());
  const neurons = [...hotkeys.entries()]
    .sort(([a], [b]) => a - b)
    .map(([uid, hotkey]) => ({
      uid,
      hotkey,
      blockAtRegistration: registeredAt.get(uid) ?? 0,
      validatorPermit: permitList[uid] ?? false,
    }));
  return {
    netuid,
    block,
    exists: parseChain(conn, 'NetworksAdded', z.boolean(), exists.toPrimitive()),
    n: parseChain(conn, 'SubnetworkN', uintValue, n.toPrimitive()),
    neurons,
  };
}
