/**
 * Sign-in failures. Each code maps to one sentence the user can act on; nothing else (stack,
 * stored values, which check ran first) leaves the server.
 */
export const AUTH_FAILURES = {
  invalid_address: 'That is not a Substrate (sr25519 or ed25519, SS58) account address.',
  unknown_nonce: 'This sign-in request is unknown. Start signing in again.',
  expired_nonce: 'This sign-in request has expired. Start signing in again.',
  used_nonce: 'This sign-in request was already used. Start signing in again.',
  address_mismatch: 'The account that signed is not the account this sign-in request was issued for.',
  bad_signature: 'The signature does not match the sign-in message for this account.',
  unsupported_key: 'Only sr25519 and ed25519 Substrate accounts can sign in.',
  no_session: 'Sign in first.',
  bad_origin: 'This request did not come from Genki Studio itself.',
} as const;

export type AuthFailure = keyof typeof AUTH_FAILURES;

export class AuthError extends Error {
  override name = 'AuthError';
  constructor(
    readonly code: AuthFailure,
    readonly status: 401 | 403 | 400 = code === 'bad_origin' ? 403 : code === 'invalid_address' ? 400 : 401,
  ) {
    super(AUTH_FAILURES[code]);
  }
}
