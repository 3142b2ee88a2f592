import { textEmbeddingsResponseSchema } from '../engine/text-embeddings';
import { apiRequest } from '../http/api-client';

/** Prompt embeddings from the server's own copy of the model (browsers load only the audio tower). */
export async function fetchTextEmbeddings(texts: string[]) {
  const response = await apiRequest('/api/clap/text-embeddings', textEmbeddingsResponseSchema, {
    method: 'POST',
    body: { texts },
  });
  return { ...response, embeddings: response.embeddings.map((embedding) => Float32Array.from(embedding)) };
}
