import type { MfaConnectivity } from '@mfa-kit/hooks';
import { ActionButton } from './ActionButton';
import { useMfaMessages } from './MfaMessagesProvider';
import { partProps } from './partProps';
import { useUnstyled } from './UnstyledProvider';

/** Props of {@link ConnectivityNotice}. */
export interface ConnectivityNoticeProps {
  /** From `useMfaChallenge().connectivity`. */
  connectivity: MfaConnectivity;
  /** Offers "Try again" while offline or while the server fails (e.g. `useMfaChallenge().refresh`). */
  onRetry?: () => void;
  /** Extra class names. */
  className?: string;
  /** Render none of our class names. @default the UnstyledProvider's value, else false */
  unstyled?: boolean;
}

/**
 * A polite status line for `retrying`, `offline` and `server_error` (the server failing, told
 * apart from the user's network). The live region stays in the page while
 * online (empty), so the change is announced when it happens.
 */
export function ConnectivityNotice({ connectivity, onRetry, className, unstyled: unstyledProp }: ConnectivityNoticeProps) {
  const unstyled = useUnstyled(unstyledProp);
  const { messages } = useMfaMessages();
  const text = { online: '', retrying: messages.retrying, offline: messages.offline, server_error: messages.serverError }[connectivity];
  return (
    <div {...partProps('connectivity', connectivity, className, unstyled)}>
      <p role="status" {...partProps('connectivity-message', undefined, undefined, unstyled)}>
        {text}
      </p>
      {(connectivity === 'offline' || connectivity === 'server_error') && onRetry ? (
        <ActionButton variant="secondary" onClick={onRetry} unstyled={unstyled}>
          {messages.retry}
        </ActionButton>
      ) : null}
    </div>
  );
}
