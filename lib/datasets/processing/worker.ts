/**
 * The clip-processor worker thread (bundled to dist/workers/clip-processor.mjs by
 * scripts/build-workers.mjs). Decoding, module rendering, loudness and tempo are CPU-bound for
 * seconds per file; they run here so the Next.js event loop keeps answering requests. One task at a
 * time per worker: the pool never sends a second before the first is answered.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parentPort, threadId } from 'node:worker_threads';
import { AudioDecodeError } from '../../audio/types';
import { processClip } from './process-clip';
import { type ClipTask, type ClipTaskReply, clipTaskSchema } from './worker-protocol';

async function handle(task: ClipTask): Promise<ClipTaskReply> {
  try {
    const bytes = new Uint8Array(fs.readFileSync(task.sourcePath));
    const result = await processClip(bytes, task.fileName);
    let rendered: { file: string; sha256: string } | null = null;
    if (result.audio.rendered) {
      const file = path.join(task.incomingDir, `${randomBytes(8).toString('hex')}.partial`);
      fs.writeFileSync(file, result.audio.bytes);
      rendered = { file, sha256: createHash('sha256').update(result.audio.bytes).digest('hex') };
    }
    return {
      id: task.id,
      ok: true,
      threadId,
      result: {
        info: result.info,
        rendered,
        audioMediaType: result.audio.mediaType,
        sourceMediaType: result.sourceMediaType,
        quality: result.quality,
        peaks: result.peaks,
        bpm: result.bpm,
      },
    };
  } catch (error) {
    const expected = error instanceof AudioDecodeError;
    return {
      id: task.id,
      ok: false,
      threadId,
      error: {
        code: expected ? error.code : 'internal',
        message: error instanceof Error ? error.message : String(error),
        expected,
      },
    };
  }
}

parentPort?.on('message', (message: unknown) => {
  const task = clipTaskSchema.safeParse(message);
  if (!task.success) return;
  void handle(task.data).then((reply) => parentPort?.postMessage(reply));
});
