'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import { shortAddress } from '@/lib/auth/address';
import type { HubRepoHashProgress, HubRepoSecureHash } from '@/lib/chain/hub-repo-hash';

const size = (bytes: number) =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 ** 2
      ? `${(bytes / 1024).toFixed(1)} KB`
      : bytes < 1024 ** 3
        ? `${(bytes / 1024 ** 2).toFixed(1)} MB`
        : `${(bytes / 1024 ** 3).toFixed(2)} GiB`;

/**
 * One live region says which phase the hashing is in (announced once per phase); the per-file
 * counts beside the bar are not live, or a screen reader would read every file.
 */
function Progress({ progress }: { progress: HubRepoHashProgress | null }) {
  const listing = !progress || progress.phase === 'listing';
  return (
    <div className="hash-progress">
      <p aria-live="polite">{listing ? 'Listing the repo’s files…' : 'Hashing the repo’s files…'}</p>
      {listing && progress && <p className="hint">{progress.filesTotal} files so far</p>}
      {!listing && (
        <>
          <progress
            value={progress.filesDone}
            max={Math.max(1, progress.filesTotal)}
            aria-label="Hashing progress"
          />
          <p className="hint">
            Hashed {progress.filesDone} of {progress.filesTotal} files · downloaded{' '}
            {size(progress.bytesDownloaded)} of {size(progress.bytesToDownload)} (weights stored in LFS are
            not downloaded: the Hub’s listing carries their SHA-256)
          </p>
        </>
      )}
    </div>
  );
}

/**
 * The checks a Genki-Dama validator makes before loading a model (layout, total size) and the
 * secure hash that binds this revision's files to the hotkey, computed in this browser.
 */
export function ModelCheck({
  hash,
  progress,
  hotkey,
}: {
  hash: UseQueryResult<HubRepoSecureHash>;
  progress: HubRepoHashProgress | null;
  hotkey: string | null;
}) {
  if (!hotkey) {
    return <p className="notice">Pick your hotkey in step 1: the secure hash binds these files to it.</p>;
  }
  if (hash.isPending) return <Progress progress={progress} />;
  if (hash.error) {
    return (
      <p className="alert" role="alert">
        Could not check this revision: {hash.error.message}
      </p>
    );
  }
  const result = hash.data;
  const { layout } = result;
  return (
    <div className="model-check stack-sm">
      {layout.ok ? (
        <p className="text-ok" data-testid="layout-ok">
          ✓ Layout validators load: <code>state_dict.bin</code> and <code>compression_state_dict.bin</code> at
          the root; {size(layout.totalBytes)} in total (limit {size(layout.maxBytes)}).
        </p>
      ) : (
        <div className="alert" role="alert">
          <p>Genki-Dama validators would reject this revision:</p>
          <ul>
            {layout.problems.map((problem) => (
              <li key={problem.code + problem.message}>{problem.message}</li>
            ))}
          </ul>
        </div>
      )}
      <details>
        <summary className="files-summary">
          {result.files.length} files hashed in validator order ({size(result.downloadedBytes)} downloaded)
        </summary>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Size</th>
              <th scope="col">SHA-256 from</th>
            </tr>
          </thead>
          <tbody>
            {result.files.map((file) => (
              <tr key={file.path}>
                <td>
                  <code>{file.path}</code>
                </td>
                <td className="import-size">{size(file.size)}</td>
                <td>{file.lfs ? 'the Hub listing (LFS)' : 'the downloaded bytes'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <dl className="facts">
        <dt>Directory hash</dt>
        <dd>
          <code data-testid="dir-hash">{result.dirHash}</code>
        </dd>
        <dt>Secure hash for {shortAddress(result.hotkey)}</dt>
        <dd>
          <output aria-label="Secure hash">
            <code data-testid="secure-hash">{result.secureHash}</code>
          </output>
        </dd>
      </dl>
    </div>
  );
}
