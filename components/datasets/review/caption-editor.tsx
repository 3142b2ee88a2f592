'use client';

/**
 * The caption box: live word and character counts, the checks that matter to validators, and the
 * caption's origin (machine drafts stay marked until the reviewer accepts or edits them).
 */
import { type Ref, useId, useImperativeHandle, useRef } from 'react';
import type { CaptionOrigin } from '@/lib/datasets/model';
import { DATASET_LIMITS } from '@/lib/datasets/model';
import { checkCaption } from '@/lib/datasets/review/caption-checks';
import { CaptionOriginBadge } from '../shared/clip-badges';
import { CaptionGuidelines } from './caption-guidelines';

export interface CaptionEditorHandle {
  focus(): void;
}

interface CaptionEditorProps {
  caption: string;
  origin: CaptionOrigin;
  readOnly: boolean;
  onChange: (caption: string, origin: CaptionOrigin) => void;
  onMarkReviewed: () => void;
  ref?: Ref<CaptionEditorHandle>;
}

export function CaptionEditor({
  caption,
  origin,
  readOnly,
  onChange,
  onMarkReviewed,
  ref,
}: CaptionEditorProps) {
  const textarea = useRef<HTMLTextAreaElement>(null);
  const ids = { field: useId(), counts: useId(), messages: useId() };
  const report = checkCaption(caption);
  useImperativeHandle(ref, () => ({
    focus: () => {
      textarea.current?.focus();
      const end = textarea.current?.value.length ?? 0;
      textarea.current?.setSelectionRange(end, end);
    },
  }));

  const wordsShort = report.words < DATASET_LIMITS.captionMinWords;
  const charsOver = report.chars > DATASET_LIMITS.captionMaxChars;
  return (
    <div className="caption-editor">
      <div className="caption-head">
        <label htmlFor={ids.field}>Caption</label>
        <CaptionOriginBadge origin={origin} />
        {origin === 'machine' && !readOnly && (
          <button type="button" className="button button-small" onClick={onMarkReviewed}>
            Mark as reviewed
          </button>
        )}
      </div>
      <textarea
        id={ids.field}
        ref={textarea}
        className="caption-input"
        value={caption}
        readOnly={readOnly}
        rows={4}
        spellCheck
        aria-describedby={`${ids.counts} ${ids.messages}`}
        aria-invalid={charsOver || (caption.trim() !== '' && wordsShort)}
        aria-keyshortcuts="E"
        placeholder="e.g. An upbeat 8-bit overworld theme with a bright square lead, triangle bass and noise drums, made for a platformer."
        onChange={(event) => {
          const text = event.target.value;
          // Any edit makes the caption the reviewer's own; clearing it leaves no caption at all.
          onChange(text, text.trim() ? 'human' : 'none');
        }}
        onKeyDown={(event) => {
          // Esc hands the keyboard back to the review shortcuts.
          if (event.key === 'Escape') event.currentTarget.blur();
        }}
      />
      <p id={ids.counts} className="caption-counts">
        <span className={wordsShort ? 'count-bad' : 'count-ok'}>
          {report.words} {report.words === 1 ? 'word' : 'words'} (at least {DATASET_LIMITS.captionMinWords})
        </span>
        <span className={charsOver ? 'count-bad' : 'count-ok'}>
          {report.chars} / {DATASET_LIMITS.captionMaxChars} characters
        </span>
      </p>
      <ul id={ids.messages} className="caption-messages" aria-live="polite">
        {report.messages.map((message) => (
          <li key={message.id} className={`caption-message caption-${message.level}`}>
            {message.text}
          </li>
        ))}
      </ul>
      {!readOnly && <CaptionGuidelines />}
    </div>
  );
}
