import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runReference } from '@/tests/support/python';
import { makeTempDir } from '@/tests/support/temp-dir';
import { NpyError, readNpy, writeNpy } from './npy';

describe('npy', () => {
  it('round-trips float32 and float64 arrays with their shapes', () => {
    const f32 = Float32Array.from({ length: 6 }, (_, i) => i / 3);
    const back = readNpy(writeNpy(f32, [2, 3]));
    expect(back).toEqual({ dtype: '<f4', shape: [2, 3], data: f32 });
    const f64 = Float64Array.from([Math.PI, -0, 1e-300]);
    expect(readNpy(writeNpy(f64, [3]))).toEqual({ dtype: '<f8', shape: [3], data: f64 });
  });

  it('writes files NumPy reads, and reads files NumPy writes', () => {
    const temp = makeTempDir();
    try {
      const ours = path.join(temp.dir, 'ours.npy');
      fs.writeFileSync(ours, writeNpy(Float32Array.from([1.5, -2, 3.25, 4]), [1, 2, 2]));
      const theirs = path.join(temp.dir, 'theirs.npy');
      const out = runReference('npy_roundtrip.py', [ours, theirs]);
      expect(JSON.parse(out)).toEqual({ shape: [1, 2, 2], dtype: 'float32', sum: 6.75 });
      const read = readNpy(new Uint8Array(fs.readFileSync(theirs)));
      expect(read.shape).toEqual([3, 2]);
      expect(Array.from(read.data)).toEqual([0, 1, 2, 3, 4, 5]);
    } finally {
      temp.cleanup();
    }
  });

  it('reads from a Node Buffer that is a view into a larger pool', () => {
    const file = writeNpy(Float64Array.from([1, 2, 3]), [3]);
    const pooled = Buffer.concat([Buffer.alloc(7), Buffer.from(file)]).subarray(7);
    expect(Array.from(readNpy(pooled).data)).toEqual([1, 2, 3]);
  });

  it('refuses malformed and unsupported files with a clear message', () => {
    expect(() => readNpy(new Uint8Array([1, 2, 3]))).toThrowError(NpyError);
    const good = writeNpy(Float32Array.from([1, 2]), [2]);
    expect(() => readNpy(good.subarray(0, good.length - 1))).toThrowError(/needs 8/);
    const header = new TextDecoder('latin1').decode(good).replace("'<f4'", "'<i4'");
    const bytes = Uint8Array.from(header, (c) => c.charCodeAt(0));
    expect(() => readNpy(bytes)).toThrowError(/Unsupported .npy dtype <i4/);
  });
});
