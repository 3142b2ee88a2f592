/** Song Describer-style guidance for chiptune captions, collapsed under the caption box. */
import { DATASET_LIMITS } from '@/lib/datasets/model';

export const CAPTION_EXAMPLES = [
  'An upbeat 8-bit overworld theme with a bright square-wave lead, a bouncing triangle bass and crisp noise drums at a fast tempo; cheerful and adventurous, made for a platformer’s first level.',
  'A slow, melancholic chiptune ballad in A minor: soft pulse-wave chords and a gentle arpeggio over a sparse triangle bass, suited to a game-over screen or a quiet village at night.',
  'A tense boss-battle loop at 160 BPM with a driving pulse bass, rapid arpeggios and heavy noise-channel drums, dark, energetic and dramatic.',
] as const;

export function CaptionGuidelines() {
  return (
    <details className="guidelines">
      <summary>How to write a caption that scores well</summary>
      <div className="guidelines-body">
        <p>
          Validators prompt Ruby with chiptune moods and instruments, then score the music with CLAP against
          the prompt. Captions that describe the sound in the same words teach Ruby what those words mean.
        </p>
        <div className="grid grid-2">
          <div>
            <h3>Do</h3>
            <ul>
              <li>
                Name the channels and instruments: square or pulse leads, triangle bass, noise drums,
                arpeggios, FM or wavetable pads.
              </li>
              <li>Give the tempo (slow, mid-tempo, fast, or the BPM) and the key if you know it.</li>
              <li>Say the mood: happy, dark, epic, calm, energetic, melancholic…</li>
              <li>Say where it fits in a game: title screen, overworld, boss fight, victory jingle.</li>
              <li>
                Write one or two sentences, at least {DATASET_LIMITS.captionMinWords} words and at most{' '}
                {DATASET_LIMITS.captionMaxChars} characters.
              </li>
            </ul>
          </div>
          <div>
            <h3>Don’t</h3>
            <ul>
              <li>Name artists, composers or games (“sounds like…”, “in the style of…”).</li>
              <li>Write a list of tags: put tags in the fields beside the caption.</li>
              <li>Tell stories about yourself or where you found the track.</li>
            </ul>
          </div>
        </div>
        <h3>Examples</h3>
        <ul className="caption-examples">
          {CAPTION_EXAMPLES.map((example) => (
            <li key={example}>
              <q>{example}</q>
            </li>
          ))}
        </ul>
      </div>
    </details>
  );
}
