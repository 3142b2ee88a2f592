/**
 * Who an access token belongs to on the Hub, for the publish form (to suggest `name/<dataset>` and
 * to check the token before a long push). Browser-safe: no Node APIs, the token goes to the Hub only.
 */
import { whoAmI } from '@huggingface/hub';
import { z } from 'zod';
import { DEFAULT_HUB_URL } from './hub-push';
import { HubPushError, toPushError } from './hub-push-errors';

const accountSchema = z.object({
  name: z.string().min(1),
  type: z.string(),
  orgs: z.array(z.object({ name: z.string() })).optional(),
});

export interface HubAccount {
  name: string;
  /** Namespaces the token may push to: the user's own and its organisations'. */
  namespaces: string[];
}

export async function hubAccount(options: { accessToken: string; hubUrl?: string }): Promise<HubAccount> {
  const hubUrl = (options.hubUrl ?? DEFAULT_HUB_URL).replace(/\/+$/, '');
  if (!options.accessToken.startsWith('hf_')) {
    throw new HubPushError(
      'invalid',
      'Hugging Face access tokens start with "hf_": paste a token with write access.',
    );
  }
  let raw: unknown;
  try {
    raw = await whoAmI({ accessToken: options.accessToken, hubUrl });
  } catch (error) {
    throw toPushError(error, {
      hubUrl,
      repo: 'your account',
      token: options.accessToken,
      stage: 'creating the repo',
    });
  }
  const parsed = accountSchema.safeParse(raw);
  if (!parsed.success)
    throw new HubPushError('hub_failed', `The Hub at ${hubUrl} sent an unexpected account answer.`);
  return {
    name: parsed.data.name,
    namespaces: [parsed.data.name, ...(parsed.data.orgs ?? []).map((org) => org.name)],
  };
}
