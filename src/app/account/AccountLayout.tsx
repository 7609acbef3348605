// The frame of the account pages: the top bar (brand, language) over one centred card.
import type { ReactNode } from 'react';
import { Brand } from '../Brand';
import { LanguageSwitch } from '../LanguageSwitch';
import './account.css';

export function AccountLayout({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  return (
    <div className="account-page">
      <header className="topbar">
        <Brand />
        <span className="topbar-spacer" />
        <LanguageSwitch />
      </header>
      <main className={`account-main${wide ? ' is-wide' : ''}`}>{children}</main>
    </div>
  );
}
