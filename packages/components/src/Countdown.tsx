import type { ServerClock } from '@mfa-kit/core';
import { useCountdown, type CountdownAnnouncementEvent, type CountdownStatus } from '@mfa-kit/hooks';
import { useCallback, useEffect, useId, useRef, type ReactNode } from 'react';
import { useAnnounce, useAnnounceOnChange } from './Announcer';
import { useMfaMessages } from './MfaMessagesProvider';
import { partProps } from './partProps';
import { useUnstyled } from './UnstyledProvider';
import { visuallyHidden } from './visuallyHidden';

/** Props of {@link Countdown}. */
export interface CountdownProps {
  /** The deadline in the server's clock (epoch ms), as on a challenge; `null` renders nothing. */
  deadline: number | null;
  /** The server clock (`useMfaChallenge().clock`). @default the local clock */
  clock?: ServerClock;
  /** Warning state from this many ms before expiry. @default 20000 */
  warningMs?: number;
  /** Announce politely when this much time is left, in ms. @default [60000, 30000] */
  announceAt?: number[];
  /** Called with the status when it changes (`running`, `warning`, `expired`). */
  onStatusChange?: (status: CountdownStatus) => void;
  /** The caption. @default messages.countdownLabel */
  label?: ReactNode;
  /** Extra class names on the root. */
  className?: string;
  /** Render none of our class names. @default the UnstyledProvider's value, else false */
  unstyled?: boolean;
}

/**
 * The time left on a realtime challenge: a `role="timer"` display (silent, as timers are), a
 * polite live region for the thresholds and an assertive one for the expiry. Turns to the
 * `warning` state 20 s before the end.
 */
export function Countdown({
  deadline,
  clock,
  warningMs = 20_000,
  announceAt,
  onStatusChange,
  label,
  className,
  unstyled: unstyledProp,
}: CountdownProps) {
  const unstyled = useUnstyled(unstyledProp);
  const { messages, locale } = useMfaMessages();
  const labelId = useId();
  const formatAnnouncement = useCallback(
    (event: CountdownAnnouncementEvent) =>
      event.reason === 'expired' ? messages.countdownExpired : messages.countdownAnnouncement(messages.formatDuration(event.secondsLeft, locale), event.secondsLeft, locale),
    [messages, locale],
  );
  const countdown = useCountdown(deadline, { clock, warningMs, announceAt, formatAnnouncement });
  const lastStatus = useRef<CountdownStatus | null>(null);
  useEffect(() => {
    if (lastStatus.current === countdown.status) return;
    lastStatus.current = countdown.status;
    onStatusChange?.(countdown.status);
  }, [countdown.status, onStatusChange]);
  // Inside a flow, its regions speak: they exist before the countdown appears, so its first words
  // are heard. The expiry itself is the flow's to say: its step changes then and this countdown goes.
  const announce = useAnnounce();
  const { announcement } = countdown;
  const moment = announcement && announcement.reason !== 'expired' ? `${announcement.reason}:${announcement.secondsLeft}` : null;
  useAnnounceOnChange(moment, announcement?.text);

  if (deadline === null) return null;
  const expired = countdown.status === 'expired';
  const warning = countdown.status === 'warning';
  return (
    <div {...partProps('countdown', countdown.status, className, unstyled)}>
      <span id={labelId} {...partProps('countdown-label', undefined, undefined, unstyled)}>
        {label ?? messages.countdownLabel}
      </span>{' '}
      <span role="timer" aria-labelledby={labelId} {...partProps('countdown-value', countdown.status, undefined, unstyled)}>
        {countdown.formatted}
      </span>
      {warning ? (
        // The warning in words and an icon, never by colour alone (forced colours drop the colour).
        <span {...partProps('countdown-warning', undefined, undefined, unstyled)}>
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false" fill="currentColor">
            <path d="M8 1 15 14H1z M7.25 6v4h1.5V6z M7.25 11.25v1.5h1.5v-1.5z" fillRule="evenodd" />
          </svg>{' '}
          {messages.countdownWarning(Math.round(warningMs / 1000))}
        </span>
      ) : null}
      {announce ? null : (
        <>
          <span aria-live="polite" style={visuallyHidden} data-scope="mfa" data-part="countdown-announcer">
            {announcement && announcement.reason !== 'expired' ? announcement.text : ''}
          </span>
          <span aria-live="assertive" style={visuallyHidden} data-scope="mfa" data-part="countdown-alert">
            {expired ? (announcement?.reason === 'expired' ? announcement.text : messages.countdownExpired) : ''}
          </span>
        </>
      )}
    </div>
  );
}
