/**
 * Import-time quality checks. Each gives pass / warn / fail, the measured value, and one sentence a
 * miner can act on. The clip's level is its worst check. Thresholds and why:
 *
 * - duration: Genki-Dama validators generate 30 s clips, MusicGen trains on 30 s windows, and the
 *   reference preprocess (genki.model_trainer.preprocess) drops files shorter than 30 s outright:
 *   < 5 s fail (hardly one bar of music), < 30 s warn. The trainer reads only the first 30 s of each
 *   file (its seek is always 0), so > 10 min warns that most of the file is never heard.
 * - sample_rate: MusicGen works at 32 kHz (16 kHz Nyquist), so < 32 kHz warns that the top of the
 *   spectrum is missing; < 16 kHz (under 8 kHz of bandwidth, telephone quality) fails.
 * - channels: > 2 warns; training and scoring both use a mono mix.
 * - silence: share of 50 ms frames below −60 dBFS RMS: > 20 % warn, > 50 % fail.
 * - clipping: share of samples in runs of ≥ 3 at |x| ≥ 0.999: > 0.1 % warn, > 1 % fail.
 * - loudness: BS.1770-4 integrated loudness outside [−30, −6] LUFS warns (chiptune is mastered
 *   hot; −6 is already at the ceiling of the format, −30 is near inaudible next to the rest).
 * - dc_offset: |mean| > 0.01 warn, > 0.05 fail (skews the waveform and wastes headroom).
 * - decode: how the file was read (a truncated module render warns).
 */
import { type DecodedAudio, TRACKER_FORMATS } from '../../audio/types';
import type { QualityLevel, QualityReport } from '../model';
import { integratedLoudness } from './loudness';
import { signalStats } from './signal-stats';

export const QUALITY_THRESHOLDS = {
  durationFailBelow: 5,
  durationWarnBelow: 30,
  durationWarnAbove: 10 * 60,
  sampleRateFailBelow: 16_000,
  sampleRateWarnBelow: 32_000,
  channelsWarnAbove: 2,
  silenceWarnAbove: 0.2,
  silenceFailAbove: 0.5,
  clippingWarnAbove: 0.001,
  clippingFailAbove: 0.01,
  loudnessMin: -30,
  loudnessMax: -6,
  dcWarnAbove: 0.01,
  dcFailAbove: 0.05,
} as const;

type Check = QualityReport['checks'][number];
const T = QUALITY_THRESHOLDS;

const percent = (ratio: number) => `${(ratio * 100).toFixed(ratio < 0.01 ? 2 : 1)} %`;
const kHz = (rate: number) => `${Number((rate / 1000).toFixed(3))} kHz`;

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(Math.floor(seconds - minutes * 60)).padStart(2, '0')} min`;
}

function durationCheck(seconds: number): Check {
  const value = Math.round(seconds * 1000) / 1000;
  const shown = formatDuration(seconds);
  if (seconds < T.durationFailBelow)
    return {
      id: 'duration',
      level: 'fail',
      value,
      message: `${shown}: too short to learn from (MusicGen trains on 30 s windows), so use a longer take or drop it.`,
    };
  if (seconds < T.durationWarnBelow)
    return {
      id: 'duration',
      level: 'warn',
      value,
      message: `${shown}: validators generate 30 s clips and the Genki-Dama preprocess drops files under 30 s, so extend or loop it to 30 s if you can.`,
    };
  if (seconds > T.durationWarnAbove)
    return {
      id: 'duration',
      level: 'warn',
      value,
      message: `${shown}: the trainer reads only the first 30 s of each file, so split long tracks into separate clips.`,
    };
  return {
    id: 'duration',
    level: 'pass',
    value,
    message: `${shown}: long enough for 30 s training windows.`,
  };
}

function sampleRateCheck(rate: number, rendered: boolean): Check {
  if (rendered)
    return { id: 'sample_rate', level: 'pass', value: rate, message: `Rendered at ${kHz(rate)}.` };
  if (rate < T.sampleRateFailBelow)
    return {
      id: 'sample_rate',
      level: 'fail',
      value: rate,
      message: `${kHz(rate)}: nothing above ${kHz(rate / 2)} survives, far below MusicGen's 32 kHz, so find a better source.`,
    };
  if (rate < T.sampleRateWarnBelow)
    return {
      id: 'sample_rate',
      level: 'warn',
      value: rate,
      message: `${kHz(rate)}: below MusicGen's 32 kHz, so the model learns an empty top octave; use a higher-rate source if you have one.`,
    };
  return {
    id: 'sample_rate',
    level: 'pass',
    value: rate,
    message: `${kHz(rate)}: at or above MusicGen's 32 kHz.`,
  };
}

function channelsCheck(count: number): Check {
  if (count > T.channelsWarnAbove)
    return {
      id: 'channels',
      level: 'warn',
      value: count,
      message: `${count} channels: training and scoring hear a mono mix of all of them, so check the mix still sounds right in mono.`,
    };
  return { id: 'channels', level: 'pass', value: count, message: count === 1 ? 'Mono.' : 'Stereo.' };
}

function silenceCheck(ratio: number): Check {
  const level: QualityLevel =
    ratio > T.silenceFailAbove ? 'fail' : ratio > T.silenceWarnAbove ? 'warn' : 'pass';
  const message =
    level === 'pass'
      ? `${percent(ratio)} silent (below −60 dBFS).`
      : `${percent(ratio)} of the clip is silent (below −60 dBFS): trim the silence${level === 'fail' ? ' or drop the clip' : ''}.`;
  return { id: 'silence', level, value: ratio, message };
}

function clippingCheck(ratio: number): Check {
  const level: QualityLevel =
    ratio > T.clippingFailAbove ? 'fail' : ratio > T.clippingWarnAbove ? 'warn' : 'pass';
  const message =
    level === 'pass'
      ? `${percent(ratio)} of samples clipped.`
      : `${percent(ratio)} of samples are clipped at full scale: re-export at a lower gain or pick a cleaner source.`;
  return { id: 'clipping', level, value: ratio, message };
}

function loudnessCheck(lufs: number | null): Check {
  if (lufs === null)
    return {
      id: 'loudness',
      level: 'warn',
      value: null,
      message: 'Too quiet to measure (no 400 ms block above −70 LUFS): check that the file is not silent.',
    };
  const value = Math.round(lufs * 10) / 10;
  const shown = `${value.toFixed(1).replace('-', '−')} LUFS`;
  if (lufs < T.loudnessMin)
    return {
      id: 'loudness',
      level: 'warn',
      value,
      message: `${shown}: very quiet next to typical chiptune, so normalise it to around −14 LUFS.`,
    };
  if (lufs > T.loudnessMax)
    return {
      id: 'loudness',
      level: 'warn',
      value,
      message: `${shown}: extremely loud (likely squashed or distorted), so use a less compressed master.`,
    };
  return { id: 'loudness', level: 'pass', value, message: `${shown} integrated loudness.` };
}

function dcCheck(offset: number): Check {
  const value = Math.round(offset * 1e5) / 1e5;
  const level: QualityLevel = offset > T.dcFailAbove ? 'fail' : offset > T.dcWarnAbove ? 'warn' : 'pass';
  const message =
    level === 'pass'
      ? `DC offset ${value.toFixed(4)}.`
      : `DC offset ${value.toFixed(3)}: remove it with a DC filter or a gentle high-pass before export.`;
  return { id: 'dc_offset', level, value, message };
}

function decodeCheck(decoded: DecodedAudio, rendered: boolean): Check {
  const format = decoded.format.toUpperCase();
  const seconds = decoded.length / decoded.sampleRate;
  const songSeconds = Number(decoded.meta?.durationSeconds ?? 0);
  if (rendered && decoded.meta?.truncated === 1)
    return {
      id: 'decode',
      level: 'warn',
      value: songSeconds,
      message: `The ${format} module plays for ${formatDuration(songSeconds)}; only the first ${formatDuration(seconds)} were rendered, so split the song if the rest matters.`,
    };
  const how = rendered ? `Rendered from the ${format} module with libopenmpt` : `Decoded as ${format}`;
  return { id: 'decode', level: 'pass', value: null, message: `${how}.` };
}

const RANK: Record<QualityLevel, number> = { pass: 0, warn: 1, fail: 2 };

export function worstLevel(levels: readonly QualityLevel[]): QualityLevel {
  return levels.reduce<QualityLevel>((worst, level) => (RANK[level] > RANK[worst] ? level : worst), 'pass');
}

export function assessQuality(decoded: DecodedAudio): QualityReport {
  const rendered = TRACKER_FORMATS.includes(decoded.format);
  const stats = signalStats(decoded.channels, decoded.sampleRate);
  const checks: Check[] = [
    decodeCheck(decoded, rendered),
    durationCheck(decoded.length / decoded.sampleRate),
    sampleRateCheck(decoded.sampleRate, rendered),
    channelsCheck(decoded.channels.length),
    silenceCheck(stats.silentRatio),
    clippingCheck(stats.clippedRatio),
    loudnessCheck(integratedLoudness(decoded.channels, decoded.sampleRate)),
    dcCheck(stats.dcOffset),
  ];
  return { level: worstLevel(checks.map((check) => check.level)), checks };
}
