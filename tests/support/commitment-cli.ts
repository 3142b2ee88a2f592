/** Shared values and argv for the `genki commitment submit` tests (success and failure files). */
export const NETUID = 1;
export const COMMIT = '0123456789abcdef0123456789abcdef01234567';
export const HASH = 'c1S/UOoEheNX0chuty+x036Q0N7MKI4z5HEjamC7PN8=';
export const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
export const PASSWORD = 'correct horse battery staple 42';

/** `genki commitment submit` to `endpoint` on NETUID at COMMIT, then the test's own flags. */
export const submitArgs = (endpoint: string, ...extra: string[]) => [
  'commitment',
  'submit',
  '--endpoint',
  endpoint,
  '--netuid',
  String(NETUID),
  '--commit',
  COMMIT,
  ...extra,
];
