export async function register() {
  // The Node server only: the database and config checks have no meaning in the Edge runtime.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startServer } = await import('./lib/startup');
    startServer();
  }
}
