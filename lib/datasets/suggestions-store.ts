/**
 * A clip's machine suggestions (zero-shot CLAP tags and a draft caption made in the browser). Kept
 * apart from what the miner accepted: writing suggestions never touches caption, tags or status.
 * The tempo is the server's own estimate from import and is never overwritten by a client.
 */
import 'server-only';
import { z } from 'zod';
import type { Db } from '../db';
import { notFound } from './access';
import { findClipRow, getClip } from './clips-store';
import { touchDataset } from './datasets-store';
import { type Clip, DATASET_LIMITS, suggestionsSchema } from './model';

const scored = z
  .array(z.object({ label: z.string().trim().min(1).max(40), score: z.number().min(-1).max(1) }))
  .max(12);

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/** PUT /api/clips/:id/suggestions body: ClipSuggestions, with `bpm` accepted but ignored. */
export const clipSuggestionsRequestSchema = z.object({
  moods: scored,
  instruments: scored,
  bpm: z.number().nullable().optional(),
  caption: z
    .string()
    .max(DATASET_LIMITS.captionMaxChars)
    .refine((text) => !CONTROL.test(text), 'contains control characters')
    .nullable(),
  model: z.string().max(200).nullable(),
});

export function setClipSuggestions(
  db: Db,
  id: string,
  request: z.infer<typeof clipSuggestionsRequestSchema>,
  now = Date.now(),
): Clip {
  const row = findClipRow(db, id);
  if (!row) throw notFound('clip');
  const stored = suggestionsSchema.parse(JSON.parse(row.suggestions_json));
  const next = suggestionsSchema.parse({
    moods: request.moods,
    instruments: request.instruments,
    bpm: stored.bpm,
    caption: request.caption,
    model: request.model,
  });
  db.transaction(() => {
    db.prepare('UPDATE clips SET suggestions_json = ?, updated_at = ? WHERE id = ?').run(
      JSON.stringify(next),
      now,
      id,
    );
    touchDataset(db, row.dataset_id, now);
  })();
  return getClip(db, id);
}
