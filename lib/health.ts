import 'server-only';
import packageJson from '@/package.json';
import { getDb } from './db';
import { LATEST_SCHEMA_VERSION } from './db/migrations';
import { ConfigError, getConfig } from './env';

export interface HealthReport {
  status: 'ok' | 'error';
  version: string;
  database:
    | { status: 'ok'; schemaVersion: number; latestSchemaVersion: number }
    | { status: 'error'; message: string };
  config:
    | { status: 'ok'; network: string; hfHubUrl: string; adminAddresses: number; publicOrigin: string | null }
    | { status: 'error'; problems: readonly string[] };
}

export function checkHealth(): HealthReport {
  let config: HealthReport['config'];
  try {
    const c = getConfig();
    config = {
      status: 'ok',
      network: c.network,
      hfHubUrl: c.hfHubUrl,
      adminAddresses: c.adminAddresses.length,
      publicOrigin: c.publicOrigin ?? null,
    };
  } catch (error) {
    config = { status: 'error', problems: error instanceof ConfigError ? error.problems : [String(error)] };
  }

  let database: HealthReport['database'];
  try {
    const row = getDb().prepare('SELECT max(version) AS version FROM schema_migrations').get() as {
      version: number;
    };
    database = { status: 'ok', schemaVersion: row.version, latestSchemaVersion: LATEST_SCHEMA_VERSION };
  } catch (error) {
    database = { status: 'error', message: error instanceof Error ? error.message : String(error) };
  }

  const ok = config.status === 'ok' && database.status === 'ok';
  return { status: ok ? 'ok' : 'error', version: packageJson.version, database, config };
}
