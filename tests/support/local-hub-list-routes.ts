/**
 * The listing half of the local Hub stand-in, as @huggingface/hub 2.17 calls it
 * (node_modules/@huggingface/hub/src/lib/{list-models,list-commits}.ts):
 *
 * - `GET /api/models?author=…&search=…&limit=…`   public model repos (a private one only for its
 *                                                 owner's token), the fields listModels expands
 * - `GET /api/{models,datasets}/{repo}/commits/{rev}?limit=…`   the commits reachable from `rev`,
 *                                                 newest first, with title, message, authors, date
 */
import { createHash } from 'node:crypto';
import type { LocalHub, StoredCommit } from './local-hub';
import { kindOf, repoPart } from './local-hub-http';

const sha1 = (data: string) => createHash('sha1').update(data).digest('hex');

export function registerListRoutes(hub: LocalHub): void {
  hub.addRoute({
    method: 'GET',
    pattern: /^\/api\/models$/,
    handle: (context) => {
      const params = context.url.searchParams;
      const author = params.get('author');
      const search = params.get('search')?.toLowerCase();
      const limit = Math.max(1, Math.min(1000, Number(params.get('limit') ?? '100') || 100));
      const found = [...hub.repos.values()]
        .filter((repo) => repo.kind === 'model' && hub.canRead(repo, context.req))
        .filter((repo) => !author || repo.id.split('/')[0] === author)
        .filter((repo) => !search || repo.id.toLowerCase().includes(search))
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .slice(0, limit);
      context.json(
        200,
        found.map((repo) => {
          const head = repo.commits.get(repo.refs.get('main') ?? '');
          return {
            _id: sha1(repo.id).slice(0, 24),
            id: repo.id,
            private: repo.private,
            gated: false,
            downloads: 0,
            likes: 0,
            lastModified: head?.date ?? new Date(0).toISOString(),
          };
        }),
      );
    },
  });

  hub.addRoute({
    method: 'GET',
    pattern: new RegExp(`^/api/(?<type>models|datasets)/${repoPart}/commits/(?<rev>[^/]+)$`),
    handle: (context) => {
      const id = context.params.repo ?? '';
      const found = hub.findCommit(
        kindOf(context.params.type),
        id,
        context.params.rev ?? 'main',
        context.req,
      );
      if (found === 'no-repo') return context.error(401, 'RepoNotFound', `Repository not found: ${id}`);
      if (found === 'no-revision') return context.error(404, 'RevisionNotFound', 'Invalid rev id');
      const repo = hub.repos.get(`${kindOf(context.params.type)}:${id}`);
      const limit = Math.max(1, Number(context.url.searchParams.get('limit') ?? '100') || 100);
      const history: StoredCommit[] = [];
      for (let commit: StoredCommit | undefined = found; commit && history.length < limit; ) {
        history.push(commit);
        commit = commit.parent ? repo?.commits.get(commit.parent) : undefined;
      }
      context.json(
        200,
        history.map((commit) => ({
          id: commit.sha,
          title: commit.message.split('\n')[0] ?? '',
          message: commit.message,
          authors: [{ user: id.split('/')[0] ?? '', avatar: '' }],
          date: commit.date,
        })),
      );
    },
  });
}
