'use client';

/**
 * "What is left to do": the path from a folder of tracks to a dataset validators score well, with
 * each open step linking to the review view already filtered to the clips that need it.
 */
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { DatasetSummary } from '@/lib/datasets/model';
import { plural } from '@/lib/datasets/review/format';
import { datasetOptions } from '@/lib/queries/datasets';

interface Step {
  id: string;
  done: boolean;
  title: string;
  detail: string;
  href?: string;
  action?: string;
}

export function DatasetChecklist({ initial }: { initial: DatasetSummary }) {
  const { data } = useQuery({ ...datasetOptions(initial.id), initialData: initial });
  const { stats, isOwner } = data;
  const base = `/datasets/${encodeURIComponent(data.id)}`;
  const fresh = stats.byStatus.new ?? 0;
  const uncaptioned = stats.clips - stats.captioned;
  const unlicensed = stats.clips - stats.licensed;
  const failing = stats.quality.fail ?? 0;
  const unscored = stats.clips - stats.scored;
  const empty = stats.clips === 0;

  const steps: Step[] = [
    {
      id: 'import',
      done: !empty,
      title: 'Add chiptune audio',
      detail: empty
        ? 'Drop a folder, a zip or pick a Hugging Face dataset below.'
        : `${plural(stats.clips, 'clip')} imported.`,
    },
    {
      id: 'review',
      done: !empty && fresh === 0,
      title: 'Listen to every clip and decide',
      detail: fresh > 0 ? `${plural(fresh, 'clip')} not reviewed yet.` : 'Every clip has a decision.',
      href: `${base}/review?status=new`,
      action: 'Review new clips',
    },
    {
      id: 'captions',
      done: !empty && uncaptioned === 0,
      title: 'Caption every clip',
      detail:
        uncaptioned > 0 ? `${plural(uncaptioned, 'clip')} without a caption.` : 'Every clip has a caption.',
      href: `${base}/review`,
      action: 'Write captions',
    },
    {
      id: 'licences',
      done: !empty && unlicensed === 0,
      title: 'Set a licence for every clip',
      detail:
        unlicensed > 0
          ? `${plural(unlicensed, 'clip')} with an unknown licence: publishing is blocked until they have one.`
          : 'Every clip has a licence.',
      href: `${base}/review?licence=unknown`,
      action: 'Set licences',
    },
    {
      id: 'quality',
      done: !empty && failing === 0,
      title: 'Fix or skip clips that fail the quality checks',
      detail:
        failing > 0
          ? `${plural(failing, 'clip')} failing (silence, clipping, too short…).`
          : 'No clip fails the checks.',
      href: `${base}/review?quality=fail`,
      action: 'See failing clips',
    },
    {
      id: 'score',
      done: !empty && unscored === 0,
      title: 'Preview CLAP scores',
      detail: unscored > 0 ? `${plural(unscored, 'clip')} not scored yet.` : 'Every clip has a score.',
      href: `${base}/insights`,
      action: 'Open insights',
    },
  ];
  const left = steps.filter((step) => !step.done).length;

  return (
    <section className="card checklist" aria-labelledby="checklist-heading">
      <div className="section-head">
        <h2 id="checklist-heading">Next steps</h2>
        <span className="muted">{left === 0 ? 'Ready to publish' : `${left} of ${steps.length} to do`}</span>
      </div>
      <ol className="checklist-steps">
        {steps.map((step) => (
          <li key={step.id} className={step.done ? 'step-done' : 'step-todo'}>
            <span className="step-icon" aria-hidden="true">
              {step.done ? '✓' : ''}
            </span>
            <div>
              <p className="step-title">
                <span className="visually-hidden">{step.done ? 'Done: ' : 'To do: '}</span>
                {step.title}
              </p>
              <p className="hint">{step.detail}</p>
            </div>
            {!step.done && step.href && step.action && !empty && (isOwner || step.id === 'review') && (
              <Link className="button button-small" href={step.href}>
                {step.action}
              </Link>
            )}
          </li>
        ))}
      </ol>
      {isOwner && left === 0 && (
        <Link className="button button-primary" href={`${base}/publish`}>
          Publish the dataset
        </Link>
      )}
    </section>
  );
}
