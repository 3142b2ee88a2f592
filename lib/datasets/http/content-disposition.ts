/**
 * Content-Disposition for downloads of user-named files. The name is display text from a client,
 * so it is reduced to its last path segment, stripped of control characters, and given twice:
 * `filename="…"` in plain ASCII (quotes, backslashes and anything non-ASCII replaced) for old
 * clients, and `filename*=UTF-8''…` (RFC 5987/6266, percent-encoded) for everyone else. Nothing a
 * client sent can break out of the header or name a path.
 */

const FALLBACK = 'clip';

/** The last path segment, without control characters or leading dots, at most 200 characters. */
export function displayFileName(name: string, fallback = FALLBACK): string {
  const segment = name.split(/[/\\]/).pop() ?? '';
  const printable = [...segment].filter((char) => {
    const code = char.codePointAt(0) ?? 0;
    return code >= 0x20 && code !== 0x7f && !(code >= 0x80 && code <= 0x9f);
  });
  const cleaned = printable.join('').trim().replace(/^\.+/, '').slice(0, 200);
  return cleaned || fallback;
}

function asciiFileName(name: string): string {
  const ascii = [...name]
    .map((char) => (/^[\x20-\x7e]$/.test(char) && char !== '"' && char !== '\\' ? char : '_'))
    .join('');
  return ascii.replace(/^[_\s.]+$/, '') || FALLBACK;
}

/** RFC 5987 attr-char: ALPHA / DIGIT / "!#$&+-.^_`|~"; everything else percent-encoded as UTF-8. */
function encodeRfc5987(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const name = displayFileName(fileName);
  return `${kind}; filename="${asciiFileName(name)}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}

/** Replaces a file name's extension (a rendered module is served as .wav). */
export function withExtension(fileName: string, extension: string): string {
  const name = displayFileName(fileName);
  const dot = name.lastIndexOf('.');
  return `${dot > 0 ? name.slice(0, dot) : name}.${extension}`;
}
