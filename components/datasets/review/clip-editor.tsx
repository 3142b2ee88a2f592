'use client';

/**
 * Everything a reviewer writes about one clip: caption, machine suggestions, tags, licence and
 * attribution, all autosaved through one draft (mounted per clip, so switching clips flushes it).
 */
import { type Ref, useImperativeHandle, useRef } from 'react';
import type { Clip } from '@/lib/datasets/model';
import { CaptionEditor, type CaptionEditorHandle } from './caption-editor';
import { LicenceEditor } from './licence-editor';
import { SaveStatus } from './save-status';
import { SuggestionsPanel } from './suggestions-panel';
import { TagEditor } from './tag-editor';
import { useClipDraft } from './use-clip-draft';

export interface ClipEditorHandle {
  focusCaption(): void;
}

export function ClipEditor({
  clip,
  readOnly,
  ref,
}: {
  clip: Clip;
  readOnly: boolean;
  ref?: Ref<ClipEditorHandle>;
}) {
  const draft = useClipDraft(clip, !readOnly);
  const caption = useRef<CaptionEditorHandle>(null);
  useImperativeHandle(ref, () => ({ focusCaption: () => caption.current?.focus() }));
  const { values, edit } = draft;

  return (
    <div className="clip-editor">
      {!readOnly && <SaveStatus state={draft.state} error={draft.error} onRetry={() => void draft.save()} />}
      <div className="clip-editor-grid">
        <div className="clip-editor-main">
          <CaptionEditor
            ref={caption}
            caption={values.caption}
            origin={values.captionOrigin}
            readOnly={readOnly}
            onChange={(text, origin) => edit({ caption: text, captionOrigin: origin })}
            onMarkReviewed={() => edit({ captionOrigin: 'human' })}
          />
          <SuggestionsPanel
            clip={clip}
            tags={values.tags}
            readOnly={readOnly}
            onUseCaption={(text) => edit({ caption: text, captionOrigin: 'human' })}
            onEditCaption={(text) => {
              // Still the machine's words until the reviewer changes them.
              edit({ caption: text, captionOrigin: 'machine' });
              caption.current?.focus();
            }}
            onTags={(tags) => edit({ tags })}
          />
        </div>
        <div className="clip-editor-side">
          <TagEditor tags={values.tags} readOnly={readOnly} onChange={(tags) => edit({ tags })} />
          <LicenceEditor
            licence={values.licence}
            attribution={values.attribution}
            readOnly={readOnly}
            onChange={(patch) => edit(patch)}
          />
        </div>
      </div>
    </div>
  );
}
