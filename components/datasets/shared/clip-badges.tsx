/**
 * Small status pills shared by the dataset pages. Each one says what it means in words (colour is
 * never the only signal), and user-supplied text (licences) is rendered as text.
 */
import type { CaptionOrigin, ClipStatus, QualityLevel } from '@/lib/datasets/model';
import { formatScore } from '@/lib/datasets/review/format';

const STATUS_LABELS: Record<ClipStatus, string> = {
  new: 'New',
  accepted: 'Accepted',
  skipped: 'Skipped',
  reported: 'Reported',
};

export function StatusBadge({ status }: { status: ClipStatus }) {
  return <span className={`badge status-${status}`}>{STATUS_LABELS[status]}</span>;
}

const QUALITY_LABELS: Record<QualityLevel, string> = {
  pass: 'Quality OK',
  warn: 'Quality warning',
  fail: 'Quality fail',
};
const QUALITY_SHORT: Record<QualityLevel, string> = { pass: 'OK', warn: 'Warn', fail: 'Fail' };

export function QualityBadge({ level, short = false }: { level: QualityLevel; short?: boolean }) {
  return (
    <span className={`badge quality-${level}`} title={QUALITY_LABELS[level]}>
      <span aria-hidden="true">{level === 'pass' ? '✓' : level === 'warn' ? '!' : '✕'}</span>
      {short ? (
        <>
          <span aria-hidden="true">{QUALITY_SHORT[level]}</span>
          <span className="visually-hidden">{QUALITY_LABELS[level]}</span>
        </>
      ) : (
        QUALITY_LABELS[level]
      )}
    </span>
  );
}

export function LicenceBadge({ licence }: { licence: string | null }) {
  if (!licence)
    return (
      <span
        className="badge badge-danger"
        title="Licence unknown: the dataset cannot be exported until it is set"
      >
        Licence unknown
      </span>
    );
  return (
    <span className="badge" title={`Licence: ${licence}`}>
      {licence}
    </span>
  );
}

/** A CLAP preview score; a stale one (caption or trim changed since) is marked and explained. */
export function ScoreBadge({
  score,
  stale,
  isTestModel = false,
}: {
  score: number | null;
  stale: boolean;
  isTestModel?: boolean;
}) {
  if (score === null) return <span className="badge score-none">Not scored</span>;
  const notes = [
    stale ? 'stale: the caption or trim changed since it was scored' : null,
    isTestModel ? 'from the test model' : null,
  ]
    .filter(Boolean)
    .join('; ');
  return (
    <span
      className={`badge score${stale ? ' score-stale' : ''}`}
      title={`CLAP score ${formatScore(score)}${notes ? ` (${notes})` : ''}`}
    >
      CLAP {formatScore(score)}
      {stale && <span className="stale-mark"> · stale</span>}
      {isTestModel && <span> · test</span>}
    </span>
  );
}

const ORIGIN_LABELS: Record<CaptionOrigin, { text: string; className: string; title: string }> = {
  none: { text: 'No caption', className: 'badge-danger', title: 'This clip has no caption yet' },
  imported: {
    text: 'Imported caption',
    className: '',
    title: 'Came with the file; check it before accepting',
  },
  machine: {
    text: 'Machine draft, not yet reviewed',
    className: 'badge-machine',
    title: 'Written by the machine: accept it or edit it to make it yours',
  },
  human: { text: 'Reviewed by you', className: 'badge-ok', title: 'Written or accepted by a person' },
};

export function CaptionOriginBadge({ origin }: { origin: CaptionOrigin }) {
  const label = ORIGIN_LABELS[origin];
  return (
    <span className={`badge ${label.className}`} title={label.title}>
      {label.text}
    </span>
  );
}
