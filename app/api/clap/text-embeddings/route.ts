import { getServerClapModel } from '@/lib/engine/server-model';
import { type TextEmbeddingsResponse, textEmbeddingsRequestSchema } from '@/lib/engine/text-embeddings';
import { readJson } from '@/lib/http/body';
import { errorResponse, PublicError } from '@/lib/http/errors';
import { guardAnonymousMutation } from '@/lib/http/guard';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * CLAP text embeddings computed on the server (onnxruntime-node), so a browser downloads only the
 * audio tower. Not a mutation, but POST (the texts are a body) and same-origin only: it costs CPU.
 */
export async function POST(request: Request) {
  try {
    guardAnonymousMutation(request);
    const { texts } = await readJson(request, textEmbeddingsRequestSchema);
    let model: Awaited<ReturnType<typeof getServerClapModel>>;
    try {
      model = await getServerClapModel();
    } catch (error) {
      throw new PublicError(
        'model_unavailable',
        `The scoring model is not available: ${(error as Error).message}`,
        503,
      );
    }
    const embeddings = await model.embedText(texts);
    const body: TextEmbeddingsResponse = {
      model: { repo: model.info.repo, revision: model.info.revision, isTestModel: model.info.isTestModel },
      embeddings: embeddings.map((embedding) => Array.from(embedding)),
    };
    return Response.json(body, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
