import { useId } from 'react';
import type { UpdateMode } from './transport';

/** Props of {@link UpdatesSwitch}. */
export interface UpdatesSwitchProps {
  mode: UpdateMode;
  onChange: (mode: UpdateMode) => void;
}

/**
 * A visible switch between pushed updates (the backend streams each sync, the browser sends
 * no reads) and polling (the browser reads the sync on the kit's schedule).
 */
export function UpdatesSwitch({ mode, onChange }: UpdatesSwitchProps) {
  const hint = useId();
  return (
    <div className="updates-switch">
      <label>
        <input type="checkbox" role="switch" aria-describedby={hint} checked={mode === 'push'} onChange={(event) => onChange(event.target.checked ? 'push' : 'polling')} />
        Live updates from the server
      </label>
      <span id={hint} className="muted small">
        {mode === 'push' ? 'On: the server pushes each change; the browser does not poll.' : 'Off: the browser polls for changes.'}
      </span>
    </div>
  );
}
