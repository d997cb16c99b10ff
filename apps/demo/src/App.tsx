import { useQuery } from '@tanstack/react-query';
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { DemoConnection } from './api';
import { fetchConfig } from './api';
import { CustomFlow } from './CustomFlow';
import { DropInFlow } from './DropInFlow';
import { LinkBankPage } from './LinkBankPage';
import { OverviewPage } from './OverviewPage';
import type { Route } from './useHashRoute';
import { hrefOf, useHashRoute } from './useHashRoute';

const NAV: { route: Route; label: string }[] = [
  { route: 'overview', label: 'Overview' },
  { route: 'link', label: 'Link a bank' },
  // "Custom UI", not "Link a bank (custom UI)": the three fit one row on a 390 px phone.
  { route: 'custom', label: 'Custom UI' },
];

/**
 * Tally, a sample partner app: an overview, and two ways to link a bank through mfa-kit: the
 * drop-in `MfaFlow`, and the headless hooks on the app's own markup.
 */
export function App() {
  const route = useHashRoute();
  const config = useQuery({ queryKey: ['demo', 'config'], queryFn: fetchConfig, staleTime: Infinity });
  const sandbox = config.data?.sandbox === true;
  const [linked, setLinked] = useState<DemoConnection[]>([]);
  const main = useRef<HTMLElement>(null);
  const shownRoute = useRef(route);

  // A new page: move focus to its heading, as a page load would, so screen readers announce it
  // (before the page is painted: focus never rests on <body> on the way).
  useLayoutEffect(() => {
    if (shownRoute.current === route) return;
    shownRoute.current = route;
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [route]);

  const onLinked = useCallback((connection: DemoConnection) => {
    setLinked((list) => (list.some((c) => c.id === connection.id) ? list : [...list, connection]));
  }, []);

  return (
    <div className="app">
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          // The hash is the router's: focus the main region without changing it.
          event.preventDefault();
          main.current?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <a className="brand" href={hrefOf('overview')}>
            <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
              <rect width="32" height="32" rx="8" />
              <path d="M9 22V10m7 12V14m7 8v-6" />
            </svg>
            <span>Tally</span>
          </a>
          <nav aria-label="Main">
            <ul className="nav-list">
              {NAV.map((item) => (
                <li key={item.route}>
                  <a href={hrefOf(item.route)} aria-current={route === item.route ? 'page' : undefined}>
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <span className="avatar" aria-label="Signed in as Sam Rivera" role="img">
            SR
          </span>
        </div>
        {sandbox && (
          <p className="sandbox-banner">
            <strong>Sandbox mode.</strong> No real bank is contacted; test banks follow scripted scenarios.
          </p>
        )}
      </header>
      <main id="main" ref={main} tabIndex={-1} className="main">
        {route === 'overview' && <OverviewPage linked={linked} />}
        {route === 'link' && (
          <LinkBankPage
            key="link"
            title="Link your bank"
            intro="Connect a checking or savings account so Tally can track your balances and spending. We never see or store your bank password."
            sandbox={sandbox}
            configLoaded={config.isSuccess}
            onLinked={onLinked}
            renderFlow={(connection, onComplete, transport) => <DropInFlow connectionId={connection.id} onComplete={onComplete} transport={transport} />}
          />
        )}
        {route === 'custom' && (
          <LinkBankPage
            key="custom"
            title="Link your bank (custom UI)"
            intro="The same flow, drawn with Tally’s own markup and styles on top of the mfa-kit hooks."
            sandbox={sandbox}
            configLoaded={config.isSuccess}
            onLinked={onLinked}
            renderFlow={(connection, onComplete, transport) => <CustomFlow connectionId={connection.id} onComplete={onComplete} transport={transport} />}
          />
        )}
      </main>
      <footer className="footer">
        <p>
          Tally is a sample partner app for <strong>mfa-kit</strong>. Names, balances and banks are fictional.
        </p>
      </footer>
    </div>
  );
}
