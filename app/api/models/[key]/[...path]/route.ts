import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import { Readable } from 'node:stream';
import { getServedModel } from '@/lib/engine/model-registry';
import { errorBody } from '@/lib/http/errors';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * One model file, streamed from the server's copy (a local folder or the Hub cache). Only paths
 * listed in the manifest are served, so a crafted path can never reach another file.
 */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ key: string; path: string[] }> },
) {
  const { key, path: segments } = await params;
  let served: Awaited<ReturnType<typeof getServedModel>>;
  try {
    served = await getServedModel();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return Response.json(errorBody('model_unavailable', message), { status: 503 });
  }
  const filePath = segments.join('/');
  const entry = served.manifest.files.find((file) => file.path === filePath);
  if (key !== served.manifest.key || !entry) {
    return Response.json(errorBody('not_found', 'No such model file.'), { status: 404 });
  }
  let local: string;
  try {
    local = await served.localFile(entry.path);
    await fs.access(local);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return Response.json(errorBody('model_unavailable', message), { status: 503 });
  }
  // The URL carries the content id (?v=<etag>) from the manifest: such a URL never changes.
  const immutable = new URL(request.url).searchParams.get('v') === entry.etag;
  const body = Readable.toWeb(createReadStream(local)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      'content-type': entry.path.endsWith('.json') ? 'application/json' : 'application/octet-stream',
      'content-length': String(entry.size),
      etag: `"${entry.etag}"`,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    },
  });
}
