import Link from 'next/link';
import { NEAR_DUPLICATE_COSINE } from '@/lib/datasets/client/near-duplicates';
import { type ClipMapInfo, reviewHref } from './clip-map';

const SHOWN = 200;

/** Pairs of clips CLAP can barely tell apart, each linked to the review workspace. */
export function NearDuplicateList({
  datasetId,
  pairs,
  info,
}: {
  datasetId: string;
  pairs: { a: string; b: string; cosine: number }[];
  info: Map<string, ClipMapInfo>;
}) {
  const name = (id: string) => info.get(id)?.name ?? id;
  return (
    <section aria-labelledby="near-duplicates-heading">
      <h3 id="near-duplicates-heading">Near-duplicates</h3>
      <p className="hint">
        Pairs whose audio embeddings have a cosine of {NEAR_DUPLICATE_COSINE} or more: to CLAP they are the
        same sound (a re-encode, or one loop cut twice). Keep one of each pair; copies add nothing for Ruby to
        learn.
      </p>
      {pairs.length === 0 ? (
        <p>No near-duplicates among the scored clips.</p>
      ) : (
        <>
          <ul className="near-duplicates">
            {pairs.slice(0, SHOWN).map((pair) => (
              <li key={`${pair.a}:${pair.b}`}>
                <span className="badge badge-warn">{pair.cosine.toFixed(3)}</span>{' '}
                <Link href={reviewHref(datasetId, pair.a)}>{name(pair.a)}</Link> and{' '}
                <Link href={reviewHref(datasetId, pair.b)}>{name(pair.b)}</Link>
              </li>
            ))}
          </ul>
          {pairs.length > SHOWN && (
            <p className="hint">
              Showing the {SHOWN} closest of {pairs.length} pairs.
            </p>
          )}
        </>
      )}
    </section>
  );
}
