import type { Credentials } from '@mfa-kit/core';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { ActionButton } from './ActionButton';
import { useMfaMessages } from './MfaMessagesProvider';
import { Panel, type PanelBaseProps } from './Panel';
import { partProps } from './partProps';
import { useUnstyled } from './UnstyledProvider';

/** Props of {@link CredentialsForm}. */
export interface CredentialsFormProps extends PanelBaseProps {
  /** Called with the username and passcode (never logged, never sent anywhere else). */
  onSubmit: (credentials: Credentials) => void;
  /** The submit is in flight. @default false */
  busy?: boolean;
  /** An error to show under the form (e.g. a failed request). */
  error?: ReactNode;
  /** Prefilled username. @default '' */
  defaultUsername?: string;
}

/** `incorrect_credentials`: ask again for the username and passcode, then restart the sync with them. */
export function CredentialsForm({ onSubmit, busy = false, error, defaultUsername = '', ...base }: CredentialsFormProps) {
  const unstyled = useUnstyled(base.unstyled);
  const { messages } = useMfaMessages();
  const id = useId();
  const [username, setUsername] = useState(defaultUsername);
  const [passcode, setPasscode] = useState('');
  const [missing, setMissing] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const errorRef = useRef<HTMLParagraphElement>(null);
  // After a refused submit, move focus to the error so it is read and the user knows where to look.
  useEffect(() => {
    if (attempt > 0) errorRef.current?.focus();
  }, [attempt]);
  const shown = missing ? messages.credentialsRequired : error;
  const errorId = `${id}-error`;
  const field = (name: 'username' | 'passcode', value: string, set: (v: string) => void) => {
    const invalid = missing && !value.trim();
    return (
      <div {...partProps('field', invalid ? 'invalid' : undefined, undefined, unstyled)}>
        <label htmlFor={`${id}-${name}`} {...partProps('label', undefined, undefined, unstyled)}>
          {messages[name]}
        </label>
        <input
          id={`${id}-${name}`}
          name={name}
          type={name === 'passcode' ? 'password' : 'text'}
          autoComplete={name === 'passcode' ? 'current-password' : 'username'}
          autoCapitalize="off"
          spellCheck={false}
          value={value}
          onChange={(event) => {
            set(event.target.value);
            setMissing(false);
          }}
          aria-invalid={invalid || undefined}
          aria-describedby={shown ? errorId : undefined}
          {...partProps('input', invalid ? 'invalid' : undefined, undefined, unstyled)}
        />
      </div>
    );
  };
  return (
    <Panel part="credentials" state={busy ? 'busy' : shown ? 'invalid' : 'idle'} title={messages.credentialsTitle} {...base}>
      <p {...partProps('body', undefined, undefined, unstyled)}>{messages.credentialsBody}</p>
      <form
        noValidate
        {...partProps('form', undefined, undefined, unstyled)}
        onSubmit={(event) => {
          event.preventDefault();
          if (busy) return;
          if (!username.trim() || !passcode) {
            setMissing(true);
            setAttempt((n) => n + 1);
            return;
          }
          onSubmit({ username: username.trim(), passcode });
        }}
      >
        {field('username', username, setUsername)}
        {field('passcode', passcode, setPasscode)}
        {shown ? (
          <p id={errorId} ref={errorRef} tabIndex={-1} role="alert" {...partProps('error', undefined, undefined, unstyled)}>
            {shown}
          </p>
        ) : null}
        <ActionButton type="submit" busy={busy} unstyled={unstyled}>
          {messages.credentialsSubmit}
        </ActionButton>
      </form>
    </Panel>
  );
}
