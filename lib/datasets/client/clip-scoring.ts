/**
 * Scores dataset clips in this browser: audio embedding from the CLAP worker (clip-embedding.ts),
 * caption embedding from the server (POST /api/clap/text-embeddings), cosine, then
 * PUT /api/clips/:id/clap. One run per dataset at a time, at module level so it keeps going while
 * the person navigates; ids asked for during a run join it. A clip that cannot be scored (no
 * caption, unreadable audio) is reported and the run moves on.
 */
import type { z } from 'zod';
import type { ClapClient } from '../../engine/clap-client';
import { cosineSimilarity } from '../../metrics/clap-score';
import type { Clip, clapPreviewRequestSchema } from '../model';
import { embedDatasetClip } from './clip-embedding';
import { captionHash } from './sha256';

export type ClapPreviewRequest = z.input<typeof clapPreviewRequestSchema>;

export interface ScoringDeps {
  getClient(): Promise<ClapClient>;
  fetchClip(id: string): Promise<Clip>;
  textEmbeddings(
    texts: string[],
  ): Promise<{ isTestModel: boolean; repo: string; revision: string; embeddings: Float32Array[] }>;
  putClap(id: string, body: ClapPreviewRequest): Promise<Clip>;
  /** Called after each stored preview (for cache updates), and with `final` once the run ends. */
  onStored(clip: Clip, final: boolean): void;
  embed?: typeof embedDatasetClip;
}

export interface ScoringState {
  running: boolean;
  progress: { done: number; total: number } | null;
  error: string | null;
  /** Whether the model used is the test fixture (its scores are not real CLAP scores). */
  isTestModel: boolean | null;
}

/** Clips per round trip: details fetched in parallel, captions embedded in one request. */
const BATCH = 16;

export class ClipScoringRun {
  state: ScoringState = { running: false, progress: null, error: null, isTestModel: null };
  private readonly queue: string[] = [];
  private readonly queued = new Set<string>();
  private failures: string[] = [];
  private loop: Promise<void> | null = null;

  constructor(
    private readonly deps: ScoringDeps,
    private readonly onChange: (state: ScoringState) => void,
  ) {}

  /** Adds clips to the run (starting it if idle); resolves when the run has finished. */
  score(ids: readonly string[]): Promise<void> {
    const fresh = ids.filter((id) => !this.queued.has(id));
    for (const id of fresh) {
      this.queued.add(id);
      this.queue.push(id);
    }
    if (!this.loop) return this.start();
    if (this.state.progress) {
      this.set({ progress: { ...this.state.progress, total: this.state.progress.total + fresh.length } });
    }
    return this.loop;
  }

  private start(): Promise<void> {
    this.failures = [];
    this.set({ running: true, progress: { done: 0, total: this.queue.length }, error: null });
    const loop = this.run()
      .catch((error: unknown) => this.set({ running: false, error: (error as Error).message }))
      .then(() => {
        this.loop = null;
        // Ids queued in the instant between the loop's last check and now start a fresh run.
        if (this.queue.length > 0) return this.start();
      });
    this.loop = loop;
    return loop;
  }

  private set(patch: Partial<ScoringState>) {
    this.state = { ...this.state, ...patch };
    this.onChange(this.state);
  }

  private tick() {
    const progress = this.state.progress ?? { done: 0, total: 0 };
    this.set({ progress: { ...progress, done: progress.done + 1 } });
  }

  private async run() {
    let client: ClapClient;
    try {
      client = await this.deps.getClient();
    } catch (error) {
      this.queue.length = 0;
      this.queued.clear();
      this.set({
        running: false,
        error: `The scoring model could not be loaded: ${(error as Error).message}`,
      });
      return;
    }
    let last: Clip | null = null;
    while (this.queue.length > 0) {
      const ids = this.queue.splice(0, BATCH);
      for (const id of ids) this.queued.delete(id);
      const clips = await Promise.all(
        ids.map((id) => this.deps.fetchClip(id).catch((error: unknown) => ({ id, error: error as Error }))),
      );
      const scorable: Clip[] = [];
      for (const clip of clips) {
        if ('error' in clip) this.fail(clip.id, clip.error.message);
        else if (!clip.caption.trim()) this.fail(clip.fileName, 'it has no caption to score against');
        else scorable.push(clip);
      }
      const captions = [...new Set(scorable.map((clip) => clip.caption))];
      let texts: Map<string, Float32Array>;
      let textModel: Awaited<ReturnType<ScoringDeps['textEmbeddings']>>;
      try {
        textModel =
          captions.length > 0
            ? await this.deps.textEmbeddings(captions)
            : { isTestModel: false, repo: '', revision: '', embeddings: [] };
        texts = new Map(
          captions.map((caption, i) => [caption, textModel.embeddings[i] ?? new Float32Array()]),
        );
      } catch (error) {
        for (const clip of scorable)
          this.fail(clip.fileName, `its caption could not be embedded: ${(error as Error).message}`);
        continue;
      }
      for (const clip of scorable) {
        try {
          last = await this.scoreOne(client, clip, texts, textModel);
        } catch (error) {
          this.fail(clip.fileName, (error as Error).message);
        }
      }
    }
    if (last) this.deps.onStored(last, true);
    const count = this.failures.length;
    this.set({
      running: false,
      error:
        count === 0
          ? null
          : `${count} clip${count === 1 ? '' : 's'} could not be scored: ${this.failures.slice(0, 5).join('; ')}${count > 5 ? '; …' : ''}`,
    });
  }

  private fail(name: string, reason: string) {
    this.failures.push(`${name}: ${reason}`);
    this.tick();
  }

  private async scoreOne(
    client: ClapClient,
    clip: Clip,
    texts: Map<string, Float32Array>,
    textModel: { isTestModel: boolean; repo: string; revision: string },
  ): Promise<Clip> {
    const audio = await (this.deps.embed ?? embedDatasetClip)(client, clip);
    if (textModel.repo !== audio.info.repo || textModel.revision !== audio.info.revision) {
      throw new Error('the server and this browser use different CLAP models; reload the page');
    }
    const text = texts.get(clip.caption);
    if (!text || text.length !== audio.embedding.length) throw new Error('its caption embedding is missing');
    const score = Math.max(-1, Math.min(1, cosineSimilarity(audio.embedding, text)));
    const isTestModel = audio.info.isTestModel || textModel.isTestModel;
    const stored = await this.deps.putClap(clip.id, {
      score,
      model: `${audio.info.repo}@${audio.info.revision}`,
      isTestModel,
      variant: audio.info.variant,
      captionHash: await captionHash(clip.caption),
      trim: audio.trim,
      windowSeed: audio.seed,
      embedding: Array.from(audio.embedding),
    });
    this.set({ isTestModel });
    this.tick();
    this.deps.onStored(stored, false);
    return stored;
  }
}
