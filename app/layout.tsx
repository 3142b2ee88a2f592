import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { SiteFooter } from '@/components/layout/site-footer';
import { SiteHeader } from '@/components/layout/site-header';
import { Providers } from '@/components/providers';
import { themeInitScript } from '@/components/theme/theme-toggle';
import { getCurrentUser } from '@/lib/auth/current-user';
import { getConfig } from '@/lib/env';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Genki Studio', template: '%s · Genki Studio' },
  description:
    'Curate chiptune datasets, fine-tune Ruby on Crynux, preview CLAP scores in the browser and commit your model to the Genki-Dama subnet.',
};

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#f7f6f2' },
    { media: '(prefers-color-scheme: dark)', color: '#0f0f1c' },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeInitScript }} />
      </head>
      <body>
        <Providers>
          <a href="#main" className="skip-link">
            Skip to content
          </a>
          <SiteHeader user={user} />
          <main id="main" tabIndex={-1}>
            <div className="container">{children}</div>
          </main>
          <SiteFooter network={getConfig().network} />
        </Providers>
      </body>
    </html>
  );
}
