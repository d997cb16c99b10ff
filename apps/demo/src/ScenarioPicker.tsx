import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { fetchScenarios } from './api';
import { DEFAULT_SCENARIO, scenarioSummary, scenarioTitle } from './scenarios';

/** Props of {@link ScenarioPicker}. */
export interface ScenarioPickerProps {
  /** Called with the chosen scenario name when the form is submitted. */
  onSubmit: (scenario: string) => void;
  /** True while the connection is being created. */
  busy: boolean;
  /** A message to show under the form, e.g. a failed connection. */
  error: string | null;
}

/**
 * Step one of linking: pick the sandbox "bank" (a scenario listed by the upstream) to connect to.
 */
export function ScenarioPicker({ onSubmit, busy, error }: ScenarioPickerProps) {
  const scenarios = useQuery({ queryKey: ['demo', 'scenarios'], queryFn: fetchScenarios, staleTime: Infinity });
  const [chosen, setChosen] = useState<string | null>(null);
  const errorId = useId();
  const list = scenarios.data ?? [];
  const value = chosen ?? (list.some((s) => s.name === DEFAULT_SCENARIO) ? DEFAULT_SCENARIO : (list[0]?.name ?? null));

  if (scenarios.isPending) return <p className="muted" role="status">Loading test banks…</p>;
  if (scenarios.isError) {
    return (
      <div className="callout callout-error" role="alert">
        <p>The list of test banks could not be loaded. {scenarios.error.message}</p>
        <button type="button" className="button button-secondary" onClick={() => void scenarios.refetch()}>
          Try again
        </button>
      </div>
    );
  }

  return (
    <form
      className="scenario-form"
      aria-describedby={error ? errorId : undefined}
      onSubmit={(event) => {
        event.preventDefault();
        if (value && !busy) onSubmit(value);
      }}
    >
      <fieldset className="scenario-list">
        <legend>Sandbox scenario</legend>
        <p className="muted legend-hint">Each test bank asks for a different kind of verification.</p>
        {list.map((scenario) => {
          const id = `scenario-${scenario.name}`;
          const summary = scenarioSummary(scenario.name);
          const selected = scenario.name === value;
          // The radio's label says what the bank does, for people; the sandbox's own wording
          // (status names, POST bodies) stays one click away under "What this tests".
          return (
            <div key={scenario.name} className="scenario-option" data-selected={selected || undefined}>
              <label className="scenario-choice">
                <input
                  type="radio"
                  name="scenario"
                  value={scenario.name}
                  checked={selected}
                  onChange={() => setChosen(scenario.name)}
                  aria-labelledby={`${id}-title`}
                  aria-describedby={summary ? `${id}-summary` : undefined}
                />
                <span className="scenario-text">
                  <span className="scenario-title" id={`${id}-title`}>
                    {scenarioTitle(scenario.name)}
                  </span>
                  {summary && (
                    <span className="scenario-summary" id={`${id}-summary`}>
                      {summary}
                    </span>
                  )}
                </span>
              </label>
              <details className="scenario-details">
                <summary>What this tests</summary>
                <p className="scenario-hint">
                  <code className="tag">{scenario.name}</code> {scenario.description}
                </p>
              </details>
            </div>
          );
        })}
      </fieldset>
      {error && (
        <p className="callout callout-error" id={errorId} role="alert">
          {error}
        </p>
      )}
      {/* Sticks to the bottom of a phone's screen, so Continue is never ten cards away. */}
      <div className="form-actions scenario-actions">
        {/* aria-disabled, never disabled: disabling the focused button would drop focus to <body>
            before the flow takes it. */}
        <button type="submit" className="button" aria-disabled={!value || busy || undefined}>
          {busy ? 'Connecting…' : 'Continue'}
        </button>
      </div>
    </form>
  );
}
