import { ActionButton } from './ActionButton';
import { useMfaMessages } from './MfaMessagesProvider';
import { Panel, type PanelBaseProps } from './Panel';
import { partProps } from './partProps';
import { useUnstyled } from './UnstyledProvider';

/** Props of {@link RestartPanel}. */
export interface RestartPanelProps extends PanelBaseProps {
  /** Starts the sync again (POST /sync); in `MfaFlow`, `restart()` re-sends to the same destination (autoResend). */
  onRestart: () => void;
  /**
   * Why a restart is needed: `expired` (a realtime challenge ran out of time here) or `resync`
   * (the server says so). Only the words differ, so the flow can move from one to the other
   * without replacing the button under the user's pointer. @default 'resync'
   */
  reason?: 'expired' | 'resync';
  /** A restart is in flight. @default false */
  busy?: boolean;
  /** The restart button's text. @default messages.resend */
  actionLabel?: string;
}

/** A realtime challenge timed out (`resync`, or expired here): say so and offer a one-click restart. */
export function RestartPanel({ onRestart, reason = 'resync', busy = false, actionLabel, ...base }: RestartPanelProps) {
  const unstyled = useUnstyled(base.unstyled);
  const { messages } = useMfaMessages();
  const expired = reason === 'expired';
  return (
    <Panel part="restart" state={busy ? 'busy' : reason} title={expired ? messages.expiredTitle : messages.restartTitle} {...base}>
      <p {...partProps('body', undefined, undefined, unstyled)}>{expired ? messages.expiredBody : messages.restartBody}</p>
      {/* After an expiry, focus goes to the way on, not only to the news. */}
      <ActionButton onClick={onRestart} busy={busy} unstyled={unstyled} autoFocusTarget={expired}>
        {actionLabel ?? messages.resend}
      </ActionButton>
    </Panel>
  );
}
