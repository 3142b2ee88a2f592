/** An 8×8 pixel "genki-dama" (energy ball) drawn as SVG rects: crisp at any size, no image request. */
const PIXELS = [
  '..XXXX..',
  '.XXOOXX.',
  'XXOOOOXX',
  'XOOWOOOX',
  'XOOOOOOX',
  'XXOOOOXX',
  '.XXOOXX.',
  '..XXXX..',
];
const COLORS: Record<string, string> = { X: '#c2185b', O: '#ff6f9f', W: '#ffffff' };

const CELLS = PIXELS.flatMap((row, y) =>
  [...row].flatMap((cell, x) => {
    const fill = COLORS[cell];
    return fill ? [{ id: `${x}:${y}`, x, y, fill }] : [];
  }),
);

export function BrandMark({ className }: { className?: string }) {
  return (
    <svg
      className={className}
      viewBox="0 0 8 8"
      shapeRendering="crispEdges"
      aria-hidden="true"
      focusable="false"
    >
      {CELLS.map((cell) => (
        <rect key={cell.id} x={cell.x} y={cell.y} width="1" height="1" fill={cell.fill} />
      ))}
    </svg>
  );
}
