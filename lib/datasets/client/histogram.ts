/**
 * Score histogram and summary statistics for the Insights page. Bins have a fixed width (0.05 by
 * default) aligned to multiples of it, so two datasets' histograms are comparable at a glance;
 * each bin is [from, to) except the last, which also holds its upper edge.
 */
export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

export interface ScoreSummary {
  count: number;
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
}

/** Guards against 0.15 / 0.05 = 2.9999999999999996 putting an edge value in the bin below. */
const EDGE = 1e-9;

const round = (value: number) => Math.round(value * 1e6) / 1e6;

export function scoreHistogram(scores: readonly number[], binWidth = 0.05): HistogramBin[] {
  const finite = scores.filter(Number.isFinite);
  if (finite.length === 0) return [];
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const start = Math.floor(min / binWidth + EDGE) * binWidth;
  const count = Math.max(1, Math.ceil((max - start) / binWidth - EDGE));
  const bins: HistogramBin[] = Array.from({ length: count }, (_, i) => ({
    from: round(start + i * binWidth),
    to: round(start + (i + 1) * binWidth),
    count: 0,
  }));
  for (const score of finite) {
    const index = Math.min(count - 1, Math.max(0, Math.floor((score - start) / binWidth + EDGE)));
    const bin = bins[index];
    if (bin) bin.count++;
  }
  return bins;
}

export function summarizeScores(scores: readonly number[]): ScoreSummary {
  const sorted = scores.filter(Number.isFinite).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { count: 0, mean: null, median: null, min: null, max: null };
  const mid = Math.floor(n / 2);
  const median = n % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return {
    count: n,
    mean: sorted.reduce((sum, value) => sum + value, 0) / n,
    median,
    min: sorted[0] ?? null,
    max: sorted[n - 1] ?? null,
  };
}
