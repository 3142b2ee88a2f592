import Link from 'next/link';
import type { SessionUser } from '@/lib/auth/schemas';
import { ThemeToggle } from '../theme/theme-toggle';
import { AccountMenu } from '../wallet/account-menu';
import { BrandMark } from './brand-mark';
import { NavLinks } from './nav-links';

export function SiteHeader({ user }: { user: SessionUser | null }) {
  return (
    <header className="site-header">
      <div className="container">
        <Link href="/" className="brand">
          <BrandMark className="brand-mark" />
          Genki Studio
        </Link>
        <nav className="site-nav" aria-label="Main">
          <NavLinks />
        </nav>
        <div className="header-actions">
          <ThemeToggle />
          <AccountMenu initialUser={user} />
        </div>
      </div>
    </header>
  );
}
