/**
 * Secrets the CLI holds (a mnemonic or secret URI, a seed, a key file's password) are registered
 * here the moment they are read, so every path that prints something it did not write itself
 * (GENKI_DEBUG stack traces, library log lines) can scrub them. Our own messages never contain a
 * secret in the first place; this is the net under libraries whose errors might quote their input.
 */

const REDACTED = '[secret]';
const MIN_SECRET_LENGTH = 4;
const exact = new Set<string>();
/** Consecutive word pairs of registered phrases, as regexes. */
const pairs = new Map<string, RegExp>();

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Remembers `value` (and, for a phrase, each pair of consecutive words) for scrubSecrets. */
export function registerSecret(value: string | undefined): void {
  const trimmed = value?.trim();
  // Scrubbing a two-letter value would garble every message for little gain; none of our own
  // messages holds a secret anyway.
  if (!trimmed || trimmed.length < MIN_SECRET_LENGTH) return;
  exact.add(trimmed);
  // A hex seed also travels without its 0x.
  if (/^0x[0-9a-f]+$/i.test(trimmed)) exact.add(trimmed.slice(2));
  // The phrase part of a secret URI (before any //hard or /soft derivation) may be quoted in part,
  // or with other spacing. Pairs, not single words: blanking a lone common word ("first") would
  // itself tell a reader that the word is in the mnemonic.
  const words = (trimmed.split('/')[0] ?? '').split(/\s+/).filter(Boolean);
  for (let i = 1; i < words.length; i++) {
    const pair = `${words[i - 1]} ${words[i]}`;
    if (!pairs.has(pair))
      pairs.set(
        pair,
        new RegExp(`\\b${escapeRegExp(words[i - 1] ?? '')}\\s+${escapeRegExp(words[i] ?? '')}\\b`, 'gi'),
      );
  }
}

/** `text` with every registered secret, and every pair of consecutive phrase words, replaced. */
export function scrubSecrets(text: string): string {
  let out = text;
  // Longest first, so a whole phrase is replaced before anything inside it.
  for (const secret of [...exact].sort((a, b) => b.length - a.length)) {
    out = out.replace(new RegExp(escapeRegExp(secret), 'gi'), REDACTED);
  }
  for (const pattern of pairs.values()) out = out.replace(pattern, REDACTED);
  return out;
}

/** For tests in one process: forget everything registered. */
export function clearSecrets(): void {
  exact.clear();
  pairs.clear();
}
