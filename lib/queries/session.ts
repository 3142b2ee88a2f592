import { queryOptions } from '@tanstack/react-query';
import { challengeResponseSchema, type SessionUser, sessionResponseSchema } from '../auth/schemas';
import { apiRequest } from '../http/api-client';

export const sessionKeys = { all: ['session'] as const };

export const sessionQueryOptions = (initialUser?: SessionUser | null) =>
  queryOptions({
    queryKey: sessionKeys.all,
    queryFn: async () => (await apiRequest('/api/auth/session', sessionResponseSchema)).user,
    ...(initialUser === undefined ? {} : { initialData: initialUser }),
  });

export const requestChallenge = (address: string) =>
  apiRequest('/api/auth/challenge', challengeResponseSchema, { method: 'POST', body: { address } });

export const submitSignature = (body: { nonce: string; address: string; signature: string; name?: string }) =>
  apiRequest('/api/auth/session', sessionResponseSchema, { method: 'POST', body });

export const signOut = () => apiRequest('/api/auth/session', sessionResponseSchema, { method: 'DELETE' });
