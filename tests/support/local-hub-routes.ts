/**
 * The Hub API routes of the local Hub stand-in (tests/support/local-hub.ts): resolve (with the
 * LFS CDN redirect), repo info by revision, and paginated tree listings. The upload API lives in
 * tests/support/local-hub-upload.ts, registered the same way.
 */
import { createHash } from 'node:crypto';
import type { HubRepoKind, HubRequestContext, LocalHub } from './local-hub';

const sha1 = (data: string) => createHash('sha1').update(data).digest('hex');

export function registerCoreRoutes(hub: LocalHub): void {
  const repoPart = '(?<repo>[A-Za-z0-9._-]+/[A-Za-z0-9._-]+)';
  const lookup = (context: HubRequestContext, kind: HubRepoKind) => {
    const { repo, rev } = context.params;
    const found = hub.findCommit(kind, repo ?? '', rev ?? 'main', context.req);
    if (found === 'no-repo') context.error(401, 'RepoNotFound', `Repository not found: ${repo}`);
    else if (found === 'no-revision') context.error(404, 'RevisionNotFound', `Invalid rev id: ${rev}`);
    else return found;
    return undefined;
  };
  const kindOf = (params: Record<string, string>): HubRepoKind =>
    params.type === 'datasets' ? 'dataset' : 'model';

  // CDN stand-in for LFS objects (the real Hub redirects to cdn-lfs / cas-bridge hosts).
  hub.addRoute({
    method: ['GET', 'HEAD'],
    pattern: /^\/_lfs\/(?<oid>[0-9a-f]{64})$/,
    handle: (context) => {
      const bytes = hub.lfsObjects.get(context.params.oid ?? '');
      if (!bytes) return context.error(404, 'EntryNotFound', 'LFS object not found');
      context.sendBytes(bytes, { ETag: `"${context.params.oid}"` });
    },
  });

  hub.addRoute({
    method: ['GET', 'HEAD'],
    pattern: new RegExp(`^/(?:(?<type>datasets)/)?${repoPart}/resolve/(?<rev>[^/]+)/(?<path>.+)$`),
    handle: (context) => {
      const commit = lookup(context, kindOf(context.params));
      if (!commit) return;
      const file = commit.files.get(context.params.path ?? '');
      if (!file) return context.error(404, 'EntryNotFound', `Entry not found: ${context.params.path}`);
      const common = { 'X-Repo-Commit': commit.sha };
      if (!file.lfs) return context.sendBytes(file.content, { ...common, ETag: `"${file.oid}"` });
      context.res.writeHead(302, {
        ...common,
        Location: `${hub.url}/_lfs/${file.lfs.sha256}`,
        'X-Linked-Size': String(file.content.byteLength),
        'X-Linked-Etag': `"${file.lfs.sha256}"`,
        ETag: `"${file.oid}"`,
      });
      context.res.end();
    },
  });

  hub.addRoute({
    method: 'GET',
    pattern: new RegExp(`^/api/(?<type>models|datasets)/${repoPart}/revision/(?<rev>[^/]+)$`),
    handle: (context) => {
      const commit = lookup(context, kindOf(context.params));
      if (!commit) return;
      const id = context.params.repo ?? '';
      context.json(200, {
        _id: sha1(id).slice(0, 24),
        id,
        author: id.split('/')[0],
        sha: commit.sha,
        lastModified: commit.date,
        createdAt: commit.date,
        private: hub.repos.get(`${kindOf(context.params)}:${id}`)?.private ?? false,
        gated: false,
        disabled: false,
        downloads: 0,
        likes: 0,
        tags: [],
        siblings: [...commit.files.keys()].sort().map((rfilename) => ({ rfilename })),
      });
    },
  });

  hub.addRoute({
    method: 'GET',
    pattern: new RegExp(`^/api/(?<type>models|datasets)/${repoPart}/tree/(?<rev>[^/]+)(?:/(?<path>.+))?$`),
    handle: (context) => {
      const commit = lookup(context, kindOf(context.params));
      if (!commit) return;
      const prefix = context.params.path ? `${context.params.path}/` : '';
      const recursive = context.url.searchParams.get('recursive') === 'true';
      const entries: unknown[] = [];
      const dirs = new Set<string>();
      for (const [filePath, file] of [...commit.files].sort(([a], [b]) => (a < b ? -1 : 1))) {
        if (!filePath.startsWith(prefix)) continue;
        const rest = filePath.slice(prefix.length).split('/');
        for (let depth = 1; depth < rest.length && (recursive || depth === 1); depth++) {
          const dir = prefix + rest.slice(0, depth).join('/');
          if (!dirs.has(dir)) entries.push({ type: 'directory', oid: sha1(dir), size: 0, path: dir });
          dirs.add(dir);
        }
        if (!recursive && rest.length > 1) continue;
        const size = file.content.byteLength;
        entries.push({
          type: 'file',
          oid: file.oid,
          size,
          path: filePath,
          ...(file.lfs ? { lfs: { oid: file.lfs.sha256, size, pointerSize: file.lfs.pointerSize } } : {}),
        });
      }
      if (prefix && entries.length === 0)
        return context.error(404, 'EntryNotFound', `No such path: ${prefix}`);
      const offset = Number(context.url.searchParams.get('cursor') ?? '0');
      const page = entries.slice(offset, offset + hub.pageSize);
      const headers: Record<string, string> = {};
      if (offset + hub.pageSize < entries.length) {
        const next = new URL(context.url.href);
        next.searchParams.set('cursor', String(offset + hub.pageSize));
        headers.Link = `<${hub.url}${next.pathname}${next.search}>; rel="next"`;
      }
      context.json(200, page, headers);
    },
  });
}
