/**
 * The text a user signs to sign in. Human-readable first (the extension shows it verbatim), and
 * bound to everything that matters: the app, the origin that asked, the account, a single-use
 * server nonce and a validity window. Layout follows Sign-In with Ethereum (EIP-4361) so it reads
 * familiarly to people who have signed such messages before.
 */
export const APP_NAME = 'Genki Studio';

export interface SignInMessageFields {
  origin: string;
  address: string;
  nonce: string;
  issuedAt: Date;
  expiresAt: Date;
}

export function buildSignInMessage(fields: SignInMessageFields): string {
  return [
    `${APP_NAME} wants you to sign in with your Substrate account:`,
    fields.address,
    '',
    'Signing proves you control this account. It does not send a transaction and costs no fees.',
    '',
    `URI: ${fields.origin}`,
    `Nonce: ${fields.nonce}`,
    `Issued At: ${fields.issuedAt.toISOString()}`,
    `Expiration Time: ${fields.expiresAt.toISOString()}`,
  ].join('\n');
}
