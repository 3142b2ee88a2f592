/**
 * Validation of the names that come from outside (model references typed by people, Hub tree
 * listings) before they are used in a URL or a cache path. Pure and dependency-free, so the browser
 * worker, the server and the CLI share exactly the same rules.
 *
 * The patterns are deliberately stricter than the Hub's: anything that passes can be joined into a
 * file-system path or a URL path without escaping, and can never climb out with `..`.
 */

/** One owner or repo name: the Hub's own rule (letters, digits, `-`, `_`, `.`; no `--`/`..`). */
const REPO_SEGMENT = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?$/;
/** Branch or tag names we accept; no slashes, so a revision is always one path segment. */
const REVISION_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,98}[A-Za-z0-9])?$/;
const COMMIT_SHA = /^[0-9a-f]{40}$/;
/** One segment of a file path inside a repo: printable ASCII name characters only. */
const PATH_SEGMENT = /^[A-Za-z0-9._-]{1,128}$/;

export type HubRepoType = 'model' | 'dataset';

export class HubNameError extends Error {
  override name = 'HubNameError';
}

/** True for `owner/name` repo ids such as `Xenova/clap-htsat-unfused`. */
export function isValidRepoId(value: string): boolean {
  const parts = value.split('/');
  if (parts.length !== 2) return false;
  return parts.every((part) => REPO_SEGMENT.test(part) && !part.includes('--') && !part.includes('..'));
}

export function isCommitSha(value: string): boolean {
  return COMMIT_SHA.test(value);
}

/** A full 40-hex commit SHA, or a plain branch/tag name such as `main` or `v1.0`. */
export function isValidRevision(value: string): boolean {
  return isCommitSha(value) || (REVISION_NAME.test(value) && !value.includes('..'));
}

/** A relative file path inside a repo (`onnx/audio_model.onnx`): no `.`/`..` segments, no empties. */
export function isValidRepoPath(value: string): boolean {
  if (value.length === 0 || value.length > 512) return false;
  return value
    .split('/')
    .every((segment) => PATH_SEGMENT.test(segment) && segment !== '.' && segment !== '..');
}

export function assertRepoId(value: string): string {
  if (!isValidRepoId(value)) {
    throw new HubNameError(
      `${JSON.stringify(value.slice(0, 200))} is not a Hugging Face repo id: use owner/name with letters, digits, "-", "_" or ".".`,
    );
  }
  return value;
}

export function assertRevision(value: string): string {
  if (!isValidRevision(value)) {
    throw new HubNameError(
      `${JSON.stringify(value.slice(0, 200))} is not a usable revision: give a 40-character commit SHA or a branch/tag name without slashes.`,
    );
  }
  return value;
}

export function assertRepoPath(value: string): string {
  if (!isValidRepoPath(value)) {
    throw new HubNameError(`${JSON.stringify(value.slice(0, 200))} is not a safe file path inside a repo.`);
  }
  return value;
}

/** URL of a file at a revision (`…/resolve/<rev>/<path>`), as the Hub and its CDN serve it. */
export function hubFileUrl(
  hubUrl: string,
  repo: string,
  revision: string,
  filePath: string,
  type: HubRepoType = 'model',
): string {
  assertRepoId(repo);
  assertRevision(revision);
  assertRepoPath(filePath);
  const prefix = type === 'dataset' ? 'datasets/' : '';
  return `${hubUrl.replace(/\/+$/, '')}/${prefix}${repo}/resolve/${encodeURIComponent(revision)}/${filePath}`;
}
