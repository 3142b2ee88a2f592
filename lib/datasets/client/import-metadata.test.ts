import { describe, expect, it } from 'vitest';
import { DATASET_LIMITS } from '../model';
import { cleanCaption, parseCsv, readMetadataCaptions } from './import-metadata';

describe('audiofolder metadata captions', () => {
  it('reads metadata.jsonl relative to its folder, preferring caption over description and text', () => {
    const text = [
      JSON.stringify({ file_name: 'a.wav', caption: 'A bright square lead over a bouncy bass line' }),
      JSON.stringify({ file_name: 'sub/b.wav', description: 'A slow  and\tsad\ntriangle melody' }),
      JSON.stringify({ file_name: 'c.wav', text: '' }),
      'not json',
      '[1,2]',
      '',
    ].join('\n');
    const result = readMetadataCaptions('train/metadata.jsonl', text, 'jsonl');
    expect([...result.captions]).toEqual([
      ['train/a.wav', 'A bright square lead over a bouncy bass line'],
      ['train/sub/b.wav', 'A slow and sad triangle melody'],
    ]);
    expect(result.warnings).toEqual(['train/metadata.jsonl: 2 lines are not JSON objects.']);
  });

  it('reads metadata.csv with quoted fields, CRLF and a BOM', () => {
    const text =
      '\uFEFFfile_name,caption\r\n"x, y.wav","He said ""go"", fast chiptune"\r\nz.wav,plain one\r\n';
    expect(parseCsv(text)).toEqual([
      ['file_name', 'caption'],
      ['x, y.wav', 'He said "go", fast chiptune'],
      ['z.wav', 'plain one'],
    ]);
    const result = readMetadataCaptions('metadata.csv', text, 'csv');
    expect(result.captions.get('x, y.wav')).toBe('He said "go", fast chiptune');
    expect(result.captions.get('z.wav')).toBe('plain one');
    expect(readMetadataCaptions('metadata.csv', 'name,caption\na,b\n', 'csv').warnings[0]).toMatch(
      /no file_name/,
    );
  });

  it('shortens captions over the limit on a word boundary and says so', () => {
    const long = 'chiptune '.repeat(100);
    const cleaned = cleanCaption(long);
    expect(cleaned.cut).toBe(true);
    expect(cleaned.caption.length).toBeLessThanOrEqual(DATASET_LIMITS.captionMaxChars);
    expect(cleaned.caption.endsWith('chiptune')).toBe(true);
    const result = readMetadataCaptions(
      'metadata.jsonl',
      JSON.stringify({ file_name: 'a.wav', caption: long }),
      'jsonl',
    );
    expect(result.warnings[0]).toMatch(/1 caption was over 512 characters/);
  });
});
