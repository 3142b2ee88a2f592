import { vocabularyEmbeddingsSchema } from '@/lib/datasets/model';
import { getServerClapModel } from '@/lib/engine/server-model';
import { vocabularyEmbeddings } from '@/lib/engine/vocabulary-embeddings';
import { errorResponse, PublicError } from '@/lib/http/errors';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * The validator vocabulary's text embeddings (VocabularyEmbeddings), for zero-shot mood and
 * instrument tags in the browser. A read with no side effects: computed once per model and process.
 */
export async function GET() {
  try {
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
    const body = vocabularyEmbeddingsSchema.parse(await vocabularyEmbeddings(model));
    return Response.json(body, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
