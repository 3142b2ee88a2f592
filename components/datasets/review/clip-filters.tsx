'use client';

/** Filters and sort for the clip list; every value is kept in the URL (see review-search.ts). */
import { useId } from 'react';
import { CLIP_STATUSES, type ClipQuery, type ClipStatus } from '@/lib/datasets/model';
import { hasActiveFilters } from '@/lib/datasets/review/review-search';
import { VALIDATOR_INSTRUMENTS, VALIDATOR_MOODS } from '@/lib/genki/vocabulary';
import { useUrlField } from './use-url-field';

const STATUS_NAMES: Record<ClipStatus, string> = {
  new: 'New',
  accepted: 'Accepted',
  skipped: 'Skipped',
  reported: 'Reported',
};
const SORTS: { value: ClipQuery['sort']; label: string }[] = [
  { value: 'position', label: 'Import order' },
  { value: 'name', label: 'File name' },
  { value: 'duration', label: 'Duration' },
  { value: 'score', label: 'CLAP score' },
  { value: 'quality', label: 'Quality' },
  { value: 'status', label: 'Status' },
];
const TAGS = [...VALIDATOR_MOODS, ...VALIDATOR_INSTRUMENTS];

const numberOrUndefined = (text: string, min: number, max: number) => {
  if (!text.trim()) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? Math.min(Math.max(value, min), max) : undefined;
};

interface ClipFiltersProps {
  query: ClipQuery;
  byStatus: Partial<Record<ClipStatus, number>> | undefined;
  onChange: (patch: Partial<ClipQuery>, mode?: 'push' | 'replace') => void;
  onClear: () => void;
}

export function ClipFilters({ query, byStatus, onChange, onClear }: ClipFiltersProps) {
  const id = useId();
  const search = useUrlField(query.q ?? '', (q) => onChange({ q: q.trim() || undefined }, 'replace'));
  const tag = useUrlField(query.tag ?? '', (text) =>
    onChange({ tag: text.trim().toLowerCase() || undefined }, 'replace'),
  );
  const minDuration = useUrlField(query.minDuration?.toString() ?? '', (text) =>
    onChange({ minDuration: numberOrUndefined(text, 0, 24 * 3600) }, 'replace'),
  );
  const maxDuration = useUrlField(query.maxDuration?.toString() ?? '', (text) =>
    onChange({ maxDuration: numberOrUndefined(text, 0, 24 * 3600) }, 'replace'),
  );
  const minScore = useUrlField(query.minScore?.toString() ?? '', (text) =>
    onChange({ minScore: numberOrUndefined(text, -1, 1) }, 'replace'),
  );

  return (
    <form className="clip-filters" aria-label="Filter clips" onSubmit={(event) => event.preventDefault()}>
      <div className="filter filter-search">
        <label htmlFor={`${id}-q`}>Search clips</label>
        <input
          id={`${id}-q`}
          type="search"
          value={search.text}
          placeholder="File name or words in the caption"
          maxLength={200}
          onChange={(event) => search.change(event.target.value)}
          onBlur={search.flush}
        />
      </div>
      <div className="filter">
        <label htmlFor={`${id}-status`}>Status</label>
        <select
          id={`${id}-status`}
          value={query.status}
          onChange={(event) => onChange({ status: event.target.value as ClipQuery['status'] })}
        >
          <option value="all">All</option>
          {CLIP_STATUSES.map((status) => (
            <option key={status} value={status}>
              {STATUS_NAMES[status]}
              {byStatus?.[status] !== undefined ? ` (${byStatus[status]?.toLocaleString('en')})` : ''}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor={`${id}-quality`}>Quality</label>
        <select
          id={`${id}-quality`}
          value={query.quality}
          onChange={(event) => onChange({ quality: event.target.value as ClipQuery['quality'] })}
        >
          <option value="all">All</option>
          <option value="pass">OK</option>
          <option value="warn">Warnings</option>
          <option value="fail">Failures</option>
        </select>
      </div>
      <div className="filter">
        {/* "Licensing", not "Licence": the clip's own licence picker keeps that name to itself. */}
        <label htmlFor={`${id}-licence`}>Licensing</label>
        <select
          id={`${id}-licence`}
          value={query.licence}
          onChange={(event) => onChange({ licence: event.target.value as ClipQuery['licence'] })}
        >
          <option value="all">Any</option>
          <option value="known">Known</option>
          <option value="unknown">Unknown</option>
        </select>
      </div>
      <div className="filter filter-tag">
        <label htmlFor={`${id}-tag`}>Tag</label>
        <input
          id={`${id}-tag`}
          list={`${id}-tags`}
          value={tag.text}
          maxLength={40}
          placeholder="happy, bass…"
          onChange={(event) => tag.change(event.target.value)}
          onBlur={tag.flush}
        />
        <datalist id={`${id}-tags`}>
          {TAGS.map((word) => (
            <option key={word} value={word} />
          ))}
        </datalist>
      </div>
      <fieldset className="filter filter-range">
        <legend>Duration (s)</legend>
        <input
          aria-label="Shortest duration in seconds"
          type="number"
          min={0}
          step="any"
          inputMode="decimal"
          value={minDuration.text}
          placeholder="min"
          onChange={(event) => minDuration.change(event.target.value)}
          onBlur={minDuration.flush}
        />
        <span aria-hidden="true">–</span>
        <input
          aria-label="Longest duration in seconds"
          type="number"
          min={0}
          step="any"
          inputMode="decimal"
          value={maxDuration.text}
          placeholder="max"
          onChange={(event) => maxDuration.change(event.target.value)}
          onBlur={maxDuration.flush}
        />
      </fieldset>
      <div className="filter filter-score">
        <label htmlFor={`${id}-score`}>Min score</label>
        <input
          id={`${id}-score`}
          type="number"
          min={-1}
          max={1}
          step={0.01}
          inputMode="decimal"
          value={minScore.text}
          placeholder="−1…1"
          onChange={(event) => minScore.change(event.target.value)}
          onBlur={minScore.flush}
        />
      </div>
      <div className="filter filter-sort">
        <label htmlFor={`${id}-sort`}>Sort by</label>
        <div className="sort-pair">
          <select
            id={`${id}-sort`}
            value={query.sort}
            onChange={(event) => onChange({ sort: event.target.value as ClipQuery['sort'] })}
          >
            {SORTS.map((sort) => (
              <option key={sort.value} value={sort.value}>
                {sort.label}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button"
            onClick={() => onChange({ order: query.order === 'asc' ? 'desc' : 'asc' })}
            aria-label={
              query.order === 'asc'
                ? 'Ascending order; switch to descending'
                : 'Descending order; switch to ascending'
            }
          >
            <span aria-hidden="true">{query.order === 'asc' ? '↑' : '↓'}</span>
          </button>
        </div>
      </div>
      {hasActiveFilters(query) && (
        <button type="button" className="button button-ghost filter-clear" onClick={onClear}>
          Clear filters
        </button>
      )}
    </form>
  );
}
