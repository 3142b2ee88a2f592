/**
 * The commit half of the local Hub's upload API, as @huggingface/hub 2.17's `commit` calls it
 * (node_modules/@huggingface/hub/src/lib/commit.ts, types/api/api-commit.ts):
 *
 * - `POST /api/{type}s/{repo}/preupload/{rev}`              {files:[{path,size,sample}]} → uploadMode
 * - `POST /[datasets/]{repo}.git/info/lfs/objects/batch`    git-lfs batch: basic transfer, upload +
 *                                                           verify actions, none for stored objects
 * - `PUT  /_lfs-upload/{oid}`                               the "S3" upload (size and sha256 checked)
 * - `POST /_lfs-verify/{oid}`                               git-lfs verify
 * - `POST /api/{type}s/{repo}/commit/{rev}`                 NDJSON: header, file (base64), lfsFile,
 *                                                           deletedFile → {commitOid, commitUrl}
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { LocalHub } from './local-hub';
import { isSafePath, readBody, readJson, repoPart, writableRepo } from './local-hub-http';

const preuploadSchema = z.object({
  files: z.array(z.object({ path: z.string(), size: z.number().int().nonnegative(), sample: z.string() })),
});
const lfsBatchSchema = z.object({
  operation: z.enum(['upload', 'download']),
  transfers: z.array(z.string()).optional(),
  objects: z.array(
    z.object({ oid: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().nonnegative() }),
  ),
});
const commitLineSchema = z.discriminatedUnion('key', [
  z.object({
    key: z.literal('header'),
    value: z.object({
      summary: z.string(),
      description: z.string().optional(),
      parentCommit: z.string().optional(),
    }),
  }),
  z.object({
    key: z.literal('file'),
    value: z.object({
      path: z.string(),
      content: z.string(),
      encoding: z.enum(['base64', 'utf-8']).optional(),
    }),
  }),
  z.object({
    key: z.literal('lfsFile'),
    value: z.object({ path: z.string(), algo: z.literal('sha256'), oid: z.string(), size: z.number().int() }),
  }),
  z.object({ key: z.literal('deletedFile'), value: z.object({ path: z.string() }) }),
]);

export function registerCommitRoutes(hub: LocalHub): void {
  /** Uploads announced by an LFS batch call: oid → expected size. */
  const announced = new Map<string, number>();

  hub.addRoute({
    method: 'POST',
    pattern: new RegExp(`^/api/(?<type>models|datasets)/${repoPart}/preupload/(?<rev>[^/]+)$`),
    handle: async (context) => {
      if (!writableRepo(hub, context)) return;
      const body = await readJson(context, preuploadSchema);
      if (!body) return;
      context.json(200, {
        files: body.files.map((file) => ({
          path: file.path,
          uploadMode: hub.isLfsPath(file.path, file.size) ? 'lfs' : 'regular',
          shouldIgnore: false,
        })),
      });
    },
  });

  hub.addRoute({
    method: 'POST',
    pattern: new RegExp(`^/(?:(?<type>datasets)/)?${repoPart}\\.git/info/lfs/objects/batch$`),
    handle: async (context) => {
      if (!writableRepo(hub, context)) return;
      const body = await readJson(context, lfsBatchSchema);
      if (!body) return;
      const objects = body.objects.map((object) => {
        if (hub.lfsObjects.has(object.oid)) return { oid: object.oid, size: object.size };
        announced.set(object.oid, object.size);
        return {
          oid: object.oid,
          size: object.size,
          authenticated: true,
          actions: {
            upload: { href: `${hub.url}/_lfs-upload/${object.oid}`, header: {}, expires_in: 3600 },
            verify: { href: `${hub.url}/_lfs-verify/${object.oid}`, header: {}, expires_in: 3600 },
          },
        };
      });
      context.res.writeHead(200, { 'Content-Type': 'application/vnd.git-lfs+json' });
      context.res.end(JSON.stringify({ transfer: 'basic', objects }));
    },
  });

  hub.addRoute({
    method: 'PUT',
    pattern: /^\/_lfs-upload\/(?<oid>[0-9a-f]{64})$/,
    handle: async (context) => {
      const oid = context.params.oid ?? '';
      const size = announced.get(oid);
      if (size === undefined) return context.error(403, 'Forbidden', 'This upload URL was not issued.');
      const bytes = new Uint8Array(await readBody(context.req));
      if (bytes.byteLength !== size) {
        return context.error(400, 'BadRequest', `Expected ${size} bytes, received ${bytes.byteLength}.`);
      }
      if (createHash('sha256').update(bytes).digest('hex') !== oid) {
        return context.error(400, 'BadRequest', 'The uploaded bytes do not match their sha256.');
      }
      // The URL stays valid until it "expires": the same object may be uploaded twice (two paths, one content).
      hub.lfsObjects.set(oid, bytes);
      context.res.writeHead(200, { ETag: `"${oid}"` });
      context.res.end();
    },
  });

  hub.addRoute({
    method: 'POST',
    pattern: /^\/_lfs-verify\/(?<oid>[0-9a-f]{64})$/,
    handle: (context) => {
      if (!hub.lfsObjects.has(context.params.oid ?? ''))
        return context.error(404, 'NotFound', 'Object not uploaded');
      context.json(200, { message: 'ok' });
    },
  });

  hub.addRoute({
    method: 'POST',
    pattern: new RegExp(`^/api/(?<type>models|datasets)/${repoPart}/commit/(?<rev>[^/]+)$`),
    handle: async (context) => {
      const repo = writableRepo(hub, context);
      if (!repo) return;
      const branch = context.params.rev ?? 'main';
      const head = repo.refs.get(branch);
      if (!head) return context.error(404, 'RevisionNotFound', `Invalid rev id: ${branch}`);
      const lines = (await readBody(context.req))
        .toString('utf8')
        .split('\n')
        .filter((line) => line.trim());
      const files = new Map<string, Uint8Array>();
      const deletions: string[] = [];
      let summary: string | undefined;
      for (const line of lines) {
        let parsed: z.ZodSafeParseResult<z.infer<typeof commitLineSchema>>;
        try {
          parsed = commitLineSchema.safeParse(JSON.parse(line));
        } catch {
          return context.error(400, 'BadRequest', 'The commit body is not NDJSON.');
        }
        if (!parsed.success) return context.error(400, 'BadRequest', 'Malformed commit operation.');
        const { key, value } = parsed.data;
        if (key !== 'header' && !isSafePath(value.path)) {
          return context.error(400, 'BadRequest', `Invalid path: ${value.path}`);
        }
        if (key === 'header') {
          summary = value.summary;
          if (value.parentCommit && value.parentCommit !== head) {
            return context.error(
              412,
              'PreconditionFailed',
              'A commit has happened since. Please refresh and try again.',
            );
          }
        } else if (key === 'file') {
          files.set(
            value.path,
            new Uint8Array(Buffer.from(value.content, value.encoding === 'base64' ? 'base64' : 'utf8')),
          );
        } else if (key === 'lfsFile') {
          const bytes = hub.lfsObjects.get(value.oid);
          if (!bytes || bytes.byteLength !== value.size) {
            return context.error(
              422,
              'LfsObjectMissing',
              `Your push was rejected because an LFS pointer pointed to a file that does not exist (${value.path})`,
            );
          }
          files.set(value.path, bytes);
        } else {
          deletions.push(value.path);
        }
      }
      if (summary === undefined) return context.error(400, 'BadRequest', 'The commit has no header line.');
      const sha = hub.commit(repo.id, files, { kind: repo.kind, branch, message: summary, deletions });
      const prefix = repo.kind === 'dataset' ? 'datasets/' : '';
      context.json(200, {
        success: true,
        commitOid: sha,
        commitUrl: `${hub.url}/${prefix}${repo.id}/commit/${sha}`,
        hookOutput: '',
      });
    },
  });
}
