/**
 * Our own WAV reader: RIFF (little-endian), RIFX (big-endian) and RF64/BW64 (64-bit sizes); PCM
 * unsigned 8-bit and signed 16/24/32-bit (any valid-bits count inside those containers), IEEE float
 * 32/64, and WAVE_FORMAT_EXTENSIBLE. Unknown chunks are skipped (with RIFF's pad byte after odd
 * sizes). A data size of 0xFFFFFFFF or one larger than the file (a streamed or cut recording) means
 * "use what is there"; a header that cannot be read is `corrupt`.
 */
import { ascii, byteAt, hasAscii, showTag, viewOf } from './bytes';
import { AudioDecodeError, type DecodedAudio } from './types';

const FORMAT_PCM = 0x0001;
const FORMAT_FLOAT = 0x0003;
const FORMAT_EXTENSIBLE = 0xfffe;
/** The 14 bytes after the format code in every standard KSDATAFORMAT_SUBTYPE GUID. */
const SUBFORMAT_SUFFIX = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];
const FORMAT_NAMES: Record<number, string> = {
  2: 'Microsoft ADPCM',
  6: 'A-law',
  7: 'µ-law',
  17: 'IMA ADPCM',
  49: 'GSM 6.10',
  80: 'MPEG audio',
  85: 'MP3',
  255: 'AAC',
};
/** Anything faster is not audio we can score (and guards the frame maths against nonsense). */
const MAX_SAMPLE_RATE = 1_536_000;
const MAX_CHANNELS = 256;

export interface WavHeader {
  container: 'RIFF' | 'RIFX' | 'RF64' | 'BW64';
  littleEndian: boolean;
  encoding: 'pcm' | 'float';
  channels: number;
  sampleRate: number;
  /** Bytes per sample as stored (the container size). */
  bytesPerSample: number;
  /** Significant bits (≤ 8 × bytesPerSample). */
  validBits: number;
  dataOffset: number;
  /** Bytes of sample data actually present in the file. */
  dataBytes: number;
  frames: number;
  /** True when the header's data size was 0xFFFFFFFF or ran past the end of the file. */
  dataSizeUnknown: boolean;
}

function corrupt(message: string): AudioDecodeError {
  return new AudioDecodeError('corrupt', `Corrupt WAV file: ${message}`);
}

interface FmtFields {
  encoding: 'pcm' | 'float';
  channels: number;
  sampleRate: number;
  bytesPerSample: number;
  validBits: number;
}

function readFmt(bytes: Uint8Array, offset: number, size: number, littleEndian: boolean): FmtFields {
  if (size < 16) throw corrupt(`its fmt chunk is ${size} bytes; at least 16 are needed.`);
  const view = viewOf(bytes);
  let formatTag = view.getUint16(offset, littleEndian);
  const channels = view.getUint16(offset + 2, littleEndian);
  const sampleRate = view.getUint32(offset + 4, littleEndian);
  const blockAlign = view.getUint16(offset + 12, littleEndian);
  const bitsPerSample = view.getUint16(offset + 14, littleEndian);
  let validBits = bitsPerSample;
  if (formatTag === FORMAT_EXTENSIBLE) {
    if (size < 40) throw corrupt(`its WAVE_FORMAT_EXTENSIBLE fmt chunk is ${size} bytes; 40 are needed.`);
    validBits = view.getUint16(offset + 18, littleEndian) || bitsPerSample;
    formatTag = view.getUint16(offset + 24, littleEndian);
    if (SUBFORMAT_SUFFIX.some((value, i) => byteAt(bytes, offset + 26 + i) !== value)) {
      throw new AudioDecodeError(
        'unsupported_format',
        'This WAV file uses a non-standard WAVE_FORMAT_EXTENSIBLE sub-format GUID; only PCM and IEEE float are supported.',
      );
    }
  }
  if (channels === 0 || channels > MAX_CHANNELS) throw corrupt(`its fmt chunk gives ${channels} channels.`);
  if (sampleRate === 0 || sampleRate > MAX_SAMPLE_RATE) {
    throw corrupt(`its fmt chunk gives a sample rate of ${sampleRate} Hz.`);
  }
  if (formatTag !== FORMAT_PCM && formatTag !== FORMAT_FLOAT) {
    const name = FORMAT_NAMES[formatTag] ?? 'an unknown encoding';
    throw new AudioDecodeError(
      'unsupported_format',
      `This WAV file holds ${name} (format tag 0x${formatTag.toString(16).padStart(4, '0')}); ` +
        'only PCM (8/16/24/32-bit) and IEEE float (32/64-bit) WAV is supported.',
    );
  }
  // The container size is what matters for reading; bitsPerSample may be a "valid bits" count
  // (e.g. 20 or 12) in old files, so prefer blockAlign when it names a whole larger container.
  let bytesPerSample = Math.ceil(bitsPerSample / 8);
  const alignedBytes = blockAlign / channels;
  if (Number.isInteger(alignedBytes) && alignedBytes > bytesPerSample && alignedBytes <= 8) {
    bytesPerSample = alignedBytes;
  }
  if (formatTag === FORMAT_FLOAT) {
    if (bitsPerSample !== 32 && bitsPerSample !== 64) {
      throw new AudioDecodeError(
        'unsupported_format',
        `This WAV file holds ${bitsPerSample}-bit float samples; only 32- and 64-bit float are supported.`,
      );
    }
    return {
      encoding: 'float',
      channels,
      sampleRate,
      bytesPerSample: bitsPerSample / 8,
      validBits: bitsPerSample,
    };
  }
  if (bitsPerSample === 0 || bytesPerSample > 4) {
    throw new AudioDecodeError(
      'unsupported_format',
      `This WAV file holds ${bitsPerSample}-bit PCM in ${bytesPerSample}-byte containers; up to 32-bit PCM is supported.`,
    );
  }
  return {
    encoding: 'pcm',
    channels,
    sampleRate,
    bytesPerSample,
    validBits: Math.min(validBits, bytesPerSample * 8),
  };
}

/** RIFF writers often forget the pad byte after an odd-sized chunk; accept either placement. */
function nextChunkOffset(bytes: Uint8Array, offset: number, size: number): number {
  const padded = offset + size + (size & 1);
  if (size & 1 && !isChunkId(bytes, padded) && isChunkId(bytes, padded - 1)) return padded - 1;
  return padded;
}

function isChunkId(bytes: Uint8Array, offset: number): boolean {
  if (offset + 8 > bytes.length) return false;
  for (let i = 0; i < 4; i++) {
    const c = byteAt(bytes, offset + i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

export function readWavHeader(bytes: Uint8Array): WavHeader {
  if (bytes.length < 12) throw corrupt(`the file is ${bytes.length} bytes, shorter than a RIFF header.`);
  const tag = ascii(bytes, 0, 4);
  if ((tag !== 'RIFF' && tag !== 'RIFX' && tag !== 'RF64' && tag !== 'BW64') || !hasAscii(bytes, 8, 'WAVE')) {
    throw corrupt(`it starts with ${showTag(bytes, 0)}/${showTag(bytes, 8)}, not RIFF/WAVE.`);
  }
  const container = tag;
  const littleEndian = container !== 'RIFX';
  const view = viewOf(bytes);
  let fmt: FmtFields | undefined;
  let data: { offset: number; bytes: number; unknownSize: boolean } | undefined;
  let ds64DataSize: number | undefined;

  let pos = 12;
  while (pos + 8 <= bytes.length) {
    const id = ascii(bytes, pos, 4);
    const declared = view.getUint32(pos + 4, littleEndian);
    const body = pos + 8;
    if (id === 'data') {
      let size = declared;
      if (
        (container === 'RF64' || container === 'BW64') &&
        declared === 0xffffffff &&
        ds64DataSize !== undefined
      ) {
        size = ds64DataSize;
      }
      const unknownSize = declared === 0xffffffff || body + size > bytes.length;
      if (unknownSize) size = bytes.length - body;
      data = { offset: body, bytes: size, unknownSize };
      // Nothing can be trusted after a data chunk of unknown length: it runs to the end.
      if (unknownSize || fmt) break;
      pos = nextChunkOffset(bytes, body, size);
      continue;
    }
    if (body + declared > bytes.length) {
      if (fmt && data) break; // trailing metadata cut short: the audio is intact
      throw corrupt(`its ${showTag(bytes, pos)} chunk claims ${declared} bytes but the file ends first.`);
    }
    if (id === 'fmt ') {
      fmt = readFmt(bytes, body, declared, littleEndian);
      if (data) break;
    } else if (id === 'ds64' && declared >= 24) {
      ds64DataSize = view.getUint32(body + 8, true) + view.getUint32(body + 12, true) * 0x100000000;
    }
    pos = nextChunkOffset(bytes, body, declared);
  }

  if (!fmt) throw corrupt('it has no fmt chunk (the file may be truncated).');
  if (!data) throw corrupt('it has no data chunk (the file may be truncated).');
  const frames = Math.floor(data.bytes / (fmt.bytesPerSample * fmt.channels));
  return {
    container,
    littleEndian,
    ...fmt,
    dataOffset: data.offset,
    dataBytes: data.bytes,
    frames,
    dataSizeUnknown: data.unknownSize,
  };
}

/** Decodes a WAV file to float channels; refuses (`too_long`) before allocating past `maxSeconds`. */
export function decodeWav(bytes: Uint8Array, options: { maxSeconds?: number } = {}): DecodedAudio {
  const header = readWavHeader(bytes);
  const { frames, channels: channelCount, sampleRate } = header;
  if (frames === 0) throw corrupt('its data chunk holds no complete audio frame.');
  if (options.maxSeconds !== undefined && frames / sampleRate > options.maxSeconds) {
    throw new AudioDecodeError(
      'too_long',
      `The WAV file is ${(frames / sampleRate).toFixed(1)} s long; the limit is ${options.maxSeconds} s.`,
    );
  }
  const channels = Array.from({ length: channelCount }, () => new Float32Array(frames));
  convertSamples(bytes, header, channels);
  return {
    format: 'wav',
    sampleRate,
    channels,
    length: frames,
    meta: {
      container: header.container,
      encoding: header.encoding,
      bitsPerSample: header.bytesPerSample * 8,
      validBits: header.validBits,
      ...(header.dataSizeUnknown ? { dataSizeUnknown: 1 } : {}),
    },
  };
}

function convertSamples(bytes: Uint8Array, header: WavHeader, out: Float32Array[]): void {
  const { frames, bytesPerSample, littleEndian, encoding, dataOffset } = header;
  const channelCount = out.length;
  const view = viewOf(bytes);
  const stride = bytesPerSample * channelCount;
  for (let c = 0; c < channelCount; c++) {
    const target = out[c];
    if (!target) continue;
    let pos = dataOffset + c * bytesPerSample;
    if (encoding === 'float') {
      let finite = true;
      for (let i = 0; i < frames; i++, pos += stride) {
        const value = Math.fround(
          bytesPerSample === 4 ? view.getFloat32(pos, littleEndian) : view.getFloat64(pos, littleEndian),
        );
        finite &&= Number.isFinite(value);
        target[i] = value;
      }
      // NaN or infinity would poison every later stage (resampling spreads it over 48 taps).
      if (!finite) throw corrupt('its float samples include NaN or infinity.');
    } else if (bytesPerSample === 1) {
      for (let i = 0; i < frames; i++, pos += stride) target[i] = (byteAt(bytes, pos) - 128) / 128;
    } else if (bytesPerSample === 2) {
      for (let i = 0; i < frames; i++, pos += stride) target[i] = view.getInt16(pos, littleEndian) / 32768;
    } else if (bytesPerSample === 3) {
      const hi = littleEndian ? 2 : 0;
      const lo = littleEndian ? 0 : 2;
      for (let i = 0; i < frames; i++, pos += stride) {
        const value =
          (byteAt(bytes, pos + hi) << 16) | (byteAt(bytes, pos + 1) << 8) | byteAt(bytes, pos + lo);
        // Sign-extend 24 → 32 bits.
        target[i] = ((value << 8) >> 8) / 8388608;
      }
    } else {
      for (let i = 0; i < frames; i++, pos += stride)
        target[i] = view.getInt32(pos, littleEndian) / 2147483648;
    }
  }
}
