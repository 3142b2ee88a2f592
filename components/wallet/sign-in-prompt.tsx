import type { ReactNode } from 'react';
import { EmptyState } from '../ui/empty-state';
import { SignInButton } from './sign-in-button';

/** The empty state of a miner page for a visitor who has not signed in yet. */
export function SignInPrompt({ title, children }: { title: string; children: ReactNode }) {
  return (
    <EmptyState title={title} actions={<SignInButton label="Sign in with your wallet" primary />}>
      {children}
      <p>
        Signing in uses your Polkadot wallet extension (polkadot{'{'}.js{'}'}, Talisman or SubWallet). You
        sign a short message; no transaction is sent and nothing is spent.
      </p>
    </EmptyState>
  );
}
