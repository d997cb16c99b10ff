import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { OutboxMessage } from './api';
import { fetchCaptchaText, fetchOutbox } from './api';

/** Props of {@link PhonePanel}. */
export interface PhonePanelProps {
  /** The connection whose outbox to show, or `null` before one exists. */
  connectionId: number | null;
  /** The connection's scenario (the CAPTCHA aid appears for `captcha`). */
  scenario: string | null;
}

/**
 * A sandbox aid: the "phone" that receives what the sandbox sent (its outbox), so a PIN flow can
 * be walked without a real phone. Render it only when the backend reports a sandbox.
 */
export function PhonePanel({ connectionId, scenario }: PhonePanelProps) {
  const outbox = useQuery({
    queryKey: ['demo', 'outbox', connectionId],
    queryFn: () => fetchOutbox(connectionId!),
    enabled: connectionId !== null,
    refetchInterval: 1500,
  });
  const messages = outbox.data ?? [];

  return (
    <section className="phone-panel" aria-labelledby="sandbox-phone-title">
      <div className="phone-panel-head">
        <h2 id="sandbox-phone-title">Sandbox phone</h2>
        <span className="badge badge-sandbox">Test aid</span>
      </div>
      <p className="muted small">
        Shows what the sandbox sent. A real bank texts or calls the customer’s own phone; this panel never appears against a live
        service.
      </p>
      <div className="phone">
        <div className="phone-notch" aria-hidden="true" />
        {connectionId === null ? (
          <p className="phone-empty">Pick a test bank to start. Messages appear here.</p>
        ) : messages.length === 0 ? (
          <p className="phone-empty">No messages yet.</p>
        ) : null}
        <ol className="phone-messages" aria-live="polite">
          {messages.map((message, index) => (
            <PhoneMessage key={`${index}-${message.sentAt ?? ''}`} message={message} />
          ))}
        </ol>
        {outbox.isError && <p className="phone-empty">The outbox could not be read.</p>}
      </div>
      {scenario === 'captcha' && connectionId !== null && <CaptchaAid connectionId={connectionId} />}
    </section>
  );
}

function channelLabel(channel: string | null): string {
  if (!channel) return 'Message';
  if (/voice/i.test(channel)) return 'Voice call';
  if (/text|sms/i.test(channel)) return 'Text message';
  return channel;
}

function PhoneMessage({ message }: { message: OutboxMessage }) {
  const time = message.sentAt ? new Date(message.sentAt) : null;
  return (
    <li className="phone-message" data-channel={/voice/i.test(message.channel ?? '') ? 'voice' : 'text'}>
      <p className="phone-meta">
        <span className="phone-channel">{channelLabel(message.channel)}</span>
        {message.destination && <span> to {message.destination}</span>}
        {time && !Number.isNaN(time.getTime()) && (
          <time dateTime={time.toISOString()}> · {time.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })}</time>
        )}
      </p>
      <p className="phone-bubble">{message.message}</p>
    </li>
  );
}

function CaptchaAid({ connectionId }: { connectionId: number }) {
  const [text, setText] = useState<string | null>(null);
  const [state, setState] = useState<'idle' | 'loading' | 'none' | 'error'>('idle');
  return (
    <div className="captcha-aid">
      <button
        type="button"
        className="button button-secondary button-small"
        onClick={() => {
          setState('loading');
          fetchCaptchaText(connectionId).then(
            (value) => {
              setText(value);
              setState(value === null ? 'none' : 'idle');
            },
            () => setState('error'),
          );
        }}
      >
        Reveal the CAPTCHA text
      </button>
      <p className="small" role="status">
        {state === 'loading' && 'Reading…'}
        {state === 'none' && 'No CAPTCHA is showing right now.'}
        {state === 'error' && 'The CAPTCHA text could not be read.'}
        {state === 'idle' && text !== null && (
          <>
            The image says <strong className="mono">{text}</strong>
          </>
        )}
      </p>
    </div>
  );
}
