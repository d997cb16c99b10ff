import type { PollPolicy } from '@mfa-kit/core';
import { createEngine, createManualClock, createSeededRandom, type ConnectionOptions, type SandboxEngine, type ScenarioName } from '@mfa-kit/sandbox';
import { createSandboxHandlers } from '@mfa-kit/sandbox/msw';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectAccessible } from './expectAccessible';
import { messagesEs } from './messagesEs';
import { MfaFlow, type MfaFlowProps } from './MfaFlow';

const BASE_URL = 'http://partner.test/api/quovo';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  server.events.removeAllListeners();
  vi.useRealTimers();
});
afterAll(() => server.close());

/** Instant sandbox stages and near-instant polling: the tests wait on the DOM, never on a clock. */
const FAST = { queuedMs: 0, authenticatingMs: 0, verifyingMs: 0, fetchingMs: 0 };
const POLL: Partial<PollPolicy> = { fastMs: 5, jitter: 0, confirmAfterMs: 0, retryBaseMs: 5 };

let seed = 1;
function sandbox(scenario: ScenarioName, options: ConnectionOptions = {}): { engine: SandboxEngine; id: number } {
  const engine = createEngine({ random: createSeededRandom(seed++), timing: FAST });
  server.resetHandlers(...createSandboxHandlers({ engine }));
  const { id } = engine.createConnection(scenario, { start: true, ...options });
  return { engine, id };
}

/**
 * Polls the DOM between act() turns. Used under fake timers, where Testing Library's waitFor
 * stalled after the restart in this suite.
 */
async function eventually<T>(get: () => T | null): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = get();
    if (value) return value;
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  }
  throw new Error(`eventually(): the element never appeared; flow is ${document.querySelector('[data-part="flow"]')?.getAttribute('data-state')}: ${document.body.textContent}`);
}

function renderFlow(id: number, props: Partial<MfaFlowProps> = {}) {
  return render(<MfaFlow connectionId={id} baseUrl={BASE_URL} pollPolicy={POLL} {...props} />);
}

const done = () => screen.findByRole('heading', { name: 'You’re verified' }, { timeout: 3000 });

describe('MfaFlow against the sandbox', () => {
  it('shows progress while syncing, then done', async () => {
    const clock = createManualClock();
    const engine = createEngine({ clock, random: createSeededRandom(1) });
    server.resetHandlers(...createSandboxHandlers({ engine }));
    const { id } = engine.createConnection('no_mfa', { start: true });
    const onComplete = vi.fn();
    const { container } = renderFlow(id, { onComplete });
    expect(screen.getByRole('progressbar')).toBeInTheDocument();
    await waitFor(() => expect(container.firstElementChild).toHaveAttribute('data-state', 'wait'));
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow');
    await expectAccessible(container);
    clock.advance(60_000);
    await done();
    expect(onComplete).toHaveBeenCalledTimes(1);
    await expectAccessible(container);
  });

  it('realtime PIN: choose a destination, enter the PIN from the outbox, good', async () => {
    const user = userEvent.setup();
    const { engine, id } = sandbox('realtime_pin');
    const onStepChange = vi.fn();
    const { container } = renderFlow(id, { onStepChange });

    const group = await screen.findByRole('radiogroup', {}, { timeout: 3000 });
    const radios = within(group).getAllByRole('radio');
    expect(radios).toHaveLength(4);
    expect(radios[0]).toHaveFocus(); // focus moved to the new challenge
    expect(container.querySelectorAll('svg[aria-hidden="true"]')).toHaveLength(4);
    await expectAccessible(container);

    await user.click(screen.getByRole('radio', { name: /Text message.*xxx-xxx-0695/ }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    const pin = await screen.findByRole('textbox', { name: 'Enter your pin:' }, { timeout: 3000 });
    await waitFor(() => expect(pin).toHaveFocus());
    expect(pin).toHaveAttribute('autocomplete', 'one-time-code');
    expect(pin).toHaveAttribute('inputmode', 'numeric');
    expect(screen.getByRole('timer')).toHaveTextContent(/^\d:\d\d$/);
    await expectAccessible(container);

    const sent = engine.outbox(id);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ channel: 'Text', to: 'xxx-xxx-0695' });
    await user.type(pin, sent[0]!.pin);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await done();
    expect(onStepChange).toHaveBeenCalled();
    await expectAccessible(container);
  });

  it('realtime PIN: wait until it expires, restart with one click to the same destination, good', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    // The engine reads Date.now(), so the sandbox's clock moves with the faked one.
    const { engine, id } = sandbox('realtime_pin', { pinWindowMs: 120_000 });
    const onExpire = vi.fn();
    const onStepChange = vi.fn();
    // The statuses the sandbox served to the flow's reads, to know when its confirming read came back.
    const read: string[] = [];
    const served = ({ request, response }: { request: Request; response: Response }) => {
      if (request.method === 'GET') void response.clone().json().then((body: { sync?: { status?: string } }) => read.push(body.sync?.status ?? ''));
    };
    server.events.on('response:mocked', served);
    // The confirming read comes confirmAfterMs after the deadline, as by default: later than the
    // clock estimate's error (the Date header's second), so the server has expired the PIN too.
    // With POLL's 0 it could land before the server's own expiry, and then no `resync` is read.
    const { container } = renderFlow(id, { onExpire, onStepChange, pollPolicy: { ...POLL, confirmAfterMs: 1_000 } });

    await user.click(await screen.findByRole('radio', { name: /Voice call.*xxx-xxx-5309/ }, { timeout: 3000 }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByRole('textbox', { name: 'Enter your pin:' }, { timeout: 3000 });
    expect(engine.outbox(id)).toHaveLength(1);

    await act(async () => {
      await vi.advanceTimersByTimeAsync(121_000);
    });

    const resend = await screen.findByRole('button', { name: 'Send a new PIN' }, { timeout: 3000 });
    expect(screen.getByRole('heading', { name: 'The PIN expired' })).toBeInTheDocument();
    // Focus goes to the way on; the expiry is spoken by the assertive region whatever has focus.
    expect(screen.getByRole('button', { name: 'Send a new PIN' })).toHaveFocus();
    expect(container.querySelector('[data-part="announcer-assertive"]')).toHaveTextContent('Time is up.');
    expect(container.firstElementChild).toHaveAttribute('data-state', expect.stringMatching(/^(expired|restart)$/));
    expect(onExpire).toHaveBeenCalled();
    await expectAccessible(container);

    // The confirming read brings the server's `resync`: the same expiry, not a second step. The
    // heading stays, focus stays on the button, nothing is said or reported again.
    await eventually(() => read.includes('resync'));
    for (let turn = 0; turn < 5; turn++) await act(() => vi.advanceTimersByTimeAsync(10));
    expect(screen.getByRole('heading', { name: 'The PIN expired' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send a new PIN' })).toHaveFocus();
    expect(container.firstElementChild).toHaveAttribute('data-state', 'expired');
    expect(onStepChange.mock.calls.map(([step]) => step.type)).not.toContain('restart');
    expect(onStepChange.mock.calls.filter(([step]) => step.type === 'expired')).toHaveLength(1);
    expect(onExpire).toHaveBeenCalledTimes(1);

    await user.click(resend);
    // autoResend answered stage one with the same destination: straight to a new PIN.
    const pin = await eventually(() => screen.queryByRole('textbox', { name: 'Enter your pin:' }));
    const [first, second] = engine.outbox(id);
    expect(second).toMatchObject({ channel: first!.channel, to: first!.to });
    await user.type(pin, second!.pin);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await eventually(() => screen.queryByRole('heading', { name: 'You’re verified' }));
  }, 20_000);

  it('realtime PIN: a late answer refused by the server as expired reads as an expired code', async () => {
    const user = userEvent.setup();
    const clock = createManualClock();
    const engine = createEngine({ clock, random: createSeededRandom(seed++), timing: FAST });
    server.resetHandlers(...createSandboxHandlers({ engine }));
    const { id } = engine.createConnection('realtime_pin', { start: true });
    renderFlow(id);

    await user.click(await screen.findByRole('radio', { name: /Text message.*xxx-xxx-0695/ }, { timeout: 3000 }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const pin = await screen.findByRole('textbox', { name: 'Enter your pin:' }, { timeout: 3000 });
    // Only the server's clock passes the deadline; this page has not seen it yet.
    clock.advance(121_000);
    await user.type(pin, engine.outbox(id)[0]!.pin);
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    expect(await screen.findByRole('heading', { name: 'The PIN expired' }, { timeout: 3000 })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send a new PIN' })).toBeInTheDocument();
  });

  it('CAPTCHA: type the characters, good', async () => {
    const user = userEvent.setup();
    const { engine, id } = sandbox('captcha');
    const { container } = renderFlow(id);
    const image = await screen.findByRole('img', { name: 'Security image: type the characters it shows' }, { timeout: 3000 });
    expect(image.getAttribute('src')).toMatch(/^data:image\//);
    expect(screen.getByRole('timer')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Get a new image' })).toBeInTheDocument();
    await expectAccessible(container);
    await user.type(screen.getByRole('textbox'), engine.captcha(id)!.answer);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await done();
  });

  it('a wrong answer brings a new question, with focus on it', async () => {
    const user = userEvent.setup();
    const { id } = sandbox('question');
    const { container } = renderFlow(id);
    const first = await screen.findByRole('textbox', { name: /Not Hotdog/ }, { timeout: 3000 });
    await expectAccessible(container);
    await user.type(first, 'Hooli');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const second = await screen.findByRole('textbox', { name: 'What was the name of your first pet?' }, { timeout: 3000 });
    await waitFor(() => expect(second).toHaveFocus());
    expect(second).toHaveValue('');
    await user.type(second, 'Rex');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await done();
  });

  it('two challenges at once, answered in one form; a missing answer is refused with focus on it', async () => {
    const user = userEvent.setup();
    const { id } = sandbox('multi');
    const { container } = renderFlow(id);
    const pet = await screen.findByRole('textbox', { name: 'What was the name of your first pet?' }, { timeout: 3000 });
    const city = screen.getByRole('textbox', { name: 'In what city were you born?' });
    // A should_answer: false challenge is a notice: its text, never an input.
    expect(screen.getByText(/never ask for your PIN/)).toHaveAttribute('data-part', 'notice');
    expect(screen.getAllByRole('textbox')).toHaveLength(2);
    await expectAccessible(container);

    await user.type(pet, 'Rex');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(city).toHaveAttribute('aria-invalid', 'true'));
    expect(city).toHaveAccessibleDescription('Enter an answer.');
    await waitFor(() => expect(city).toHaveFocus());
    await expectAccessible(container);

    await user.type(city, 'Springfield');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await done();
  });

  it('moves focus to the error when an answer cannot be sent', async () => {
    const user = userEvent.setup();
    const { id } = sandbox('question');
    const onError = vi.fn();
    const { container } = renderFlow(id, { onError });
    const input = await screen.findByRole('textbox', { name: /Not Hotdog/ }, { timeout: 3000 });
    server.use(http.post('*/connections/:id/sync', () => HttpResponse.json({ id: 'bad_request', message: 'No' }, { status: 400 })));
    await user.type(input, 'Periscope');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const alert = await screen.findByText('Something went wrong. Try again.', { selector: '[data-part="form-error"]' }, { timeout: 3000 });
    await waitFor(() => expect(alert).toHaveFocus());
    // Spoken once, by the flow's assertive region (which existed before it was filled).
    expect(container.querySelector('[data-part="announcer-assertive"]')).toHaveTextContent('Something went wrong. Try again.');
    expect(input).toHaveValue('Periscope');
    expect(onError).toHaveBeenCalled();
    await expectAccessible(container);
  });

  it('says so when the server refuses an answer as too long, not that something went wrong', async () => {
    const user = userEvent.setup();
    const { id } = sandbox('question');
    renderFlow(id);
    const input = await screen.findByRole('textbox', { name: /Not Hotdog/ }, { timeout: 3000 });
    server.use(http.post('*/connections/:id/sync', () => HttpResponse.json({ id: 'answer_too_long', message: 'Too long.' }, { status: 400 })));
    await user.type(input, 'Periscope');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const alert = await screen.findByText('That answer is too long. Check it and enter it again.', { selector: '[data-part="form-error"]' }, { timeout: 3000 });
    await waitFor(() => expect(alert).toHaveFocus());
    expect(input).toHaveValue('Periscope');
  });

  it('incorrect credentials: a form for username and password, then good', async () => {
    const user = userEvent.setup();
    const { id } = sandbox('incorrect_credentials');
    const { container } = renderFlow(id);
    await screen.findByRole('heading', { name: 'Sign-in failed' }, { timeout: 3000 });
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Sign-in failed' })).toHaveFocus());
    await expectAccessible(container);
    await user.type(screen.getByLabelText('Username'), 'jane');
    await user.type(screen.getByLabelText('Password'), 'correct');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await done();
  });

  it('user_config: shows the instructions, restarts, good', async () => {
    const user = userEvent.setup();
    const { id } = sandbox('user_config');
    const { container } = renderFlow(id);
    await screen.findByRole('heading', { name: 'Action needed at your institution' }, { timeout: 3000 });
    expect(container.querySelector('[data-part="instructions"]')!.textContent).not.toBe('');
    await expectAccessible(container);
    await user.click(screen.getByRole('button', { name: 'I’ve done this, try again' }));
    await done();
  });

  it('a failure without user action offers a retry', async () => {
    const user = userEvent.setup();
    const { id } = sandbox('maintenance');
    const onEvent = vi.fn();
    const { container } = renderFlow(id, { onEvent });
    await screen.findByRole('heading', { name: 'We couldn’t connect' }, { timeout: 3000 });
    expect(screen.getByText(/maintenance/)).toBeInTheDocument();
    await expectAccessible(container);
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(onEvent).toHaveBeenCalledWith('sync_restarted', expect.anything()));
    await screen.findByRole('heading', { name: 'We couldn’t connect' }, { timeout: 3000 });
  });

  it('image choices render as a radiogroup of images', async () => {
    const user = userEvent.setup();
    const { id } = sandbox('image_choices');
    const { container } = renderFlow(id);
    const radios = await screen.findAllByRole('radio', {}, { timeout: 3000 });
    expect(radios).toHaveLength(4);
    // Named by the words each picture carries (its SVG title), so "the star" can be found without sight.
    expect(screen.getByRole('radio', { name: 'star' })).toBeInTheDocument();
    await user.keyboard('{ArrowDown}');
    expect(radios[1]).toHaveAttribute('aria-checked', 'true');
    await expectAccessible(container);
  });

  it('renders an unknown challenge type as a text question and an unsafe CAPTCHA as a fallback with a restart', async () => {
    const user = userEvent.setup();
    const sync = {
      sync: {
        connection_id: 77,
        status: 'challenges',
        progress: { state: 'authenticating', percent: 40, message: null },
        config_instructions: null,
        challenges: [
          { id: 1, connection_id: 77, type: 'telepathy', question: '<b>Think</b> of a number', should_answer: true, expires: null },
          { id: 2, connection_id: 77, type: 'image', question: 'Type the characters', image: 'javascript:alert(1)', should_answer: true, expires: null },
        ],
      },
    };
    const posts: unknown[] = [];
    server.resetHandlers(
      http.get('*/connections/:id/sync', () => HttpResponse.json(sync)),
      http.post('*/connections/:id/sync', async ({ request }) => {
        posts.push(await request.text());
        return HttpResponse.json(sync);
      }),
    );
    const { container } = renderFlow(77);
    expect(await screen.findByRole('textbox', { name: '<b>Think</b> of a number' }, { timeout: 3000 })).toBeInTheDocument();
    expect(container.querySelector('b')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText(/can’t be shown/)).toBeInTheDocument();
    await expectAccessible(container);
    await user.click(screen.getByRole('button', { name: 'Get a new image' }));
    await waitFor(() => expect(posts).toHaveLength(1));
  });

  it('shows a retrying notice while requests fail, then recovers', async () => {
    let failures = 2;
    const { engine, id } = sandbox('no_mfa');
    server.use(
      http.get('*/connections/:id/sync', () => {
        if (failures-- > 0) return new HttpResponse('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } });
        return undefined;
      }),
    );
    void engine;
    renderFlow(id);
    await screen.findByText('Connection trouble. Retrying…', {}, { timeout: 3000 });
    await done();
  });
});

describe('MfaFlow behind a backend that refuses the page (issue 21: a Vite dev proxy without allowedOrigins)', () => {
  const refuseWrites = () =>
    server.use(http.post('*/connections/:id/sync', () => HttpResponse.json({ id: 'cross_site_request', message: 'Requests from other sites are refused.' }, { status: 403 })));

  it('says the page cannot reach the verification service, offers no "Try again", and logs the fix in development', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const { id } = sandbox('realtime_pin', { start: false });
      refuseWrites();
      const { container } = renderFlow(id);
      expect(await screen.findByText(/can’t reach the verification service/, {}, { timeout: 3000 })).toBeInTheDocument();
      expect(screen.queryByText(/Try again in a moment/)).toBeNull();
      expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
      expect(container.querySelector('[data-part="flow"] [data-part="failed"]')).not.toBeNull();
      await expectAccessible(container);
      const logged = errors.mock.calls.map((call) => String(call[0])).filter((line) => line.includes('allowedOrigins'));
      expect(logged).toHaveLength(1);
      expect(logged[0]).toContain('cross_site_request');
    } finally {
      errors.mockRestore();
    }
  });

  it('says it in the catalogue of the flow’s language', async () => {
    const { id } = sandbox('realtime_pin', { start: false });
    refuseWrites();
    renderFlow(id, { messages: messagesEs });
    expect(await screen.findByText(messagesEs.configurationError, {}, { timeout: 3000 })).toBeInTheDocument();
  });
});

describe('MfaFlow looks and words', () => {
  it('renders none of our class names in the unstyled mode, but keeps data-part and data-state', async () => {
    const { id } = sandbox('realtime_pin');
    const { container } = renderFlow(id, { unstyled: true, className: 'partner-flow' });
    await screen.findByRole('radiogroup', {}, { timeout: 3000 });
    expect(container.querySelector('[class*="mfa-"]')).toBeNull();
    expect(container.firstElementChild).toHaveClass('partner-flow');
    expect(container.querySelector('[data-scope="mfa"][data-part="choice-picker"]')).not.toBeNull();
    expect(container.querySelector('[data-part="flow"]')).toHaveAttribute('data-state', 'answer');
    await expectAccessible(container);
  });

  it('overrides one message and keeps the rest', async () => {
    const { id } = sandbox('realtime_pin');
    renderFlow(id, { messages: { submit: 'Send it' } });
    expect(await screen.findByRole('button', { name: 'Send it' }, { timeout: 3000 })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Verify it’s you' })).toBeInTheDocument();
  });

  it('speaks Spanish with messagesEs and formats for the locale', async () => {
    const user = userEvent.setup();
    const { engine, id } = sandbox('realtime_pin');
    const { container } = renderFlow(id, { messages: messagesEs, locale: 'es', theme: 'dark' });
    expect(container.firstElementChild).toHaveAttribute('data-theme', 'dark');
    await user.click(await screen.findByRole('radio', { name: /Mensaje de texto.*xxx-xxx-0695/ }, { timeout: 3000 }));
    await user.click(screen.getByRole('button', { name: 'Continuar' }));
    await screen.findByRole('timer', { name: 'Tiempo restante' }, { timeout: 3000 });
    expect(container.querySelector('[data-part="announcer-polite"]')!.textContent).toMatch(/^Quedan (1 minuto|2 minutos).* para responder\.$/);
    await user.type(screen.getByRole('textbox'), engine.outbox(id)[0]!.pin);
    await user.click(screen.getByRole('button', { name: 'Continuar' }));
    await screen.findByRole('heading', { name: 'Verificación completada' }, { timeout: 3000 });
  });
});

describe('MfaFlow: every state heard and seen', () => {
  const assertive = (container: HTMLElement) => container.querySelector('[data-part="announcer-assertive"]')!;

  it('has its polite and assertive regions before anything is said', () => {
    const { id } = sandbox('realtime_pin');
    const { container } = renderFlow(id);
    expect(container.querySelector('[data-part="announcer-polite"][aria-live="polite"]')).toBeEmptyDOMElement();
    expect(assertive(container)).toHaveAttribute('aria-live', 'assertive');
    expect(assertive(container)).toBeEmptyDOMElement();
  });

  it('speaks an empty submit even when focus is already on the field, and a second one again', async () => {
    const user = userEvent.setup();
    const { id } = sandbox('question');
    const { container } = renderFlow(id);
    const input = await screen.findByRole('textbox', { name: /Not Hotdog/ }, { timeout: 3000 });
    await user.click(input);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(assertive(container)).toHaveTextContent('One answer needs your attention. Enter an answer.'));
    const first = assertive(container).firstElementChild;
    expect(input).toHaveFocus();
    await user.keyboard('{Enter}');
    // A new node: the same words are spoken again.
    await waitFor(() => expect(assertive(container).firstElementChild).not.toBe(first));
    expect(assertive(container)).toHaveTextContent('Enter an answer.');
  });

  it('says so when the bank asks the same question again after a wrong choice', async () => {
    const user = userEvent.setup();
    const { id } = sandbox('choices');
    const { container } = renderFlow(id);
    const group = await screen.findByRole('radiogroup', {}, { timeout: 3000 });
    await user.click(within(group).getAllByRole('radio')[0]!);
    // A chosen option shows a check mark, not a colour alone.
    expect(within(group).getAllByRole('radio')[0]!.querySelector('[data-part="choice-indicator"] svg')).not.toBeNull();
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByText('That answer wasn’t accepted. Please try again.', { selector: '[data-part="reasked"]' }, { timeout: 3000 });
    await waitFor(() => expect(assertive(container)).toHaveTextContent('That answer wasn’t accepted. Please try again.'));
    await expectAccessible(container);
  });

  it("offers 'I can't see the images', says what the protocol allows and tells the partner", async () => {
    const user = userEvent.setup();
    const { id } = sandbox('image_choices');
    const onEvent = vi.fn();
    renderFlow(id, { onEvent });
    await user.click(await screen.findByRole('button', { name: 'I can’t see the images' }, { timeout: 3000 }));
    expect(screen.getByText(/only offers a picture check here/, { selector: '[data-part="cant-see-help"]' })).toBeInTheDocument();
    expect(onEvent).toHaveBeenCalledWith('alternative_requested', expect.objectContaining({ challengeKinds: ['imageChoice'] }));
  });
});

describe('MfaFlow: said once, at the moment', () => {
  const assertive = (container: HTMLElement) => container.querySelector('[data-part="announcer-assertive"]')!;

  it('does not say a refusal again when the partner re-renders with new message objects, or while the user fixes an answer', async () => {
    const user = userEvent.setup();
    const { id } = sandbox('multi');
    const flow = (n: number) => <MfaFlow connectionId={id} baseUrl={BASE_URL} pollPolicy={POLL} messages={{ submit: 'Continue' }} className={`r${n}`} />;
    const { container, rerender } = render(flow(0));
    const pet = await screen.findByRole('textbox', { name: 'What was the name of your first pet?' }, { timeout: 3000 });
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(assertive(container)).toHaveTextContent('2 answers need your attention.'));
    const said = assertive(container).firstElementChild;
    rerender(flow(1));
    rerender(flow(2));
    await user.type(pet, 'Rex');
    expect(assertive(container).firstElementChild).toBe(said);
  });
});

describe('MfaFlow: issue 21, heard once', () => {
  const region = (container: HTMLElement, politeness: 'polite' | 'assertive') => container.querySelector(`[data-part="announcer-${politeness}"]`)!;

  it('a wrong PIN: the bank’s own words in the new prompt are the only ones shown and said', async () => {
    const user = userEvent.setup();
    const { engine, id } = sandbox('realtime_pin');
    const { container } = renderFlow(id);
    await user.click((await screen.findAllByRole('radio', {}, { timeout: 3000 }))[0]!);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const field = await screen.findByRole('textbox', { name: 'Enter your pin:' }, { timeout: 3000 });
    const pin = engine.outbox(id)[0]!.pin;
    await user.type(field, pin.replace(/\d$/, (d) => String((Number(d) + 1) % 10)));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const again = await screen.findByRole('textbox', { name: 'That PIN was not right. Enter your pin:' }, { timeout: 3000 });
    await waitFor(() => expect(again).toHaveFocus());
    expect(screen.queryByText('That answer wasn’t accepted. Please try again.')).toBeNull();
    expect(region(container, 'assertive')).toBeEmptyDOMElement();
  });

  it("'I can't see the images': its help is said politely and describes the button", async () => {
    const user = userEvent.setup();
    // Pictures with no deadline: no countdown speaks in the same region meanwhile.
    const { id } = sandbox('image_choices');
    const { container } = renderFlow(id);
    const button = await screen.findByRole('button', { name: 'I can’t see the images' }, { timeout: 3000 });
    expect(button).not.toHaveAttribute('aria-describedby');
    await user.click(button);
    const help = 'This bank only offers a picture check here, and it can’t be swapped for another kind. Ask the people who gave you this app for another way to connect your account.';
    expect(button).toHaveAccessibleDescription(help);
    await waitFor(() => expect(region(container, 'polite')).toHaveTextContent(help));
    expect(button).toHaveFocus();
    await expectAccessible(container);
  });

  it('progress and done come through the regions that were there first; the done heading is not said again', async () => {
    const clock = createManualClock();
    const engine = createEngine({ clock, random: createSeededRandom(3) });
    server.resetHandlers(...createSandboxHandlers({ engine }));
    const { id } = engine.createConnection('no_mfa', { start: true });
    const { container } = renderFlow(id);
    const polite = region(container, 'polite');
    await waitFor(() => expect(container.firstElementChild).toHaveAttribute('data-state', 'wait'));
    // The bank's progress words are said through the flow's polite region, not a status born with them.
    const message = container.querySelector('[data-part="progress-message"]')!;
    expect(message.textContent).not.toBe('');
    expect(message).not.toHaveAttribute('role');
    expect(message.closest('[role="status"], [aria-live]')).toBeNull();
    await waitFor(() => expect(polite).toHaveTextContent(message.textContent!));
    clock.advance(60_000);
    await done();
    expect(container.querySelector('[data-part="done"]')).not.toHaveAttribute('role');
    await waitFor(() => expect(polite).toHaveTextContent('Your account is connected.'));
    expect(polite).not.toHaveTextContent('You’re verified');
  });
});
