/**
 * The account and repo half of the local Hub's upload API, as @huggingface/hub 2.17 calls it
 * (node_modules/@huggingface/hub/src/lib/{who-am-i,repo-exists,create-repo}.ts):
 *
 * - `GET  /api/whoami-v2`                  who the Bearer token belongs to (401 without a known one)
 * - `GET  /api/{models,datasets}/{repo}`   repo exists (repoExists; private repos only for their owner)
 * - `POST /api/repos/create`               {name, organization, type, visibility|private}: 409 when it
 *                                          exists, 403 in another namespace
 *
 * The commit half (preupload, LFS batch/upload/verify, NDJSON commit) is local-hub-commit.ts.
 * Every response carries CORS headers (local-hub-http.ts).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { LocalHub } from './local-hub';
import { registerCommitRoutes } from './local-hub-commit';
import { kindOf, readJson, repoPart, writer } from './local-hub-http';

export { applyCors } from './local-hub-http';

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?$/;

const createRepoSchema = z.object({
  name: z.string(),
  organization: z.string().optional(),
  type: z.enum(['model', 'dataset', 'space']).default('model'),
  visibility: z.enum(['public', 'private', 'protected']).optional(),
  private: z.boolean().optional(),
});
export function registerUploadRoutes(hub: LocalHub): void {
  hub.addRoute({
    method: 'GET',
    pattern: /^\/api\/whoami-v2$/,
    handle: (context) => {
      const user = hub.userOf(context.req);
      if (user === 'missing' || user === 'invalid') {
        return context.error(401, 'Unauthorized', 'Invalid credentials in Authorization header');
      }
      context.json(200, {
        type: 'user',
        id: createHash('sha1').update(user).digest('hex').slice(0, 24),
        name: user,
        fullname: user,
        email: `${user}@example.invalid`,
        emailVerified: true,
        isPro: false,
        canPay: false,
        avatarUrl: '',
        periodEnd: null,
        billingMode: 'prepaid',
        orgs: [],
        auth: {
          type: 'access_token',
          accessToken: { displayName: 'test', role: 'write', createdAt: new Date(0).toISOString() },
        },
      });
    },
  });

  hub.addRoute({
    method: 'GET',
    pattern: new RegExp(`^/api/(?<type>models|datasets)/${repoPart}$`),
    handle: (context) => {
      const found = hub.findCommit(
        kindOf(context.params.type),
        context.params.repo ?? '',
        'main',
        context.req,
      );
      if (found === 'no-repo')
        return context.error(401, 'RepoNotFound', `Repository not found: ${context.params.repo}`);
      const sha = found === 'no-revision' ? null : found.sha;
      context.json(200, { _id: sha, id: context.params.repo, sha, likes: 0, private: false });
    },
  });

  hub.addRoute({
    method: 'POST',
    pattern: /^\/api\/repos\/create$/,
    handle: async (context) => {
      const body = await readJson(context, createRepoSchema);
      if (!body) return;
      const namespace = body.organization ?? hub.userOf(context.req);
      if (!writer(hub, context, namespace)) return;
      if (!NAME.test(body.name) || body.name.includes('--') || body.name.includes('..')) {
        return context.error(400, 'BadRequest', `Invalid repo name: ${body.name}`);
      }
      if (body.type === 'space') return context.error(400, 'BadRequest', 'Spaces are not supported here');
      const id = `${namespace}/${body.name}`;
      const url = `${hub.url}/${body.type === 'dataset' ? 'datasets/' : ''}${id}`;
      if (hub.repos.has(`${body.type}:${id}`)) {
        return context.json(409, { error: `You already created this ${body.type} repo`, url });
      }
      const isPrivate = body.visibility ? body.visibility !== 'public' : (body.private ?? false);
      hub.commit(
        id,
        { '.gitattributes': '*.wav filter=lfs diff=lfs merge=lfs -text\n' },
        {
          kind: body.type,
          private: isPrivate,
          message: 'initial commit',
        },
      );
      context.json(200, { url, name: id, id });
    },
  });
  registerCommitRoutes(hub);
}
