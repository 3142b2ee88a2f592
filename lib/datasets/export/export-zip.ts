/**
 * Server only: the export zip of a dataset in either layout, streamed. Everything that can fail
 * cheaply (missing blobs, an archive too big for a zip) is checked before the first byte, so the
 * route can still answer with a JSON error; after that the stream carries one file at a time.
 */
import 'server-only';
import fs from 'node:fs';
import { strToU8 } from 'fflate';
import { assertStoredAudio, type ExportStorage, fileChunks, resolveAudio } from './export-audio';
import type { ExportClip } from './exportable';
import {
  clipTextFiles,
  type DatasetInfo,
  type ExportedAudio,
  type ExportLayout,
  finalTextFiles,
  type PlannedAudio,
  planAudio,
} from './layout';
import { ZIP_MAX_BYTES, type ZipEntry, zipStream } from './zip-stream';

export class ExportTooLargeError extends Error {
  override name = 'ExportTooLargeError';
}

/** An upper-bound guess of the archive size (rendered files are estimated from their duration). */
export function estimateZipBytes(planned: readonly PlannedAudio[], storage: ExportStorage): number {
  let total = 64 * 1024;
  for (const item of planned) {
    const stored = fs.statSync(storage.blobPath(item.clip.audioSha256)).size;
    const trim = item.render?.trim;
    const seconds = trim
      ? Math.min(trim.end, item.clip.durationSeconds) - trim.start
      : item.clip.durationSeconds;
    const decoded = Math.ceil(Math.max(0, seconds) * item.clip.sampleRate) * item.clip.channels * 2 + 64;
    // WAV input is cut byte for byte (never larger); decoded audio becomes 16-bit PCM.
    const estimate = item.render
      ? item.clip.format === 'wav' || item.clip.isRenderedModule
        ? stored
        : decoded
      : stored;
    total += estimate + 2 * 1024 + item.path.length * 2;
  }
  return total;
}

export interface ZipExportRequest {
  dataset: DatasetInfo;
  clips: readonly ExportClip[];
  layout: ExportLayout;
  storage: ExportStorage;
}

/** Plans, checks and returns the archive stream (throws before streaming when it cannot work). */
export function exportZip(request: ZipExportRequest): ReadableStream<Uint8Array> {
  const { dataset, layout, storage } = request;
  const planned = planAudio(request.clips, layout);
  assertStoredAudio(planned, storage);
  const estimate = estimateZipBytes(planned, storage);
  if (estimate > ZIP_MAX_BYTES) {
    throw new ExportTooLargeError(
      `This export would be about ${(estimate / 2 ** 30).toFixed(1)} GiB, more than a zip download can hold (4 GiB). Push it to the Hugging Face Hub instead, or skip some clips.`,
    );
  }
  async function* entries(): AsyncGenerator<ZipEntry> {
    const exported: ExportedAudio[] = [];
    for (const item of planned) {
      const audio = await resolveAudio(item, storage);
      exported.push(audio);
      yield { path: audio.path, body: fileChunks(audio.file), compress: false };
      for (const text of clipTextFiles(layout, audio)) {
        yield { path: text.path, body: strToU8(text.text), compress: true };
      }
    }
    for (const text of finalTextFiles(layout, dataset, exported)) {
      yield { path: text.path, body: strToU8(text.text), compress: true };
    }
  }
  return zipStream(entries());
}
