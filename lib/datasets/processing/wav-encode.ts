/**
 * 16-bit PCM WAV writer for rendered tracker modules: the playable copy every browser decodes
 * natively and the one the exporters ship. Samples are clamped (libopenmpt may overshoot ±1) and
 * rounded; the renderer's float output has no more than 16 bits of useful resolution for 8-bit
 * chiptune samples, so no dither is added.
 */
export function encodeWav16(channels: readonly Float32Array[], sampleRate: number): Uint8Array {
  const count = channels.length;
  const frames = channels[0]?.length ?? 0;
  const dataBytes = frames * count * 2;
  const out = new Uint8Array(44 + dataBytes);
  const view = new DataView(out.buffer);
  const tag = (at: number, text: string) => {
    for (let i = 0; i < 4; i++) out[at + i] = text.charCodeAt(i);
  };
  tag(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  tag(8, 'WAVE');
  tag(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, count, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * count * 2, true);
  view.setUint16(32, count * 2, true);
  view.setUint16(34, 16, true);
  tag(36, 'data');
  view.setUint32(40, dataBytes, true);
  let at = 44;
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < count; c++) {
      const x = (channels[c] as Float32Array)[i] as number;
      const scaled = Math.round(x * 32768);
      view.setInt16(at, Math.max(-32768, Math.min(32767, scaled)), true);
      at += 2;
    }
  }
  return out;
}
