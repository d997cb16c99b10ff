import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useLayoutEffect, useRef, useState } from 'react';
import type { DemoConnection } from './api';
import { createConnection } from './api';
import { PhonePanel } from './PhonePanel';
import { ScenarioPicker } from './ScenarioPicker';
import { scenarioTitle } from './scenarios';
import type { SyncTransport } from '@mfa-kit/core';
import { transportFor, useUpdateMode } from './transport';
import { UpdatesSwitch } from './UpdatesSwitch';
import { navigate } from './useHashRoute';

/** Props of {@link LinkBankPage}. */
export interface LinkBankPageProps {
  title: string;
  intro: string;
  /** The backend talks to a sandbox: test banks can be created and the phone panel is shown. */
  sandbox: boolean;
  /** The backend's config has been read (so `sandbox: false` is an answer, not a guess). */
  configLoaded: boolean;
  /** Called once when a bank is linked. */
  onLinked: (connection: DemoConnection) => void;
  /**
   * Renders the MFA flow for a connection; `onComplete` is called when the sync is good;
   * `transport` is push or polling, as the page's switch says.
   */
  renderFlow: (connection: DemoConnection, onComplete: () => void, transport: SyncTransport) => ReactNode;
}

const STEPS = ['Choose your bank', 'Verify it’s you', 'Done'] as const;

/** The sandbox signs its messages with this name; the demo uses it for every test bank. */
const BANK_NAME = 'First Sandbox Bank';

/**
 * Linking a bank: pick a test bank (a sandbox scenario), then verify through the MFA flow,
 * with the sandbox phone alongside.
 */
export function LinkBankPage({ title, intro, sandbox, configLoaded, onLinked, renderFlow }: LinkBankPageProps) {
  const [connection, setConnection] = useState<DemoConnection | null>(null);
  const [done, setDone] = useState(false);
  const [mode, setMode] = useUpdateMode();
  const create = useMutation({ mutationFn: createConnection, onSuccess: (created) => setConnection(created) });
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const card = useRef<HTMLElement>(null);
  const step = connection === null ? 0 : done ? 2 : 1;

  // The button that was pressed is gone with its step: focus moves before the page is painted,
  // so it never rests on <body>. Back at the first step, to the step's heading. Into the flow,
  // to the flow's own heading (inside its root, so the flow's focus management follows from
  // there to its first field); only when focus was lost, never away from elsewhere.
  const previousStep = useRef(step);
  useLayoutEffect(() => {
    const from = previousStep.current;
    previousStep.current = step;
    if (from === step) return;
    if (step === 0) stepHeading.current?.focus();
    else if (from === 0 && (!document.activeElement || document.activeElement === document.body)) {
      const flow = card.current?.querySelector<HTMLElement>('[data-scope="mfa"][tabindex="-1"]');
      (flow?.querySelector<HTMLElement>(':is(h2, h3, h4)[tabindex="-1"]') ?? flow)?.focus();
    }
  }, [step]);

  const reset = () => {
    setConnection(null);
    setDone(false);
    create.reset();
  };

  return (
    <>
      <div className="page-head">
        <h1 tabIndex={-1}>{title}</h1>
        <p className="muted">{intro}</p>
        <UpdatesSwitch mode={mode} onChange={setMode} />
      </div>
      <ol className="stepper" aria-label="Steps">
        {STEPS.map((label, index) => (
          <li key={label} data-state={index < step || done ? 'complete' : index === step ? 'current' : 'upcoming'} aria-current={index === step ? 'step' : undefined}>
            <span className="stepper-dot" aria-hidden="true">
              {index < step || done ? '✓' : index + 1}
            </span>
            <span className="stepper-label">{label}</span>
          </li>
        ))}
      </ol>
      <div className={sandbox ? 'link-grid' : 'link-grid link-grid-single'}>
        <section className="card link-card" aria-labelledby="link-step-title" ref={card}>
          {connection === null ? (
            <>
              <h2 id="link-step-title" ref={stepHeading} tabIndex={-1}>
                Choose your bank
              </h2>
              {sandbox ? (
                <ScenarioPicker busy={create.isPending} error={create.error ? create.error.message : null} onSubmit={(scenario) => create.mutate(scenario)} />
              ) : configLoaded ? (
                <p className="callout">
                  This demo creates test connections through the sandbox. Against a live API, your backend creates the connection
                  from the credentials the user enters, and records it as owned by their session.
                </p>
              ) : (
                <p className="muted" role="status">
                  Loading…
                </p>
              )}
            </>
          ) : (
            <>
              <div className="card-head">
                <h2 id="link-step-title" ref={stepHeading} tabIndex={-1}>
                  {done ? 'Your bank is linked' : `Connecting to ${BANK_NAME}`}
                </h2>
                <span className="badge">{scenarioTitle(connection.scenario)}</span>
              </div>
              {renderFlow(
                connection,
                () => {
                  setDone(true);
                  onLinked(connection);
                },
                transportFor(mode),
              )}
              <div className="form-actions form-actions-split">
                {done ? (
                  <button type="button" className="button" onClick={() => navigate('overview')}>
                    Go to your accounts
                  </button>
                ) : null}
                <button type="button" className="button button-secondary" onClick={reset}>
                  {done ? 'Link another bank' : 'Choose a different bank'}
                </button>
              </div>
            </>
          )}
        </section>
        {sandbox && <PhonePanel connectionId={connection?.id ?? null} scenario={connection?.scenario ?? null} />}
      </div>
    </>
  );
}
