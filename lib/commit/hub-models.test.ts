import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalHub } from '../../tests/support/local-hub';
import { HubError } from '../hub/errors';
import { hubOwnerSchema, listOwnerModels, listRepoCommits } from './hub-models';

let hub: LocalHub;
let first: string;
let second: string;

beforeAll(async () => {
  hub = await LocalHub.start();
  first = hub.commit('miner/ruby-nes', { 'state_dict.bin': 'lm', '.gitattributes': '*.bin filter=lfs\n' });
  second = hub.commit(
    'miner/ruby-nes',
    { 'compression_state_dict.bin': 'codec' },
    { message: 'Add codec\n\nbody' },
  );
  hub.commit('miner/ruby-gb', { 'README.md': '# gb\n' });
  hub.commit('miner/secret', { 'README.md': '# private\n' }, { private: true });
  hub.commit('someone-else/ruby', { 'README.md': '# theirs\n' });
  hub.commit('miner/captions', { 'data.csv': 'a\n' }, { kind: 'dataset' });
});
afterAll(() => hub.close());

describe('the miner’s repos and revisions from the Hub', () => {
  it("lists the owner's public model repos only", async () => {
    const repos = await listOwnerModels('miner', { hubUrl: hub.url });
    expect(repos.map((repo) => repo.name)).toEqual(['miner/ruby-gb', 'miner/ruby-nes']);
    expect(
      hub.requests.some(
        (request) => request.url.startsWith('/api/models?') && request.url.includes('author=miner'),
      ),
    ).toBe(true);
  });

  it('lists commits newest first with full SHAs and titles', async () => {
    const commits = await listRepoCommits('miner/ruby-nes', { hubUrl: hub.url });
    expect(commits.map((commit) => commit.oid)).toEqual([second, first]);
    expect(commits[0]).toMatchObject({ title: 'Add codec', authors: ['miner'] });
  });

  it('turns a missing repo and an unreachable Hub into HubErrors, and rejects a bad owner name', async () => {
    await expect(listRepoCommits('miner/nope', { hubUrl: hub.url })).rejects.toBeInstanceOf(HubError);
    const offline = await listOwnerModels('miner', { hubUrl: 'http://127.0.0.1:9' }).catch(
      (error: unknown) => error,
    );
    expect(offline).toMatchObject({ code: 'unreachable' });
    expect(hubOwnerSchema.safeParse('-bad name').success).toBe(false);
    expect(hubOwnerSchema.safeParse(' genki-miner ').data).toBe('genki-miner');
  });
});
