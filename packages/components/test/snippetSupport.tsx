/** What the READMEs leave to the reader, for the snippets under test (scripts/readme-snippets.mjs). */
import type { Credentials } from '@mfa-kit/hooks';
import { useState } from 'react';

/** "Any form that calls `onSubmit({ username, passcode })`" (hooks README). */
export function CredentialsForm({ onSubmit }: { onSubmit: (credentials: Credentials) => void }) {
  const [username, setUsername] = useState('');
  const [passcode, setPasscode] = useState('');
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit({ username, passcode });
      }}
    >
      <label>
        Username <input value={username} onChange={(event) => setUsername(event.target.value)} />
      </label>
      <label>
        Passcode <input type="password" value={passcode} onChange={(event) => setPasscode(event.target.value)} />
      </label>
      <button type="submit">Sign in</button>
    </form>
  );
}
