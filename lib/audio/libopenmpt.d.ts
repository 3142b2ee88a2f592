/**
 * Types for chiptune3's Emscripten build of libopenmpt (an ES module with the wasm inlined; the
 * package ships no declarations). Only the parts of the C API that lib/audio/tracker.ts uses.
 * Pointers are byte offsets into the wasm heap; `size_t` is 32-bit (wasm32).
 */
declare module 'chiptune3/libopenmpt.worklet.js' {
  export interface LibOpenMpt {
    HEAPU8: Uint8Array;
    HEAPF32: Float32Array;
    HEAP32: Int32Array;
    HEAPU32: Uint32Array;
    UTF8ToString(pointer: number): string;
    _malloc(size: number): number;
    _free(pointer: number): void;
    _openmpt_get_string(key: number): number;
    _openmpt_free_string(text: number): void;
    _openmpt_module_create_from_memory2(
      data: number,
      size: number,
      logFunc: number,
      logUser: number,
      errorFunc: number,
      errorUser: number,
      errorOut: number,
      errorMessageOut: number,
      initialCtls: number,
    ): number;
    _openmpt_module_destroy(module: number): void;
    _openmpt_module_set_repeat_count(module: number, count: number): number;
    _openmpt_module_get_duration_seconds(module: number): number;
    _openmpt_module_get_num_channels(module: number): number;
    _openmpt_module_get_metadata(module: number, key: number): number;
    _openmpt_module_read_float_stereo(
      module: number,
      sampleRate: number,
      count: number,
      left: number,
      right: number,
    ): number;
  }

  /** Emscripten module factory; `print`/`printErr` receive what libopenmpt writes to stdout/stderr. */
  export default function factory(moduleArg?: {
    print?: (text: string) => void;
    printErr?: (text: string) => void;
  }): Promise<LibOpenMpt>;
}
