/**
 * A deterministic draft caption from suggested tags: moods become adjectives, instruments become
 * readable names, the tempo is stated, and the leading mood picks a scene in a game, e.g.
 *
 *   "An upbeat, happy chiptune track with synthesizer and drums at 140 BPM, fit for a game's title screen."
 *
 * Same tags in the same order → same sentence. It is a draft: it stays marked machine-made until
 * the miner accepts or edits it. Always at least 8 words (the caption minimum).
 */

/** Mood labels that are not adjectives get one; adjectives are used as they are. */
const MOOD_ADJECTIVE: Record<string, string> = {
  action: 'action-packed',
  adventure: 'adventurous',
  advertising: 'catchy',
  background: 'laid-back',
  ballad: 'tender',
  children: 'playful',
  christmas: 'festive',
  commercial: 'catchy',
  corporate: 'polished',
  documentary: 'reflective',
  drama: 'dramatic',
  dream: 'dreamy',
  film: 'cinematic',
  fun: 'fun',
  game: 'playful',
  holiday: 'festive',
  love: 'romantic',
  movie: 'cinematic',
  nature: 'pastoral',
  party: 'party-ready',
  soundscape: 'atmospheric',
  space: 'spacey',
  sport: 'sporty',
  summer: 'sunny',
  trailer: 'cinematic',
  travel: 'wandering',
};

/** Validator instrument labels are run together ("electricpiano"); captions read better spaced. */
const INSTRUMENT_NAME: Record<string, string> = {
  acousticbassguitar: 'acoustic bass guitar',
  acousticguitar: 'acoustic guitar',
  beat: 'a driving beat',
  bell: 'bells',
  bongo: 'bongos',
  classicalguitar: 'classical guitar',
  computer: 'computer bleeps',
  doublebass: 'double bass',
  drummachine: 'drum machine',
  electricguitar: 'electric guitar',
  electricpiano: 'electric piano',
  pad: 'pads',
  pipeorgan: 'pipe organ',
  sampler: 'samples',
};

/** The scene a leading mood suggests; the first matching group wins. */
const SCENES: [scene: string, moods: readonly string[]][] = [
  ['boss battle', ['action', 'energetic', 'fast', 'powerful', 'heavy', 'epic', 'trailer']],
  ['overworld map', ['adventure', 'travel', 'inspiring', 'motivational', 'sport']],
  ['dungeon', ['dark', 'deep', 'drama', 'dramatic']],
  ['sad cutscene', ['sad', 'melancholic', 'emotional', 'ballad']],
  [
    'peaceful village',
    ['calm', 'relaxing', 'meditative', 'soft', 'slow', 'nature', 'background', 'documentary'],
  ],
  ['space level', ['space', 'dream', 'soundscape', 'deep']],
  ['holiday event', ['christmas', 'holiday', 'summer', 'party']],
  ['love scene', ['love', 'romantic', 'sexy']],
  ['ending credits', ['hopeful', 'uplifting', 'film', 'movie']],
  ['minigame', ['children', 'funny', 'fun', 'commercial', 'advertising', 'corporate']],
  ['title screen', ['happy', 'upbeat', 'positive', 'groovy', 'cool', 'retro', 'game', 'melodic']],
];

export interface CaptionInput {
  /** Ranked mood labels, best first (only the first few are used). */
  moods: readonly string[];
  instruments: readonly string[];
  bpm: number | null;
}

export function moodAdjective(label: string): string {
  return MOOD_ADJECTIVE[label] ?? label;
}

export function instrumentName(label: string): string {
  return INSTRUMENT_NAME[label] ?? label;
}

export function sceneFor(moods: readonly string[]): string {
  for (const mood of moods) {
    const match = SCENES.find(([, group]) => group.includes(mood));
    if (match) return match[0];
  }
  return 'level theme';
}

function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

const article = (word: string) => (/^[aeiou]/i.test(word) ? 'An' : 'A');

export function composeCaption(input: CaptionInput, { moods = 2, instruments = 2 } = {}): string {
  const adjectives = [...new Set(input.moods.slice(0, moods).map(moodAdjective))];
  const names = [...new Set(input.instruments.slice(0, instruments).map(instrumentName))];
  const lead = adjectives.length > 0 ? `${adjectives.join(', ')} chiptune track` : 'chiptune track';
  let sentence = `${article(lead)} ${lead}`;
  if (names.length > 0) sentence += ` with ${listOf(names)}`;
  if (input.bpm !== null && Number.isFinite(input.bpm) && input.bpm > 0)
    sentence += ` at ${Math.round(input.bpm)} BPM`;
  return `${sentence}, fit for a game's ${sceneFor(input.moods)}.`;
}
