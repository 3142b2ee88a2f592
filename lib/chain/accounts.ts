/** An account's registration on a netuid (its uid, if any) and its free balance, at one block. */
import { z } from 'zod';
import type { ChainConnection } from './connection';
import { apiAt, type BlockRef, bigValue, parseChain, storageEntry, uintValue } from './query';

export interface Registration {
  netuid: number;
  address: string;
  block: BlockRef;
  /** The uid this hotkey holds on the netuid, or null when it is not registered there. */
  uid: number | null;
  blockAtRegistration: number | null;
}

export interface Balance {
  address: string;
  block: BlockRef;
  /** Free balance in rao (1 TAO = 10^9 rao). */
  free: bigint;
  nonce: number;
}

const accountInfo = z.object({ nonce: uintValue, data: z.object({ free: bigValue }) });

export async function readRegistration(
  conn: ChainConnection,
  netuid: number,
  address: string,
  block: BlockRef,
): Promise<Registration> {
  const api = await apiAt(conn, block);
  const uids = storageEntry(conn, api, 'subtensorModule', 'uids');
  const raw = await conn.call('reading a registration', () => uids(netuid, address));
  const uid = parseChain(conn, 'Uids', uintValue.nullable(), raw.toPrimitive());
  let blockAtRegistration: number | null = null;
  if (uid !== null) {
    const at = storageEntry(conn, api, 'subtensorModule', 'blockAtRegistration');
    const value = await conn.call('reading a registration', () => at(netuid, uid));
    blockAtRegistration = Number(parseChain(conn, 'BlockAtRegistration', bigValue, value.toPrimitive()));
  }
  return { netuid, address, block, uid, blockAtRegistration };
}

export async function readBalance(conn: ChainConnection, address: string, block: BlockRef): Promise<Balance> {
  const api = await apiAt(conn, block);
  const account = storageEntry(conn, api, 'system', 'account');
  const value = await conn.call('reading a balance', () => account(address));
  const info = parseChain(conn, 'System.Account', accountInfo, value.toPrimitive());
  return { address, block, free: info.data.free, nonce: info.nonce };
}
