'use client';

import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { shortAddress } from '@/lib/auth/address';
import type { ChainClient } from '@/lib/chain/client';
import type { BlockRef } from '@/lib/chain/query';
import { subnetCommitmentsOptions } from '@/lib/queries/commit';

/**
 * Read-only: every commitment on the subnet as validators would read it, registered hotkeys by uid.
 * A malformed entry shows its typed problem instead of breaking the list. Reusable wherever a
 * ChainClient and a block are at hand (the validator dashboard).
 */
export function SubnetCommitments({
  client,
  endpoint,
  netuid,
  at,
  highlight,
}: {
  client: ChainClient | null;
  endpoint: string;
  netuid: number;
  at: BlockRef | null;
  highlight?: string | null;
}) {
  const heading = useId();
  const query = useQuery(subnetCommitmentsOptions(client, endpoint, netuid, at));
  const data = query.data;
  return (
    <section className="card commit-section" aria-labelledby={heading}>
      <h2 id={heading}>Commitments on netuid {netuid}</h2>
      {!client && <p className="hint">Connect to a chain node to list the subnet’s commitments.</p>}
      {query.error && (
        <p className="alert" role="alert">
          Could not read the commitments: {query.error.message}
        </p>
      )}
      {client && !data && !query.error && <p aria-live="polite">Reading the subnet’s commitments…</p>}
      {data && data.rows.length === 0 && (
        <p className="hint">No registered hotkey has committed on netuid {netuid}.</p>
      )}
      {data && data.rows.length > 0 && (
        <div className="table-scroll">
          <table className="data-table commitments-table">
            <caption className="hint">
              {data.rows.length} commitment{data.rows.length === 1 ? '' : 's'} at block #{data.block.number}
              {data.staleCount > 0 &&
                ` · ${data.staleCount} more from hotkeys no longer registered (not shown; validators ignore them)`}
            </caption>
            <thead>
              <tr>
                <th scope="col">UID</th>
                <th scope="col">Hotkey</th>
                <th scope="col">Model</th>
                <th scope="col">Block</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((row) => (
                <tr key={row.hotkey} className={row.hotkey === highlight ? 'row-highlight' : undefined}>
                  <td>{row.uid}</td>
                  <td>
                    <code title={row.hotkey}>{shortAddress(row.hotkey)}</code>
                    {row.hotkey === highlight && <span className="badge">you</span>}
                  </td>
                  <td>
                    {row.model ? (
                      <>
                        <span className="commit-model">{row.model.repo}</span>{' '}
                        <code title={row.model.commit}>@{row.model.commit.slice(0, 10)}</code>
                      </>
                    ) : (
                      <>
                        <span className="badge badge-danger">{row.problem?.code}</span>{' '}
                        <span className="hint">{row.problem?.message}</span>
                      </>
                    )}
                    {row.notes.map((note) => (
                      <span key={note.code} className="hint commitment-note">
                        {note.message}
                      </span>
                    ))}
                  </td>
                  <td>{row.block === null ? '—' : `#${row.block}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
