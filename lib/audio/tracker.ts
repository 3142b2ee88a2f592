/**
 * Tracker modules (.mod .xm .s3m .it) rendered to 48 kHz stereo float by libopenmpt, from chiptune3's
 * Emscripten build (wasm inlined, so it loads offline in Node, workers and browsers alike). Rendering
 * plays the song once (repeat count 0) with libopenmpt's default mixer settings — the same defaults
 * as Debian's openmpt123, which the tests compare against — and stops at `maxSeconds`.
 */
import type { LibOpenMpt } from 'chiptune3/libopenmpt.worklet.js';
import { AudioDecodeError, CLAP_SAMPLE_RATE, type DecodedAudio } from './types';

export const TRACKER_SAMPLE_RATE = CLAP_SAMPLE_RATE;
const RENDER_CHUNK = 8192;

/** What libopenmpt wrote to stderr while loading the current module (used in error messages). */
let log: string[] = [];
let library: Promise<LibOpenMpt> | undefined;

/** Loads libopenmpt once per process/worker; a failed load is retried on the next call. */
export function loadLibOpenMpt(): Promise<LibOpenMpt> {
  library ??= import('chiptune3/libopenmpt.worklet.js')
    .then(({ default: factory }) =>
      factory({
        print: () => {},
        printErr: (text) => {
          if (log.length < 20) log.push(text);
        },
      }),
    )
    .catch((error: unknown) => {
      library = undefined;
      throw error;
    });
  return library;
}

function withCString<T>(lib: LibOpenMpt, text: string, use: (pointer: number) => T): T {
  const bytes = new TextEncoder().encode(text);
  const pointer = lib._malloc(bytes.length + 1);
  try {
    lib.HEAPU8.set(bytes, pointer);
    lib.HEAPU8[pointer + bytes.length] = 0;
    return use(pointer);
  } finally {
    lib._free(pointer);
  }
}

function takeString(lib: LibOpenMpt, pointer: number): string {
  if (!pointer) return '';
  try {
    return lib.UTF8ToString(pointer);
  } finally {
    lib._openmpt_free_string(pointer);
  }
}

function metadata(lib: LibOpenMpt, module: number, key: string): string {
  return withCString(lib, key, (keyPointer) =>
    takeString(lib, lib._openmpt_module_get_metadata(module, keyPointer)),
  );
}

function createModule(lib: LibOpenMpt, bytes: Uint8Array, label: string): number {
  const data = lib._malloc(Math.max(1, bytes.length));
  const out = lib._malloc(8); // int error; const char * error_message
  try {
    lib.HEAPU8.set(bytes, data);
    lib.HEAP32[out >> 2] = 0;
    lib.HEAPU32[(out >> 2) + 1] = 0;
    log = [];
    const module = lib._openmpt_module_create_from_memory2(data, bytes.length, 0, 0, 0, 0, out, out + 4, 0);
    const message = takeString(lib, lib.HEAPU32[(out >> 2) + 1] ?? 0);
    if (!module) {
      const detail = message || log.join(' ').trim() || 'no reason given';
      throw new AudioDecodeError('corrupt', `libopenmpt could not load this ${label} module: ${detail}.`);
    }
    return module;
  } finally {
    lib._free(out);
    lib._free(data);
  }
}

/** Renders a module once through, at most `maxSeconds` (longer songs are cut, with meta.truncated). */
export async function renderTracker(
  bytes: Uint8Array,
  format: DecodedAudio['format'],
  maxSeconds: number,
): Promise<DecodedAudio> {
  const lib = await loadLibOpenMpt();
  const label = format.toUpperCase();
  try {
    const module = createModule(lib, bytes, label);
    const left = lib._malloc(RENDER_CHUNK * 4);
    const right = lib._malloc(RENDER_CHUNK * 4);
    try {
      lib._openmpt_module_set_repeat_count(module, 0);
      const duration = lib._openmpt_module_get_duration_seconds(module);
      const maxFrames = Math.floor(maxSeconds * TRACKER_SAMPLE_RATE);
      let capacity = Math.min(maxFrames, Math.ceil(duration * TRACKER_SAMPLE_RATE) + RENDER_CHUNK);
      let outLeft = new Float32Array(capacity);
      let outRight = new Float32Array(capacity);
      let frames = 0;
      while (frames < maxFrames) {
        const want = Math.min(RENDER_CHUNK, maxFrames - frames);
        const got = lib._openmpt_module_read_float_stereo(module, TRACKER_SAMPLE_RATE, want, left, right);
        if (got <= 0) break;
        if (frames + got > capacity) {
          // libopenmpt's duration estimate was short: grow (never past the limit).
          capacity = Math.min(maxFrames, Math.max(capacity * 2, frames + got));
          const grownLeft = new Float32Array(capacity);
          const grownRight = new Float32Array(capacity);
          grownLeft.set(outLeft.subarray(0, frames));
          grownRight.set(outRight.subarray(0, frames));
          outLeft = grownLeft;
          outRight = grownRight;
        }
        // Re-read HEAPF32 every time: the heap may have grown (and been replaced) during the call.
        outLeft.set(lib.HEAPF32.subarray(left >> 2, (left >> 2) + got), frames);
        outRight.set(lib.HEAPF32.subarray(right >> 2, (right >> 2) + got), frames);
        frames += got;
      }
      if (frames === 0)
        throw new AudioDecodeError('corrupt', `libopenmpt rendered no audio from this ${label} module.`);
      return {
        format,
        sampleRate: TRACKER_SAMPLE_RATE,
        channels: [outLeft.slice(0, frames), outRight.slice(0, frames)],
        length: frames,
        meta: {
          title: metadata(lib, module, 'title'),
          type: metadata(lib, module, 'type'),
          typeLong: metadata(lib, module, 'type_long'),
          tracker: metadata(lib, module, 'tracker'),
          channels: lib._openmpt_module_get_num_channels(module),
          durationSeconds: duration,
          renderedSeconds: frames / TRACKER_SAMPLE_RATE,
          truncated: duration > maxSeconds ? 1 : 0,
          libopenmpt: withCString(lib, 'library_version', (key) =>
            takeString(lib, lib._openmpt_get_string(key)),
          ),
        },
      };
    } finally {
      lib._free(right);
      lib._free(left);
      lib._openmpt_module_destroy(module);
    }
  } catch (error) {
    if (error instanceof AudioDecodeError) throw error;
    // A trap inside libopenmpt may leave its heap inconsistent: start from a fresh instance next time.
    library = undefined;
    const reason = error instanceof Error ? error.message : String(error);
    throw new AudioDecodeError('corrupt', `libopenmpt failed on this ${label} module: ${reason}`);
  }
}
