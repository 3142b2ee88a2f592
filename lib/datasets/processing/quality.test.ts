/** Quality checks on constructed signals: each threshold is crossed on purpose, in both directions. */
import { describe, expect, it } from 'vitest';
import type { DecodedAudio } from '@/lib/audio/types';
import { chiptune, sine } from '@/tests/support/signals';
import type { QualityReport } from '../model';
import { computePeaks, MAX_PEAK_BUCKETS } from './peaks';
import { assessQuality } from './quality';
import { estimateBpm } from './tempo';

function decoded(channels: Float32Array[], sampleRate: number, format: DecodedAudio['format'] = 'wav') {
  return { format, sampleRate, channels, length: channels[0]?.length ?? 0 } satisfies DecodedAudio;
}

function check(report: QualityReport, id: QualityReport['checks'][number]['id']) {
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no ${id} check`);
  return found;
}

/** Chiptune at a healthy level (about −15 LUFS), without the DC of its 25 % pulse voice. */
function music(rate: number, seconds: number, seed = 1): Float32Array {
  const raw = chiptune(rate, seconds, seed);
  const mean = raw.reduce((sum, v) => sum + v, 0) / raw.length;
  return raw.map((v) => 0.9 * (v - mean));
}

describe('quality checks', () => {
  it('passes a healthy 40 s stereo 44.1 kHz clip on every check', () => {
    const report = assessQuality(decoded([music(44100, 40), music(44100, 40, 2)], 44100));
    expect(report.checks.map((c) => [c.id, c.level])).toEqual([
      ['decode', 'pass'],
      ['duration', 'pass'],
      ['sample_rate', 'pass'],
      ['channels', 'pass'],
      ['silence', 'pass'],
      ['clipping', 'pass'],
      ['loudness', 'pass'],
      ['dc_offset', 'pass'],
    ]);
    expect(report.level).toBe('pass');
    expect(check(report, 'loudness').value).toBeGreaterThan(-20);
  });

  it('fails under 5 s, warns under 30 s and over 10 min, with the reason in the message', () => {
    const short = assessQuality(decoded([music(16000, 4)], 16000));
    expect(check(short, 'duration')).toMatchObject({ level: 'fail', value: 4 });
    expect(short.level).toBe('fail');
    const medium = check(assessQuality(decoded([music(16000, 21.4)], 16000)), 'duration');
    expect(medium.level).toBe('warn');
    expect(medium.message).toMatch(/^21\.4 s: validators generate 30 s clips/);
    const long = check(assessQuality(decoded([music(8000, 11 * 60)], 8000)), 'duration');
    expect(long.level).toBe('warn');
    expect(long.message).toMatch(/^11:00 min: the trainer reads only the first 30 s/);
  });

  it('grades sample rates against MusicGen’s 32 kHz', () => {
    const level = (rate: number) => check(assessQuality(decoded([music(rate, 6)], rate)), 'sample_rate');
    expect(level(11025)).toMatchObject({ level: 'fail', value: 11025 });
    expect(level(22050).level).toBe('warn');
    expect(level(22050).message).toMatch(/^22\.05 kHz: below MusicGen's 32 kHz/);
    expect(level(32000).level).toBe('pass');
    expect(level(48000).level).toBe('pass');
  });

  it('warns about more than two channels', () => {
    const six = Array.from({ length: 6 }, (_, c) => music(32000, 6, c + 1));
    expect(check(assessQuality(decoded(six, 32000)), 'channels')).toMatchObject({ level: 'warn', value: 6 });
  });

  it('measures silence as the share of 50 ms frames below −60 dBFS', () => {
    const withSilence = (silentSeconds: number) => {
      const out = new Float32Array(32000 * 10);
      out.set(music(32000, 10 - silentSeconds), 32000 * silentSeconds);
      return check(assessQuality(decoded([out], 32000)), 'silence');
    };
    expect(withSilence(1)).toMatchObject({ level: 'pass', value: 0.1 });
    expect(withSilence(3)).toMatchObject({ level: 'warn', value: 0.3 });
    expect(withSilence(6).level).toBe('fail');
    expect(withSilence(6).message).toMatch(/^60\.0 % of the clip is silent/);
    // −55 dBFS noise floor is quiet but not silence.
    expect(check(assessQuality(decoded([sine(32000, 6, 440, 0.0025)], 32000)), 'silence').level).toBe('pass');
  });

  it('counts only runs of three or more full-scale samples as clipping', () => {
    const withRuns = (runs: number, runLength: number) => {
      const out = music(32000, 10).map((v) => v * 0.5);
      for (let k = 0; k < runs; k++) out.fill(k % 2 ? 1 : -1, 1000 + k * 600, 1000 + k * 600 + runLength);
      return check(assessQuality(decoded([out], 32000)), 'clipping');
    };
    expect(withRuns(400, 2)).toMatchObject({ level: 'pass', value: 0 });
    expect(withRuns(100, 5).level).toBe('warn'); // 500 / 320 000 = 0.16 %
    expect(withRuns(400, 10).level).toBe('fail'); // 1.25 %
    // A full-scale square wave is nothing but clipped runs.
    const square = sine(32000, 6, 100, 4).map((v) => Math.max(-1, Math.min(1, v)));
    expect(check(assessQuality(decoded([square], 32000)), 'clipping').level).toBe('fail');
  });

  it('warns outside −30 … −6 LUFS', () => {
    const at = (gain: number) =>
      check(assessQuality(decoded([music(32000, 6).map((v) => v * gain)], 32000)), 'loudness');
    expect(at(0.02).level).toBe('warn');
    expect(at(0.02).message).toMatch(/LUFS: very quiet/);
    expect(at(1).level).toBe('pass');
    const hot = sine(32000, 6, 3000, 0.99);
    expect(check(assessQuality(decoded([hot, hot], 32000)), 'loudness').level).toBe('warn');
    expect(check(assessQuality(decoded([new Float32Array(32000 * 6)], 32000)), 'loudness')).toMatchObject({
      level: 'warn',
      value: null,
    });
  });

  it('grades DC offset', () => {
    const shifted = (offset: number) =>
      check(assessQuality(decoded([music(32000, 6).map((v) => 0.8 * v + offset)], 32000)), 'dc_offset');
    expect(shifted(0).level).toBe('pass');
    expect(shifted(0.03).level).toBe('warn');
    expect(shifted(0.08).level).toBe('fail');
  });

  it('says when a module render was cut at the limit', () => {
    const channels = [music(48000, 6), music(48000, 6)];
    const report = assessQuality({
      ...decoded(channels, 48000, 'xm'),
      meta: { truncated: 1, durationSeconds: 1200 },
    });
    expect(check(report, 'decode').level).toBe('warn');
    expect(check(report, 'decode').message).toMatch(/plays for 20:00 min; only the first 6\.0 s/);
    expect(check(report, 'sample_rate').message).toBe('Rendered at 48 kHz.');
  });
});

describe('peaks', () => {
  it('gives min/max of the mono mix at about 100 buckets per second', () => {
    const left = new Float32Array(48000).fill(0.5);
    const right = new Float32Array(48000).fill(-0.1);
    left[100] = 1;
    const peaks = computePeaks([left, right], 48000);
    expect(peaks).toMatchObject({ sampleRate: 48000, durationSeconds: 1, resolution: 100 });
    expect(peaks.data).toHaveLength(200);
    expect(peaks.data.slice(0, 4)).toEqual([0.2, 0.45, 0.2, 0.2]);
  });

  it('caps a long clip at 10 000 buckets', () => {
    const peaks = computePeaks([new Float32Array(8000 * 200)], 8000);
    expect(peaks.data).toHaveLength(2 * MAX_PEAK_BUCKETS);
    expect(peaks.resolution).toBe(50);
  });
});

describe('tempo suggestion', () => {
  /** Kick on every beat, noise hat on the off-beats, a square lead throughout. */
  function beat(rate: number, seconds: number, bpm: number): Float32Array {
    const out = new Float32Array(rate * seconds);
    const period = (60 / bpm) * rate;
    let lfsr = 0x4001;
    for (let i = 0; i < out.length; i++) {
      const phase = (i % period) / rate;
      const hatPhase = (i % (period / 2)) / rate;
      const bit = (lfsr ^ (lfsr >> 1)) & 1;
      lfsr = (lfsr >> 1) | (bit << 14);
      const kick = Math.exp(-phase * 25) * Math.sin(2 * Math.PI * (60 + 100 * Math.exp(-phase * 40)) * phase);
      const hat = Math.exp(-hatPhase * 80) * (lfsr & 1 ? 0.2 : -0.2);
      out[i] = 0.6 * kick + hat + 0.15 * (((220 * i) / rate) % 1 < 0.5 ? 1 : -1);
    }
    return out;
  }

  it('finds the tempo of a beat to 0.1 BPM, and gives up on silence', () => {
    expect(estimateBpm([beat(44100, 20, 128)], 44100)).toBe(128);
    expect(estimateBpm([beat(32000, 20, 150)], 32000)).toBe(150);
    expect(estimateBpm([new Float32Array(44100 * 10)], 44100)).toBeNull();
    expect(estimateBpm([beat(44100, 2, 120)], 44100)).toBeNull();
  });
});
