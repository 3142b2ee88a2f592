/** SHA-256 as lower-case hex with Web Crypto (browsers, workers and Node ≥ 20 alike). */
export async function sha256Hex(data: ArrayBuffer | Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** The hash a CLAP preview records for its caption: SHA-256 of the caption's UTF-8 bytes. */
export function captionHash(caption: string): Promise<string> {
  return sha256Hex(new TextEncoder().encode(caption));
}
