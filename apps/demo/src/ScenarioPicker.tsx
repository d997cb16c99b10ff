import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { fetchScenarios } from './api';
import { DEFAULT_SCENARIO, scenarioTitle } from './scenarios';

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
        if (value) onSubmit(value);
      }}
    >
      <fieldset className="scenario-list">
        <legend>Sandbox scenario</legend>
        <p className="muted legend-hint">Each test bank plays one verification scenario of the sandbox.</p>
        {list.map((scenario) => {
          const id = `scenario-${scenario.name}`;
          return (
            <label key={scenario.name} className="scenario-option" data-selected={scenario.name === value || undefined}>
              <input
                type="radio"
                name="scenario"
                value={scenario.name}
                checked={scenario.name === value}
                onChange={() => setChosen(scenario.name)}
                aria-labelledby={`${id}-title`}
                aria-describedby={scenario.description ? `${id}-code ${id}-hint` : `${id}-code`}
              />
              <span className="scenario-text">
                <span className="scenario-head">
                  <span className="scenario-title" id={`${id}-title`}>
                    {scenarioTitle(scenario.name)}
                  </span>
                  <code className="tag" id={`${id}-code`}>
                    {scenario.name}
                  </code>
                </span>
                {scenario.description && (
                  <span className="scenario-hint" id={`${id}-hint`}>
                    {scenario.description}
                  </span>
                )}
              </span>
            </label>
          );
        })}
      </fieldset>
      {error && (
        <p className="callout callout-error" id={errorId} role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button" disabled={!value || busy}>
          {busy ? 'Connecting…' : 'Continue'}
        </button>
      </div>
    </form>
  );
}
