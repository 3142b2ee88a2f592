import path from 'node:path';
import { prepareAudio } from '../audio/prepare';
import { AudioDecodeError, type PreparedAudio } from '../audio/types';
import { readInputFile } from './args';
import { CliError } from './errors';

/** Reads and prepares one audio file (decode → mono → 48 kHz), with the file name in every error. */
export async function loadAudioFile(file: string): Promise<PreparedAudio> {
  const bytes = readInputFile(file);
  try {
    return await prepareAudio(bytes, { fileName: path.basename(file) });
  } catch (error) {
    if (error instanceof AudioDecodeError) throw new CliError(`${file}: ${error.message}`);
    throw error;
  }
}
