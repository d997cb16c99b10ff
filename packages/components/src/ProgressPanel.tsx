import type { SyncProgress } from '@mfa-kit/core';
import { useAnnounce, useAnnounceOnChange } from './Announcer';
import { useMfaMessages } from './MfaMessagesProvider';
import { Panel, type PanelBaseProps } from './Panel';
import { partProps } from './partProps';
import { useUnstyled } from './UnstyledProvider';

/** Props of {@link ProgressPanel}. */
export interface ProgressPanelProps extends PanelBaseProps {
  /** The sync's progress; `null` before the first response (shows "Connecting…"). @default null */
  progress?: SyncProgress | null;
}

/**
 * The sync is running: a progress bar (indeterminate when the server gave no percent) and its
 * message. Inside `MfaFlow` (an announcer) the bank's message is said through the flow's polite
 * region, which is there before it; on its own the message is a `status` region of its own.
 */
export function ProgressPanel({ progress = null, ...base }: ProgressPanelProps) {
  const unstyled = useUnstyled(base.unstyled);
  const { messages, locale } = useMfaMessages();
  const inAnnouncer = useAnnounce();
  const percent = progress?.percent ?? null;
  const text = progress ? (progress.message ?? messages.progressFallback) : messages.connecting;
  // Each new message of the bank's once ("Sending your PIN", "Checking your answers"); the
  // fallbacks add nothing to the heading that focus reads.
  useAnnounceOnChange(progress?.message, progress?.message);
  return (
    <Panel part="progress" state={percent === null ? 'indeterminate' : 'determinate'} title={messages.progressTitle} {...base}>
      <div
        role="progressbar"
        aria-label={messages.progressLabel}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={percent === null ? undefined : new Intl.NumberFormat(locale, { style: 'percent' }).format(percent / 100)}
        {...partProps('progress-track', percent === null ? 'indeterminate' : 'determinate', undefined, unstyled)}
      >
        <div {...partProps('progress-bar', undefined, undefined, unstyled)} style={percent === null ? undefined : { width: `${percent}%` }} />
      </div>
      <p role={inAnnouncer ? undefined : 'status'} {...partProps('progress-message', undefined, undefined, unstyled)}>
        {text}
      </p>
    </Panel>
  );
}
