/**
 * FLAC, Ogg Vorbis and MP3 through the MIT-licensed wasm decoders (@wasm-audio-decoders/flac,
 * @wasm-audio-decoders/ogg-vorbis, mpg123-decoder), fed in chunks so an over-long file stops with
 * `too_long` as soon as it passes the limit instead of filling memory. Their non-worker classes are
 * used: this code already runs inside our own worker (or on the server). Each decoder is imported on
 * first use, so a WAV-only caller never loads the others.
 */
import { readFlacStreamInfo, stripTrailingTags } from './flac';
import { findFirstMpegFrame, skipId3v2, walkMpegStream } from './mpeg';
import { inspectOgg, lastOggPage } from './ogg';
import { AudioDecodeError, type DecodedAudio } from './types';

/** Input handed to a decoder per call: small enough to stop early, large enough to be cheap. */
const CHUNK_BYTES = 1 << 20;

interface DecoderOutput {
  channelData: Float32Array[];
  samplesDecoded: number;
  sampleRate: number;
  errors: { message: string }[];
}

/** Gathers decoder output chunk by chunk and enforces the duration limit as it grows. */
class Collector {
  private readonly chunks: Float32Array[][] = [];
  frames = 0;
  sampleRate = 0;
  channelCount = 0;

  constructor(
    private readonly label: string,
    private readonly maxSeconds: number,
    private readonly keepChannels?: number,
  ) {}

  add(output: DecoderOutput): void {
    const first = output.errors[0];
    if (first) {
      const more = output.errors.length > 1 ? ` (and ${output.errors.length - 1} more errors)` : '';
      throw new AudioDecodeError('corrupt', `The ${this.label} decoder reported: ${first.message}${more}.`);
    }
    if (output.samplesDecoded === 0) return;
    const channels = this.keepChannels ? output.channelData.slice(0, this.keepChannels) : output.channelData;
    if (this.channelCount === 0) {
      this.channelCount = channels.length;
      this.sampleRate = output.sampleRate;
    } else if (channels.length !== this.channelCount || output.sampleRate !== this.sampleRate) {
      throw new AudioDecodeError(
        'unsupported_format',
        `This ${this.label} stream changes its channel count or sample rate part-way; that is not supported.`,
      );
    }
    this.chunks.push(channels.map((channel) => channel.subarray(0, output.samplesDecoded)));
    this.frames += output.samplesDecoded;
    if (this.sampleRate > 0 && this.frames / this.sampleRate > this.maxSeconds)
      throw tooLong(this.label, this.maxSeconds);
  }

  finish(format: DecodedAudio['format'], meta: DecodedAudio['meta']): DecodedAudio {
    if (this.frames === 0 || this.channelCount === 0) {
      throw new AudioDecodeError('corrupt', `The ${this.label} decoder produced no audio from this file.`);
    }
    if (!(this.sampleRate > 0)) {
      throw new AudioDecodeError('corrupt', `The ${this.label} decoder reported no sample rate.`);
    }
    const channels = Array.from({ length: this.channelCount }, (_, c) => {
      const out = new Float32Array(this.frames);
      let at = 0;
      for (const chunk of this.chunks) {
        const part = chunk[c];
        if (part) out.set(part, at);
        at += chunk[0]?.length ?? 0;
      }
      return out;
    });
    return { format, sampleRate: this.sampleRate, channels, length: this.frames, meta };
  }
}

function tooLong(label: string, maxSeconds: number, seconds?: number): AudioDecodeError {
  const length = seconds === undefined ? 'longer than' : `${seconds.toFixed(1)} s long; the limit is`;
  return new AudioDecodeError('too_long', `The ${label} file is ${length} ${maxSeconds} s.`);
}

function* chunksOf(bytes: Uint8Array): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) yield bytes.subarray(at, at + CHUNK_BYTES);
}

/** Turns anything a wasm decoder throws (it may throw plain Errors on garbage) into `corrupt`. */
async function guarded<T>(label: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AudioDecodeError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new AudioDecodeError('corrupt', `The ${label} decoder failed on this file: ${reason}`);
  }
}

export async function decodeFlac(bytes: Uint8Array, maxSeconds: number): Promise<DecodedAudio> {
  const info = readFlacStreamInfo(bytes);
  if (info.totalSamples > 0 && info.totalSamples / info.sampleRate > maxSeconds) {
    throw tooLong('FLAC', maxSeconds, info.totalSamples / info.sampleRate);
  }
  const { FLACDecoder } = await import('@wasm-audio-decoders/flac');
  const collector = new Collector('FLAC', maxSeconds);
  const decoder = new FLACDecoder();
  await guarded('FLAC', async () => {
    try {
      await decoder.ready;
      for (const chunk of chunksOf(stripTrailingTags(bytes).subarray(info.start))) {
        collector.add(await decoder.decode(chunk));
      }
      collector.add(await decoder.flush());
    } finally {
      decoder.free();
    }
  });
  if (info.totalSamples > 0 && collector.frames < info.totalSamples) {
    throw new AudioDecodeError(
      'corrupt',
      `The FLAC file is truncated: its header announces ${info.totalSamples} samples per channel but only ${collector.frames} could be decoded.`,
    );
  }
  const decoded = collector.finish('flac', { bitsPerSample: info.bitsPerSample });
  for (const channel of decoded.channels) rescaleFlac(channel, info.bitsPerSample);
  return decoded;
}

/**
 * @wasm-audio-decoders/flac scales b-bit integers by 1 / (2^(b−1) − 1); soundfile, our WAV reader
 * and the reference pipeline use 1 / 2^(b−1). Recover the integer (exact up to 24 bits, where the
 * float32 mantissa holds it) and rescale, so a FLAC and a WAV of the same PCM decode identically.
 */
function rescaleFlac(channel: Float32Array, bits: number): void {
  const decoderScale = 2 ** (bits - 1) - 1;
  const scale = 2 ** (bits - 1);
  if (bits <= 24) {
    for (let i = 0; i < channel.length; i++)
      channel[i] = Math.round((channel[i] as number) * decoderScale) / scale;
  } else {
    const factor = decoderScale / scale;
    for (let i = 0; i < channel.length; i++) channel[i] = (channel[i] as number) * factor;
  }
}

export async function decodeOggVorbis(bytes: Uint8Array, maxSeconds: number): Promise<DecodedAudio> {
  const ogg = inspectOgg(bytes);
  if (ogg?.codec !== 'vorbis')
    throw new AudioDecodeError('corrupt', 'The Ogg file does not start with a Vorbis stream.');
  const last = lastOggPage(bytes);
  if (!last?.endOfStream) {
    throw new AudioDecodeError(
      'corrupt',
      'The Ogg Vorbis file is truncated: it does not end with a complete end-of-stream page.',
    );
  }
  if (ogg.sampleRate && last.granule > 0 && last.granule / ogg.sampleRate > maxSeconds) {
    throw tooLong('Ogg Vorbis', maxSeconds, last.granule / ogg.sampleRate);
  }
  const { OggVorbisDecoder } = await import('@wasm-audio-decoders/ogg-vorbis');
  const collector = new Collector('Ogg Vorbis', maxSeconds);
  const decoder = new OggVorbisDecoder();
  await guarded('Ogg Vorbis', async () => {
    try {
      await decoder.ready;
      for (const chunk of chunksOf(bytes)) collector.add(await decoder.decode(chunk));
      collector.add(await decoder.flush());
    } finally {
      decoder.free();
    }
  });
  return collector.finish('ogg', { codec: 'vorbis' });
}

export async function decodeMp3(
  bytes: Uint8Array,
  maxSeconds: number,
  fileName?: string,
): Promise<DecodedAudio> {
  // Same search window as the sniffer: past ID3 padding, or past junk when the name says MP3.
  const mp3Name = /\.(mp3|mp2|mpga)$/i.test(fileName ?? '');
  const found = findFirstMpegFrame(bytes, mp3Name || skipId3v2(bytes) > 0 ? 64 * 1024 : 0);
  if (!found) throw new AudioDecodeError('corrupt', 'The MP3 file has no valid MPEG audio frame.');
  const stream = walkMpegStream(bytes, found.offset, found.header);
  if (stream.truncation)
    throw new AudioDecodeError('corrupt', `The MP3 file is truncated: ${stream.truncation}.`);
  const { sampleRate, channels, layer } = found.header;
  if (stream.samples / sampleRate > maxSeconds) throw tooLong('MP3', maxSeconds, stream.samples / sampleRate);
  const { MPEGDecoder } = await import('mpg123-decoder');
  // mpg123 always outputs two channels; a mono stream comes back duplicated, so keep one.
  const collector = new Collector('MP3', maxSeconds, channels === 1 ? 1 : undefined);
  const decoder = new MPEGDecoder();
  await guarded('MP3', async () => {
    try {
      await decoder.ready;
      for (const chunk of chunksOf(bytes.subarray(found.offset))) collector.add(decoder.decode(chunk));
    } finally {
      decoder.free();
    }
  });
  return collector.finish('mp3', { layer, bitrateKbps: found.header.bitrate });
}
