'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';
import { shortAddress } from '@/lib/auth/address';
import type { SessionUser } from '@/lib/auth/schemas';
import { sessionKeys, sessionQueryOptions, signOut } from '@/lib/queries/session';
import { SignInButton } from './sign-in-button';

/** Header account area: "Sign in", or the account's name and short address with a sign-out menu. */
export function AccountMenu({ initialUser }: { initialUser: SessionUser | null }) {
  const { data: user } = useQuery(sessionQueryOptions(initialUser));
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const queryClient = useQueryClient();
  const router = useRouter();

  const signOutMutation = useMutation({
    mutationFn: signOut,
    onSettled: () => {
      // A 401 means the session had already ended: either way the user is now signed out.
      queryClient.setQueryData(sessionKeys.all, null);
      setOpen(false);
      router.refresh();
    },
  });

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  if (!user) return <SignInButton />;

  const name = user.displayName ?? 'Account';
  return (
    <div className="account" ref={rootRef}>
      <button
        type="button"
        className="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`Account ${name} ${user.address}`}
        onClick={() => setOpen((value) => !value)}
      >
        <span>{name}</span>
        <span className="muted">{shortAddress(user.address)}</span>
      </button>
      {open && (
        <section id={panelId} className="card account-panel" aria-label="Account">
          <p>
            <strong>{name}</strong>
          </p>
          <p className="address">{user.address}</p>
          <p>
            <span className="badge">Miner</span>{' '}
            {user.roles.validatorAdmin && <span className="badge badge-ok">Validator admin</span>}
          </p>
          <button
            type="button"
            className="button"
            onClick={() => signOutMutation.mutate()}
            disabled={signOutMutation.isPending}
          >
            Sign out
          </button>
        </section>
      )}
    </div>
  );
}
