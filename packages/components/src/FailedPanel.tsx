import type { ReactNode } from 'react';
import { ActionButton } from './ActionButton';
import { useMfaMessages } from './MfaMessagesProvider';
import { Panel, type PanelBaseProps } from './Panel';
import { partProps } from './partProps';
import { useUnstyled } from './UnstyledProvider';

/** Props of {@link FailedPanel}. */
export interface FailedPanelProps extends PanelBaseProps {
  /** The server's status (`maintenance`, `postponed`, …) or an error kind, read into the message. @default 'failed' */
  status?: string;
  /** What to say instead of the default message built from `status`. */
  description?: ReactNode;
  /** Starts again. Without it, no retry button. */
  onRetry?: () => void;
  /** A retry is in flight. @default false */
  busy?: boolean;
}

/** The sync stopped without anything the user can do but try again. */
export function FailedPanel({ status = 'failed', description, onRetry, busy = false, ...base }: FailedPanelProps) {
  const unstyled = useUnstyled(base.unstyled);
  const { messages } = useMfaMessages();
  return (
    <Panel part="failed" state={busy ? 'busy' : 'idle'} title={messages.failedTitle} {...base}>
      <p {...partProps('body', undefined, undefined, unstyled)}>{description ?? messages.failedBody(status)}</p>
      {onRetry ? (
        <ActionButton onClick={onRetry} busy={busy} unstyled={unstyled}>
          {messages.retry}
        </ActionButton>
      ) : null}
    </Panel>
  );
}
