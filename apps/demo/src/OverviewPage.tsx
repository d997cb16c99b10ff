import type { DemoConnection } from './api';
import { scenarioTitle } from './scenarios';
import { navigate } from './useHashRoute';

/** Props of {@link OverviewPage}. */
export interface OverviewPageProps {
  /** Connections linked during this visit. */
  linked: DemoConnection[];
}

const SPENDING = [
  { label: 'Groceries', spent: 412, budget: 550 },
  { label: 'Transport', spent: 138, budget: 160 },
  { label: 'Eating out', spent: 236, budget: 200 },
];

const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });

/** The landing page: the budget at a glance, and the call to link a bank. */
export function OverviewPage({ linked }: OverviewPageProps) {
  return (
    <>
      <div className="page-head">
        <h1 tabIndex={-1}>Good morning, Sam</h1>
        <p className="muted">Here is where your money went this month.</p>
      </div>
      <div className="overview-grid">
        <section className="card" aria-labelledby="accounts-title">
          <h2 id="accounts-title">Accounts</h2>
          {linked.length === 0 ? (
            <div className="empty">
              <p>No bank linked yet. Link your bank to see balances and transactions in one place.</p>
              <button type="button" className="button" onClick={() => navigate('link')}>
                Link your bank
              </button>
            </div>
          ) : (
            <>
              <ul className="account-list">
                {linked.map((connection) => (
                  <li key={connection.id}>
                    {/* An inline drawing, not the 🏦 emoji: without an emoji font it is an empty box. */}
                    <svg className="account-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                      <path d="M3 9.5 12 4l9 5.5M5 10v7m4.67-7v7m4.66-7v7M19 10v7M3.5 20h17" />
                    </svg>
                    <span>
                      <span className="account-name">Sandbox Bank · {scenarioTitle(connection.scenario)}</span>
                      <span className="muted small">Connection {connection.id} · synced just now</span>
                    </span>
                    <span className="badge badge-ok">Linked</span>
                  </li>
                ))}
              </ul>
              <button type="button" className="button button-secondary" onClick={() => navigate('link')}>
                Link another bank
              </button>
            </>
          )}
        </section>
        <section className="card" aria-labelledby="budget-title">
          <h2 id="budget-title">October budget</h2>
          <ul className="budget-list">
            {SPENDING.map((line) => {
              const over = line.spent > line.budget;
              return (
                <li key={line.label}>
                  <div className="budget-row">
                    <span>{line.label}</span>
                    <span className={over ? 'over' : undefined}>
                      {money.format(line.spent)} of {money.format(line.budget)}
                      {over && <span className="visually-hidden"> (over budget)</span>}
                    </span>
                  </div>
                  <meter min={0} max={line.budget} high={line.budget * 0.9} optimum={0} value={line.spent} aria-label={`${line.label} spending`} />
                </li>
              );
            })}
          </ul>
        </section>
      </div>
    </>
  );
}
