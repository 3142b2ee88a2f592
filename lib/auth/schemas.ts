import { z } from 'zod';

export const challengeRequestSchema = z.object({ address: z.string().min(1).max(64) });

export const challengeResponseSchema = z.object({
  nonce: z.string(),
  message: z.string(),
  expiresAt: z.string(),
});
export type ChallengeResponse = z.infer<typeof challengeResponseSchema>;

export const signInRequestSchema = z.object({
  nonce: z.string().regex(/^[0-9a-f]{32}$/, 'must be the nonce the server issued'),
  address: z.string().min(1).max(64),
  signature: z
    .string()
    .regex(/^0x[0-9a-fA-F]+$/, 'must be 0x-prefixed hex')
    .max(2 + 2 * 66),
  name: z.string().max(200).optional(),
});

export const sessionUserSchema = z.object({
  address: z.string(),
  displayName: z.string().nullable(),
  roles: z.object({ miner: z.literal(true), validatorAdmin: z.boolean() }),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const sessionResponseSchema = z.object({ user: sessionUserSchema.nullable() });
export type SessionResponse = z.infer<typeof sessionResponseSchema>;
