'use client';

/** The "?" sheet: every review shortcut, in an accessible modal dialog. */
import { type Ref, useId, useImperativeHandle, useRef } from 'react';
import { SHORTCUTS } from '@/lib/datasets/review/shortcuts';

export interface ShortcutSheetHandle {
  open(): void;
}

export function ShortcutSheet({ canEdit, ref }: { canEdit: boolean; ref?: Ref<ShortcutSheetHandle> }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useImperativeHandle(ref, () => ({ open: () => dialog.current?.showModal() }));
  return (
    <dialog ref={dialog} className="modal shortcut-sheet" aria-labelledby={titleId}>
      <h2 id={titleId}>Keyboard shortcuts</h2>
      <p className="hint">Shortcuts pause while you type in a field; press Esc to leave the field.</p>
      <table className="shortcut-table">
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.filter((shortcut) => canEdit || !shortcut.edits).map((shortcut) => (
            <tr key={shortcut.action}>
              <td>
                {shortcut.label.map((key, index) => (
                  <span key={key}>
                    {index > 0 && <span className="muted"> or </span>}
                    <kbd>{key}</kbd>
                  </span>
                ))}
              </td>
              <td>{shortcut.description}</td>
            </tr>
          ))}
          <tr>
            <td>
              <kbd>Esc</kbd>
            </td>
            <td>Leave a text field, or close this sheet</td>
          </tr>
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" className="button button-primary" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
    </dialog>
  );
}
