/**
 * Keyboard-first review: the key map, the list the shortcut sheet shows, and the rule that keys
 * typed into a form field are text, never commands. Pure, so the mapping is unit-tested.
 */

export type ReviewAction =
  | 'play-pause'
  | 'next'
  | 'previous'
  | 'accept'
  | 'skip'
  | 'report'
  | 'focus-caption'
  | 'trim-start'
  | 'trim-end'
  | 'zoom-in'
  | 'zoom-out'
  | 'toggle-spectrogram'
  | 'show-shortcuts';

export interface Shortcut {
  action: ReviewAction;
  /** The `KeyboardEvent.key` values that trigger it (compared case-insensitively for letters). */
  keys: readonly string[];
  /** How the sheet writes the keys. */
  label: readonly string[];
  description: string;
  /** Changes data: needs the owner's rights and is never repeated by a held key. */
  edits?: boolean;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'play-pause', keys: [' '], label: ['Space'], description: 'Play or pause the selected clip' },
  { action: 'next', keys: ['j', 'ArrowDown'], label: ['J', '↓'], description: 'Next clip (starts playing)' },
  { action: 'previous', keys: ['k', 'ArrowUp'], label: ['K', '↑'], description: 'Previous clip' },
  {
    action: 'accept',
    keys: ['a'],
    label: ['A'],
    description: 'Accept, then go to the next clip',
    edits: true,
  },
  { action: 'skip', keys: ['s'], label: ['S'], description: 'Skip, then go to the next clip', edits: true },
  {
    action: 'report',
    keys: ['r'],
    label: ['R'],
    description: 'Report a problem (choose a reason)',
    edits: true,
  },
  {
    action: 'focus-caption',
    keys: ['e'],
    label: ['E'],
    description: 'Edit the caption (Esc leaves it)',
    edits: true,
  },
  {
    action: 'trim-start',
    keys: ['['],
    label: ['['],
    description: 'Set the trim start at the playhead',
    edits: true,
  },
  {
    action: 'trim-end',
    keys: [']'],
    label: [']'],
    description: 'Set the trim end at the playhead',
    edits: true,
  },
  { action: 'zoom-in', keys: ['+', '='], label: ['+'], description: 'Zoom the waveform in' },
  { action: 'zoom-out', keys: ['-', '_'], label: ['−'], description: 'Zoom the waveform out' },
  { action: 'toggle-spectrogram', keys: ['g'], label: ['G'], description: 'Show or hide the spectrogram' },
  { action: 'show-shortcuts', keys: ['?'], label: ['?'], description: 'Show this list of shortcuts' },
];

/** The parts of a DOM element the rules look at (plain objects in tests). */
export interface TargetLike {
  tagName?: string;
  type?: string;
  isContentEditable?: boolean;
  getAttribute?: (name: string) => string | null;
}

export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  repeat?: boolean;
  target?: TargetLike | null;
}

const NON_TEXT_INPUTS = new Set(['button', 'checkbox', 'radio', 'range', 'color', 'file', 'submit', 'reset']);

/** Keys pressed here are someone typing, not commands. */
export function isTypingTarget(target: TargetLike | null | undefined): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName?.toLowerCase();
  if (tag === 'textarea' || tag === 'select') return true;
  if (tag === 'input') return !NON_TEXT_INPUTS.has((target.type ?? 'text').toLowerCase());
  const role = target.getAttribute?.('role');
  return role === 'textbox' || role === 'combobox' || role === 'searchbox';
}

/** Space on a focused button or link activates that control; it must not also play or pause. */
function activatesWithSpace(target: TargetLike | null | undefined): boolean {
  const tag = target?.tagName?.toLowerCase();
  if (tag === 'button' || tag === 'a' || tag === 'summary') return true;
  if (tag === 'input') return NON_TEXT_INPUTS.has((target?.type ?? '').toLowerCase());
  const role = target?.getAttribute?.('role');
  return role === 'button' || role === 'checkbox' || role === 'switch' || role === 'menuitem';
}

const BY_KEY = new Map<string, Shortcut>();
for (const shortcut of SHORTCUTS) for (const key of shortcut.keys) BY_KEY.set(key.toLowerCase(), shortcut);

/**
 * The action a key press asks for, or null. Modified keys (Ctrl/⌘/Alt) stay with the browser and
 * the operating system; `canEdit` false (a read-only view) disables the shortcuts that change data.
 */
export function actionForKey(event: KeyInput, options: { canEdit: boolean }): ReviewAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (isTypingTarget(event.target)) return null;
  const shortcut = BY_KEY.get(event.key.toLowerCase());
  if (!shortcut) return null;
  if (shortcut.edits && (!options.canEdit || event.repeat)) return null;
  if (shortcut.action === 'play-pause' && activatesWithSpace(event.target)) return null;
  return shortcut.action;
}
