import type { HistogramBin } from '@/lib/datasets/client/histogram';

const WIDTH = 560;
const HEIGHT = 200;
const PAD = { left: 36, right: 8, top: 10, bottom: 28 };

const fmt = (value: number) => value.toFixed(2);

/** Bars of preview scores, with the same numbers as a table for screen readers and copying. */
export function ScoreHistogram({ bins, mean }: { bins: HistogramBin[]; mean: number | null }) {
  if (bins.length === 0) return null;
  const peak = Math.max(...bins.map((bin) => bin.count), 1);
  const from = bins[0]?.from ?? 0;
  const to = bins.at(-1)?.to ?? 1;
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (value: number) => PAD.left + ((value - from) / (to - from || 1)) * plotWidth;
  const y = (count: number) => PAD.top + plotHeight - (count / peak) * plotHeight;
  const labelEvery = Math.max(1, Math.ceil(bins.length / 8));
  const total = bins.reduce((sum, bin) => sum + bin.count, 0);
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label="Score histogram"
        aria-describedby="score-histogram-summary"
        className="chart-svg"
      >
        <line className="chart-axis" x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} />
        <text className="chart-tick" x={PAD.left - 6} y={y(peak) + 4} textAnchor="end">
          {peak}
        </text>
        <text className="chart-tick" x={PAD.left - 6} y={y(0)} textAnchor="end">
          0
        </text>
        {bins.map((bin, index) => (
          <g key={bin.from}>
            <rect
              className="chart-bar"
              x={x(bin.from) + 1}
              y={y(bin.count)}
              width={Math.max(1, x(bin.to) - x(bin.from) - 2)}
              height={y(0) - y(bin.count)}
            >
              <title>{`${fmt(bin.from)} to ${fmt(bin.to)}: ${bin.count} clip${bin.count === 1 ? '' : 's'}`}</title>
            </rect>
            {index % labelEvery === 0 && (
              <text className="chart-tick" x={x(bin.from)} y={HEIGHT - 8} textAnchor="middle">
                {fmt(bin.from)}
              </text>
            )}
          </g>
        ))}
        {mean !== null && (
          <line className="chart-mean" x1={x(mean)} x2={x(mean)} y1={PAD.top} y2={y(0)}>
            <title>{`Mean ${mean.toFixed(3)}`}</title>
          </line>
        )}
      </svg>
      <figcaption id="score-histogram-summary" className="hint">
        {total} stored preview{total === 1 ? '' : 's'} from {fmt(from)} to {fmt(to)}, in bins of{' '}
        {fmt((bins[0]?.to ?? 0) - from)}
        {mean !== null && `; the line marks the mean, ${mean.toFixed(3)}`}.
      </figcaption>
      <details>
        <summary>Show as a table</summary>
        <table className="data-table">
          <caption className="visually-hidden">Score histogram as a table</caption>
          <thead>
            <tr>
              <th scope="col">Score</th>
              <th scope="col">Clips</th>
            </tr>
          </thead>
          <tbody>
            {bins.map((bin) => (
              <tr key={bin.from}>
                <th scope="row">
                  {fmt(bin.from)} to {fmt(bin.to)}
                </th>
                <td>{bin.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
