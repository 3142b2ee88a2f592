import { z } from 'zod';
import { ownedDataset, readableDataset } from '@/lib/datasets/access';
import { type IdContext, json, parseBody } from '@/lib/datasets/http/responses';
import { viewerOf } from '@/lib/datasets/http/viewer';
import { listImportJobs } from '@/lib/datasets/import-rows';
import { createImportJob } from '@/lib/datasets/imports-store';
import { createImportRequestSchema, DATASET_LIMITS } from '@/lib/datasets/model';
import { getDb } from '@/lib/db';
import { readJson } from '@/lib/http/body';
import { errorResponse, PublicError } from '@/lib/http/errors';
import { guardMutation } from '@/lib/http/guard';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Enough for the most files one import may list, each with a long path and caption. */
const BODY_LIMIT = 16 * 1024 * 1024;

/** Captions may span lines; names and paths may not (they end up in lists, logs and downloads). */
const importRequestSchema = createImportRequestSchema.superRefine((request, ctx) => {
  request.items.forEach((item, index) => {
    for (const key of ['fileName', 'relativePath'] as const) {
      if (/[\n\t]/.test(item[key] ?? ''))
        ctx.addIssue({
          code: 'custom',
          path: ['items', index, key],
          message: `a ${key === 'fileName' ? 'file name' : 'path'} cannot contain line breaks or tabs`,
        });
    }
  });
});

export async function GET(request: Request, context: IdContext) {
  try {
    const { id } = await context.params;
    const db = getDb();
    const dataset = readableDataset(db, id, viewerOf(request));
    return json({ imports: listImportJobs(db, dataset.id) });
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * Starts an import from the browser: the list of files (name, size, SHA-256, optional caption).
 * Duplicates and files that cannot be accepted are settled at once; the rest wait for their bytes
 * (PUT /api/imports/:id/items/:itemId).
 */
export async function POST(request: Request, context: IdContext) {
  try {
    const { session } = guardMutation(request);
    const { id } = await context.params;
    const db = getDb();
    const dataset = ownedDataset(db, id, session.address);
    const raw = await readJson(request, z.unknown(), BODY_LIMIT);
    const listed = z.object({ items: z.array(z.unknown()) }).safeParse(raw);
    if (listed.success && listed.data.items.length > DATASET_LIMITS.maxFilesPerImport) {
      throw new PublicError(
        'too_many_files',
        `This import lists ${listed.data.items.length} files; one import can take at most ${DATASET_LIMITS.maxFilesPerImport}. Split it into several imports.`,
        413,
      );
    }
    const body = parseBody(raw, importRequestSchema);
    const job = createImportJob(db, dataset, body);
    return json(job, 201);
  } catch (error) {
    return errorResponse(error);
  }
}
