import { checkHealth } from '@/lib/health';

export const dynamic = 'force-dynamic';

/** Liveness and readiness for operators and load balancers: version, database and config status. */
export function GET() {
  const report = checkHealth();
  return Response.json(report, {
    status: report.status === 'ok' ? 200 : 503,
    headers: { 'cache-control': 'no-store' },
  });
}
