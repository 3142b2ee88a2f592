/** The import's quality report for one clip: one line per check a miner can act on. */
import type { QualityReport } from '@/lib/datasets/model';

const CHECK_NAMES: Record<QualityReport['checks'][number]['id'], string> = {
  duration: 'Duration',
  sample_rate: 'Sample rate',
  channels: 'Channels',
  silence: 'Silence',
  clipping: 'Clipping',
  loudness: 'Loudness',
  dc_offset: 'DC offset',
  decode: 'Decoding',
};

export function QualityChecks({ quality }: { quality: QualityReport }) {
  if (quality.checks.length === 0) return null;
  const problems = quality.checks.filter((check) => check.level !== 'pass');
  return (
    <details className="quality-checks" open={problems.length > 0}>
      <summary>
        Quality checks{' '}
        <span className="muted">
          ({problems.length === 0 ? 'all passed' : `${problems.length} to look at`})
        </span>
      </summary>
      <ul>
        {quality.checks.map((check) => (
          <li key={check.id} className={`quality-check quality-${check.level}`}>
            <span className="quality-icon" aria-hidden="true">
              {check.level === 'pass' ? '✓' : check.level === 'warn' ? '!' : '✕'}
            </span>
            <span className="visually-hidden">
              {check.level === 'pass' ? 'Passed' : check.level === 'warn' ? 'Warning' : 'Failed'}:{' '}
            </span>
            <strong>{CHECK_NAMES[check.id]}</strong> <span>{check.message}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
