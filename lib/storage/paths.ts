/** Folders under the data directory (GENKI_DATA_DIR) that more than one module needs to find. */
import path from 'node:path';

/** Rendered export audio (lib/datasets/export/export-audio.ts), bounded by storage housekeeping. */
export const exportCacheDir = (dataDir: string) => path.resolve(dataDir, 'export-cache');
