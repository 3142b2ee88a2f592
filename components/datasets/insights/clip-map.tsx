'use client';

import { useRouter } from 'next/navigation';
import { type KeyboardEvent, useMemo, useRef, useState } from 'react';
import type { ClipMapPoint } from '@/lib/datasets/client/insights-client';

const WIDTH = 640;
const HEIGHT = 420;
const PAD = 16;

export interface ClipMapInfo {
  name: string;
  score: number | null;
}

export const reviewHref = (datasetId: string, clipId: string) =>
  `/datasets/${encodeURIComponent(datasetId)}/review?clip=${encodeURIComponent(clipId)}`;

/**
 * Clips as dots on their first two principal components: close dots sound alike to CLAP. Hover or
 * focus shows the clip; a click (or Enter) opens it in the review workspace. One tab stop for the
 * whole map: arrow keys move between dots from left to right, Home/End jump to the ends.
 */
export function ClipMap({
  datasetId,
  points,
  info,
  flagged,
  explained,
}: {
  datasetId: string;
  points: ClipMapPoint[];
  info: Map<string, ClipMapInfo>;
  flagged: Set<string>;
  explained: number[];
}) {
  const router = useRouter();
  const svg = useRef<SVGSVGElement>(null);
  const [active, setActive] = useState(0);
  const [shown, setShown] = useState<number | null>(null);

  const layout = useMemo(() => {
    const xs = points.map((point) => point.x);
    const ys = points.map((point) => point.y);
    const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const sx = (value: number) => PAD + ((value - minX) / (maxX - minX || 1)) * (WIDTH - 2 * PAD);
    const sy = (value: number) => HEIGHT - PAD - ((value - minY) / (maxY - minY || 1)) * (HEIGHT - 2 * PAD);
    return points
      .map((point) => ({ ...point, px: sx(point.x), py: sy(point.y) }))
      .sort((a, b) => a.px - b.px || a.py - b.py);
  }, [points]);

  const focus = (index: number) => {
    const next = Math.max(0, Math.min(layout.length - 1, index));
    setActive(next);
    setShown(next);
    svg.current?.querySelector<SVGAElement>(`[data-index="${next}"]`)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    const moves: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    if (event.key in moves) focus(active + (moves[event.key] ?? 0));
    else if (event.key === 'Home') focus(0);
    else if (event.key === 'End') focus(layout.length - 1);
    else return;
    event.preventDefault();
  };

  const current = shown === null ? null : layout[shown];
  const currentInfo = current ? info.get(current.id) : undefined;
  const axis = (i: number) =>
    `PC${i + 1}${explained[i] !== undefined ? ` (${(explained[i] * 100).toFixed(0)}% of variance)` : ''}`;

  return (
    <figure className="clip-map" aria-label="Clip map" aria-describedby="clip-map-hint">
      <svg
        ref={svg}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="chart-svg"
        onKeyDown={onKeyDown}
        onMouseLeave={() => setShown(null)}
      >
        <title>Clip map</title>
        <rect className="clip-map-frame" x={0.5} y={0.5} width={WIDTH - 1} height={HEIGHT - 1} />
        {layout.map((point, index) => {
          const meta = info.get(point.id);
          const href = reviewHref(datasetId, point.id);
          const isFlagged = flagged.has(point.id);
          return (
            <a
              key={point.id}
              href={href}
              data-index={index}
              tabIndex={index === active ? 0 : -1}
              aria-label={`${meta?.name ?? point.id}${meta?.score != null ? `, score ${meta.score.toFixed(3)}` : ''}${isFlagged ? ', near-duplicate' : ''}`}
              onClick={(event) => {
                if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
                event.preventDefault();
                router.push(href);
              }}
              onFocus={() => {
                setActive(index);
                setShown(index);
              }}
              onMouseEnter={() => setShown(index)}
            >
              <circle
                className={`clip-dot${isFlagged ? ' clip-dot-flagged' : ''}${shown === index ? ' clip-dot-active' : ''}`}
                cx={point.px}
                cy={point.py}
                r={shown === index ? 6 : 4}
              />
            </a>
          );
        })}
      </svg>
      {current && (
        <div
          className="clip-map-tip"
          aria-hidden="true"
          style={{ left: `${(current.px / WIDTH) * 100}%`, top: `${(current.py / HEIGHT) * 100}%` }}
        >
          <strong>{currentInfo?.name ?? current.id}</strong>
          {currentInfo?.score != null && <span> · {currentInfo.score.toFixed(3)}</span>}
          {flagged.has(current.id) && <span> · near-duplicate</span>}
        </div>
      )}
      <figcaption className="hint" id="clip-map-hint">
        {points.length} clips on {axis(0)} and {axis(1)}. Near dots sound alike to CLAP; red dots have a
        near-duplicate. Arrow keys move between dots, Enter opens one for review.
      </figcaption>
    </figure>
  );
}
