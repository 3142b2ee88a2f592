/** The whole JSON-RPC method table of the simulated node, plus `rpc_methods` listing it. */
import { z } from 'zod';
import type { NodeCore } from './node';
import { authorMethods } from './rpc-author';
import { chainMethods } from './rpc-chain';
import { devMethods } from './rpc-dev';
import { stateMethods } from './rpc-state';
import { method, type RpcTable } from './rpc-types';

export function rpcTable(node: NodeCore): RpcTable {
  const table: RpcTable = {
    ...chainMethods(node),
    ...stateMethods(node),
    ...authorMethods(node),
    ...devMethods(node),
  };
  // @polkadot/api drops every decorated RPC this list does not name, so it must be complete.
  const methods = [...Object.keys(table), 'rpc_methods'].sort();
  table.rpc_methods = method(z.tuple([]), () => ({ methods }));
  return table;
}
