import { describe, expect, it } from 'vitest';
import { actionForKey, isTypingTarget, SHORTCUTS } from './shortcuts';

const owner = { canEdit: true };
const body = { tagName: 'BODY' };

describe('actionForKey', () => {
  it('maps every documented key', () => {
    const cases: [string, string][] = [
      [' ', 'play-pause'],
      ['j', 'next'],
      ['J', 'next'],
      ['ArrowDown', 'next'],
      ['k', 'previous'],
      ['ArrowUp', 'previous'],
      ['a', 'accept'],
      ['s', 'skip'],
      ['r', 'report'],
      ['e', 'focus-caption'],
      ['[', 'trim-start'],
      [']', 'trim-end'],
      ['+', 'zoom-in'],
      ['=', 'zoom-in'],
      ['-', 'zoom-out'],
      ['g', 'toggle-spectrogram'],
      ['?', 'show-shortcuts'],
    ];
    for (const [key, action] of cases) expect(actionForKey({ key, target: body }, owner), key).toBe(action);
  });

  it('ignores unknown keys and keys with Ctrl, ⌘ or Alt', () => {
    expect(actionForKey({ key: 'x', target: body }, owner)).toBeNull();
    expect(actionForKey({ key: 'a', ctrlKey: true, target: body }, owner)).toBeNull();
    expect(actionForKey({ key: 's', metaKey: true, target: body }, owner)).toBeNull();
    expect(actionForKey({ key: 'j', altKey: true, target: body }, owner)).toBeNull();
  });

  it('ignores keys typed into text fields', () => {
    for (const target of [
      { tagName: 'TEXTAREA' },
      { tagName: 'INPUT', type: 'text' },
      { tagName: 'INPUT', type: 'search' },
      { tagName: 'INPUT', type: 'number' },
      { tagName: 'SELECT' },
      { tagName: 'DIV', isContentEditable: true },
    ])
      expect(actionForKey({ key: 'a', target }, owner), JSON.stringify(target)).toBeNull();
  });

  it('still handles keys when a checkbox or the list has focus', () => {
    expect(actionForKey({ key: 'j', target: { tagName: 'INPUT', type: 'checkbox' } }, owner)).toBe('next');
    const listbox = { tagName: 'DIV', getAttribute: (name: string) => (name === 'role' ? 'listbox' : null) };
    expect(actionForKey({ key: ' ', target: listbox }, owner)).toBe('play-pause');
  });

  it('leaves Space to a focused button or link', () => {
    expect(actionForKey({ key: ' ', target: { tagName: 'BUTTON' } }, owner)).toBeNull();
    expect(actionForKey({ key: ' ', target: { tagName: 'A' } }, owner)).toBeNull();
    expect(actionForKey({ key: 'a', target: { tagName: 'BUTTON' } }, owner)).toBe('accept');
  });

  it('disables editing shortcuts in a read-only view but keeps listening ones', () => {
    const readOnly = { canEdit: false };
    expect(actionForKey({ key: 'a', target: body }, readOnly)).toBeNull();
    expect(actionForKey({ key: '[', target: body }, readOnly)).toBeNull();
    expect(actionForKey({ key: 'e', target: body }, readOnly)).toBeNull();
    expect(actionForKey({ key: 'j', target: body }, readOnly)).toBe('next');
    expect(actionForKey({ key: ' ', target: body }, readOnly)).toBe('play-pause');
  });

  it('never repeats a status change for a held key, but lets navigation repeat', () => {
    expect(actionForKey({ key: 'a', repeat: true, target: body }, owner)).toBeNull();
    expect(actionForKey({ key: 'j', repeat: true, target: body }, owner)).toBe('next');
  });
});

describe('isTypingTarget', () => {
  it('treats text inputs, textareas and textbox roles as typing', () => {
    expect(isTypingTarget({ tagName: 'INPUT' })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'range' })).toBe(false);
    expect(isTypingTarget({ tagName: 'DIV', getAttribute: () => 'textbox' })).toBe(true);
    expect(isTypingTarget(null)).toBe(false);
  });
});

describe('SHORTCUTS', () => {
  it('has one entry per action and no key bound twice', () => {
    const actions = SHORTCUTS.map((shortcut) => shortcut.action);
    expect(new Set(actions).size).toBe(actions.length);
    const keys = SHORTCUTS.flatMap((shortcut) => shortcut.keys.map((key) => key.toLowerCase()));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
