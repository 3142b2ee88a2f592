import { getServedModel } from '@/lib/engine/model-registry';
import { errorBody } from '@/lib/http/errors';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** The CLAP model browsers should load: repo, revision, test-model flag and the files to fetch. */
export async function GET() {
  try {
    const served = await getServedModel();
    return Response.json(served.manifest, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return Response.json(
      errorBody('model_unavailable', `The scoring model is not available on this server: ${message}`),
      { status: 503, headers: { 'cache-control': 'no-store' } },
    );
  }
}
