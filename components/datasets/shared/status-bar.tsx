/** How far review has got: one bar split by status, with the numbers in text beside it. */
import { CLIP_STATUSES, type ClipStatus } from '@/lib/datasets/model';

const LABELS: Record<ClipStatus, string> = {
  new: 'new',
  accepted: 'accepted',
  skipped: 'skipped',
  reported: 'reported',
};

export function StatusBar({
  byStatus,
  total,
}: {
  byStatus: Partial<Record<ClipStatus, number>>;
  total: number;
}) {
  const parts = CLIP_STATUSES.map((status) => ({ status, count: byStatus[status] ?? 0 })).filter(
    (part) => part.count > 0,
  );
  const summary = parts.map((part) => `${part.count.toLocaleString('en')} ${LABELS[part.status]}`).join(', ');
  return (
    <div className="status-bar">
      <div className="status-bar-track" aria-hidden="true">
        {total > 0 &&
          parts.map((part) => (
            <span
              key={part.status}
              className={`status-bar-part status-fill-${part.status}`}
              style={{ width: `${(part.count / total) * 100}%` }}
            />
          ))}
      </div>
      <p className="status-bar-text">{total === 0 ? 'No clips yet' : summary}</p>
    </div>
  );
}
