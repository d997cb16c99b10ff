import type { ServerClock } from '@mfa-kit/core';
import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vi } from 'vitest';
import { Countdown } from './Countdown';
import { expectAccessible } from './expectAccessible';
import { messagesEs } from './messagesEs';
import { MfaMessagesProvider } from './MfaMessagesProvider';

const polite = (c: HTMLElement) => c.querySelector('[aria-live="polite"]')!.textContent;
const assertive = (c: HTMLElement) => c.querySelector('[aria-live="assertive"]')!.textContent;
// The countdown re-arms one timer per rendered second, so move time a second per act().
const advance = (ms: number) => {
  for (let left = ms; left > 0; left -= 1000) act(() => vi.advanceTimersByTime(Math.min(1000, left)));
};

describe('Countdown', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2024-05-01T12:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('shows the time left in a role="timer" and announces it politely when it appears', async () => {
    vi.useRealTimers();
    const { container } = render(<Countdown deadline={Date.now() + 90_000} />);
    expect(screen.getByRole('timer', { name: 'Time left' })).toHaveTextContent('1:30');
    expect(container.firstElementChild).toHaveAttribute('data-state', 'running');
    expect(polite(container)).toBe('1 minute, 30 seconds left to answer.');
    expect(assertive(container)).toBe('');
    await expectAccessible(container);
  });

  it('announces the time left at one minute and at thirty seconds', () => {
    const { container } = render(<Countdown deadline={Date.now() + 90_000} />);
    advance(30_000);
    expect(screen.getByRole('timer')).toHaveTextContent('1:00');
    expect(polite(container)).toBe('1 minute left to answer.');
    advance(30_000);
    expect(screen.getByRole('timer')).toHaveTextContent('0:30');
    expect(polite(container)).toBe('30 seconds left to answer.');
  });

  it('turns to the warning state 20 seconds before expiry', () => {
    const { container } = render(<Countdown deadline={Date.now() + 60_000} />);
    advance(39_000);
    expect(container.firstElementChild).toHaveAttribute('data-state', 'running');
    advance(1_000);
    expect(container.firstElementChild).toHaveAttribute('data-state', 'warning');
    // In words and with an icon, not by colour alone (forced colours drop the colour).
    expect(screen.getByText('Less than 20 seconds left')).toBeInTheDocument();
    expect(container.querySelector('[data-part="countdown-warning"] svg')).not.toBeNull();
    expect(screen.getByRole('timer')).toHaveTextContent('0:20');
  });

  it('announces the expiry assertively and reports each status once', () => {
    const onStatusChange = vi.fn();
    const { container } = render(<Countdown deadline={Date.now() + 25_000} onStatusChange={onStatusChange} />);
    advance(25_000);
    expect(container.firstElementChild).toHaveAttribute('data-state', 'expired');
    expect(screen.getByRole('timer')).toHaveTextContent('0:00');
    expect(assertive(container)).toBe('Time is up.');
    expect(onStatusChange.mock.calls.map((c) => c[0])).toEqual(['running', 'warning', 'expired']);
  });

  it('counts against the server clock, not a browser clock five minutes off', () => {
    const offsetMs = 5 * 60_000;
    const clock: ServerClock = {
      observe: () => {},
      offsetMs,
      errorMs: 50,
      now: (local = Date.now()) => local + offsetMs,
      subscribe: () => () => {},
    };
    render(<Countdown deadline={Date.now() + offsetMs + 120_000} clock={clock} />);
    expect(screen.getByRole('timer')).toHaveTextContent('2:00');
  });

  it('speaks Spanish with the Spanish catalogue and locale', () => {
    const { container } = render(
      <MfaMessagesProvider messages={messagesEs} locale="es">
        <Countdown deadline={Date.now() + 65_000} />
      </MfaMessagesProvider>,
    );
    expect(screen.getByRole('timer', { name: 'Tiempo restante' })).toHaveTextContent('1:05');
    expect(polite(container)).toBe('Quedan 1 minuto y 5 segundos para responder.');
  });

  it('renders nothing without a deadline', () => {
    const { container } = render(<Countdown deadline={null} />);
    expect(container).toBeEmptyDOMElement();
  });
});
