/**
 * `<mfa-flow>` in jsdom against the sandbox (MSW), rendered by what ships: this project aliases
 * React to preact/compat (vitest.config.ts, project `element`), as the bundle does.
 */
import { createEngine, createSeededRandom, type SandboxEngine, type ScenarioName } from '@mfa-kit/sandbox';
import { createSandboxHandlers } from '@mfa-kit/sandbox/msw';
import { within } from '@testing-library/dom';
import { setupServer } from 'msw/node';
import { options } from 'preact';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MfaFlowElementEventMap } from './index';
import { defineMfaFlowElement, MfaFlowElement } from './index';

const BASE_URL = 'http://partner.test/api/quovo';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

let engine: SandboxEngine;
let seed = 1;
beforeEach(() => {
  // Time is faked (the engine reads the same Date.now()), so polling costs nothing.
  vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  engine = createEngine({ random: createSeededRandom(seed++), timing: { queuedMs: 0, authenticatingMs: 0, verifyingMs: 0, fetchingMs: 0 } });
  server.resetHandlers(...createSandboxHandlers({ engine, baseUrl: BASE_URL }));
});
afterEach(async () => {
  document.body.replaceChildren();
  await Promise.resolve(); // the removals are final after this task's microtasks
  await Promise.resolve();
  // The fake clock goes, and whatever is still on it with it: the elements are gone, so nothing
  // may be left (a timer lost here would be a hole in the next test).
  const left = vi.getTimerCount();
  vi.useRealTimers();
  expect(left, 'timers left on the fake clock after the elements were removed').toBe(0);
});

// preact/hooks runs `useEffect`s from one module-wide queue, flushed "after paint": by jsdom's
// `requestAnimationFrame` and a 35 ms `setTimeout`, both looked up at each call, so both on the
// fake clock. It schedules that flush only when the queue was empty. A test that ended between a
// render and that flush (its timers dropped by `useRealTimers`) left the queue stuck for the rest
// of the file: no effect ran again, so no later element subscribed to its session, and the tests
// after it waited for a first read that never came (whether one hit that window depended on how
// much real time `shouldAdvanceTime` turned into fake time). It also put the renderer's own
// timers into `vi.getTimerCount()`, which should count only the element's. Here the effects run
// once the render's microtasks are done (as preact/test-utils' `act` flushes them), so the fake
// clock carries only what the element and its session schedule.
options.requestAnimationFrame = (flush) => queueMicrotask(flush);

/** Every request the element made, and whether it is still open (not settled, not aborted). */
function trackingFetch() {
  const calls: { url: string; method: string; headers: Record<string, string>; open: boolean }[] = [];
  const tracked: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const call = { url: request.url, method: request.method, headers: Object.fromEntries(request.headers), open: true };
    calls.push(call);
    init?.signal?.addEventListener('abort', () => (call.open = false));
    try {
      return await fetch(request);
    } finally {
      call.open = false;
    }
  };
  return { calls, fetch: tracked };
}

function mount(connectionId: number, attributes: Record<string, string> = {}, properties: Partial<MfaFlowElement> = {}): MfaFlowElement {
  const element = document.createElement('mfa-flow');
  element.setAttribute('connection-id', String(connectionId));
  element.setAttribute('base-url', BASE_URL);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  Object.assign(element, properties);
  document.body.append(element);
  return element;
}

const inside = (element: MfaFlowElement) => within(element.shadowRoot as unknown as HTMLElement);

/** Lets time pass (faked, 250 ms a turn) until `get` finds something. */
async function eventually<T>(get: () => T | null | undefined, what: string): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = get();
    if (value) return value;
    await vi.advanceTimersByTimeAsync(250);
  }
  throw new Error(`eventually(): never saw ${what}`);
}

function record(target: EventTarget) {
  const events: { type: keyof MfaFlowElementEventMap; detail: unknown; composed: boolean; bubbles: boolean }[] = [];
  for (const type of ['mfa-complete', 'mfa-error', 'mfa-expire', 'mfa-event', 'mfa-step-change'] as const) {
    target.addEventListener(type, (event) => {
      const custom = event as CustomEvent;
      events.push({ type, detail: custom.detail, composed: custom.composed, bubbles: custom.bubbles });
    });
  }
  return events;
}

async function completeRealtimePin(element: MfaFlowElement, id: number, { focused = true } = {}): Promise<void> {
  const ui = inside(element);
  const radio = await eventually(() => ui.queryByRole('radio', { name: /Text message.*xxx-xxx-0695/ }), 'the destination choice');
  // Focus management works inside the shadow root: the new step's field takes focus (unless
  // the user is elsewhere: then focus stays where it is).
  if (focused) expect(element.shadowRoot!.activeElement?.getAttribute('role')).toBe('radio');
  else expect(element.shadowRoot!.activeElement).toBeNull();
  radio.click();
  const button = ui.getByRole('button', { name: 'Continue' });
  button.focus();
  button.click();
  const field = await eventually(() => ui.queryByRole('textbox', { name: 'Enter your pin:' }), 'the PIN field');
  await eventually(() => element.shadowRoot!.activeElement === field, 'focus on the PIN field');
  const pin = engine.outbox(id)[0]!.pin;
  field.focus();
  // As typing does: the value, then an input event (preact/compat listens to `input` for onChange).
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  setValue.call(field, pin);
  field.dispatchEvent(new Event('input', { bubbles: true }));
  await vi.advanceTimersByTimeAsync(0);
  ui.getByRole('button', { name: 'Continue' }).click();
  await eventually(() => ui.queryByRole('heading', { name: 'You’re verified' }), 'the done panel');
}

const started = (scenario: ScenarioName) => engine.createConnection(scenario, { start: true }).id;

describe('<mfa-flow>', () => {
  it('is registered, with its attributes as properties', () => {
    expect(customElements.get('mfa-flow')).toBe(MfaFlowElement);
    const element = document.createElement('mfa-flow');
    expect(element).toBeInstanceOf(MfaFlowElement);
    element.connectionId = 42;
    element.pinLength = '6';
    element.autoStart = false;
    element.updates = 'push';
    expect(element.getAttribute('connection-id')).toBe('42');
    expect(element.pinLength).toBe(6);
    expect(element.autoStart).toBe(false);
    expect(element.updates).toBe('push');
    element.setAttribute('connection-id', '4x');
    expect(element.connectionId).toBeNull();
    element.setAttribute('auto-start', '');
    expect(element.autoStart).toBe(true);
    element.removeAttribute('updates');
    expect(element.updates).toBe('polling');
  });

  it('completes a realtime PIN flow in its shadow root, and its events reach the document', async () => {
    const id = started('realtime_pin');
    const events = record(document);
    const element = mount(id);
    expect(element.shadowRoot?.querySelector('style')?.textContent).toContain('[data-scope="mfa"]');
    await completeRealtimePin(element, id);

    // Nothing of the flow is in the light DOM: the page's selectors cannot reach it.
    expect(document.body.querySelector('[data-scope="mfa"]')).toBeNull();
    const complete = events.filter((e) => e.type === 'mfa-complete');
    expect(complete).toHaveLength(1);
    expect(complete[0]).toMatchObject({ bubbles: true, composed: true, detail: { connectionId: id, sync: { status: 'good' } } });
    const steps = events.filter((e) => e.type === 'mfa-step-change').map((e) => (e.detail as { step: { type: string } }).step.type);
    expect(steps).toEqual(expect.arrayContaining(['answer', 'done']));
    const names = events.filter((e) => e.type === 'mfa-event').map((e) => (e.detail as { name: string }).name);
    expect(names).toEqual(expect.arrayContaining(['challenge_shown', 'answer_submitted', 'answer_accepted', 'sync_completed']));
    // No event carries the PIN.
    const pin = engine.outbox(id)[0]!.pin;
    for (const event of events) expect(JSON.stringify(event.detail)).not.toContain(pin);
  });

  it('speaks the locale’s language in its direction, and takes words from `messages`', async () => {
    const id = started('realtime_pin');
    const element = mount(id, { locale: 'ar' }, { messages: { submit: 'Weiter →' } });
    const ui = inside(element);
    await eventually(() => ui.queryByRole('radiogroup'), 'the destination choice');
    const wrapper = element.shadowRoot!.querySelector('[data-mfa-element]')!;
    expect(wrapper.getAttribute('dir')).toBe('rtl');
    expect(wrapper.getAttribute('lang')).toBe('ar');
    expect(ui.getByRole('button', { name: 'Weiter →' })).toBeTruthy();
    element.setAttribute('locale', 'es');
    await eventually(() => wrapper.getAttribute('dir') === 'ltr', 'the direction back to ltr');
    expect(wrapper.getAttribute('lang')).toBe('es');
  });

  it('takes theme, pin-length and getHeaders, and tells the page of an expiry and of an error', async () => {
    const id = started('realtime_pin');
    const tracking = trackingFetch();
    const events = record(document);
    const element = mount(id, { theme: 'dark', 'pin-length': '6' }, { fetch: tracking.fetch, getHeaders: () => ({ 'x-csrf-token': 'from-the-page' }) });
    const ui = inside(element);
    (await eventually(() => ui.queryByRole('radio', { name: /Text message.*xxx-xxx-0695/ }), 'the destination choice')).click();
    ui.getByRole('button', { name: 'Continue' }).click();
    await eventually(() => ui.queryByRole('textbox', { name: 'Enter your pin:' }), 'the PIN field');
    expect(element.shadowRoot!.querySelector('[data-part="flow"]')!.getAttribute('data-theme')).toBe('dark');
    expect(element.shadowRoot!.querySelectorAll('[data-part="pin-slot"]')).toHaveLength(6);
    expect(tracking.calls.length).toBeGreaterThan(0);
    expect(tracking.calls.filter((call) => call.headers['x-csrf-token'] !== 'from-the-page')).toEqual([]);

    // The sandbox's PIN window is 2 minutes: past it, the flow expires and the page hears it.
    await vi.advanceTimersByTimeAsync(121_000);
    await eventually(() => events.find((e) => e.type === 'mfa-expire'), 'mfa-expire');
    const expired = events.find((e) => e.type === 'mfa-expire')!.detail as { connectionId: number; challenges: { id: number }[] };
    expect(expired.connectionId).toBe(id);
    expect(expired.challenges.length).toBeGreaterThan(0);

    // A connection the backend does not know: the flow shows it, and the page hears why.
    element.setAttribute('connection-id', String(id + 1000));
    const error = await eventually(() => events.find((e) => e.type === 'mfa-error'), 'mfa-error');
    expect(error).toMatchObject({ bubbles: true, composed: true, detail: { connectionId: id + 1000, error: { kind: 'not_found' } } });
  });

  it('leaves no timer, stream or request behind when it is removed', async () => {
    const id = started('realtime_pin');
    const tracking = trackingFetch();
    const element = mount(id, {}, { fetch: tracking.fetch });
    const ui = inside(element);
    await eventually(() => ui.queryByRole('radio', { name: /Text message.*xxx-xxx-0695/ }), 'the destination choice');
    ui.getByRole('radio', { name: /Text message.*xxx-xxx-0695/ }).click();
    ui.getByRole('button', { name: 'Continue' }).click();
    await eventually(() => ui.queryByRole('timer'), 'the countdown');
    expect(vi.getTimerCount()).toBeGreaterThan(0); // the countdown ticks, the deadline is armed

    element.remove();
    await Promise.resolve(); // the removal is final after the current task's microtasks
    await Promise.resolve();
    expect(vi.getTimerCount()).toBe(0);
    expect(tracking.calls.filter((call) => call.open)).toEqual([]);
    expect(element.shadowRoot?.querySelector('[data-scope="mfa"]')).toBeNull();
    const before = tracking.calls.length;
    await vi.advanceTimersByTimeAsync(180_000);
    expect(tracking.calls.length).toBe(before);
  });

  it('keeps its session when it is moved within the page', async () => {
    const id = started('realtime_pin');
    const tracking = trackingFetch();
    const element = mount(id, {}, { fetch: tracking.fetch });
    const ui = inside(element);
    const radio = await eventually(() => ui.queryByRole('radio', { name: /Text message.*xxx-xxx-0695/ }), 'the destination choice');
    radio.click();
    const section = document.createElement('section');
    document.body.append(section);
    section.append(element);
    await vi.advanceTimersByTimeAsync(0);
    expect(ui.getByRole('radio', { name: /Text message.*xxx-xxx-0695/ }).getAttribute('aria-checked')).toBe('true');
    const starts = tracking.calls.filter((call) => call.method === 'POST').length;
    expect(starts).toBe(0); // the connection was started by the test: the element only followed it
  });

  it('switches connections when `connection-id` changes', async () => {
    const first = started('realtime_pin');
    const second = started('question');
    const tracking = trackingFetch();
    const element = mount(first, {}, { fetch: tracking.fetch });
    const ui = inside(element);
    await eventually(() => ui.queryByRole('radiogroup'), 'the first connection’s choice');
    element.setAttribute('connection-id', String(second));
    await eventually(() => ui.queryByRole('textbox'), 'the second connection’s question');
    expect(ui.queryByRole('radiogroup')).toBeNull();
    const at = tracking.calls.length;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(tracking.calls.slice(at).filter((call) => call.url.includes(`/connections/${first}/`))).toEqual([]);
    expect(tracking.calls.filter((call) => call.open && call.url.includes(`/connections/${first}/`))).toEqual([]);
  });

  it('runs two elements on one page without interfering', async () => {
    const a = started('realtime_pin');
    const b = started('realtime_pin');
    const one = mount(a);
    const two = mount(b);
    const seenByTwo = record(two);
    await completeRealtimePin(one, a);
    // The second is still at its first stage, and heard nothing of the first.
    const ui = inside(two);
    expect(ui.getByRole('radiogroup')).toBeTruthy();
    expect(seenByTwo.filter((e) => e.type === 'mfa-complete')).toEqual([]);
    await completeRealtimePin(two, b, { focused: false });
    expect(seenByTwo.filter((e) => e.type === 'mfa-complete')).toHaveLength(1);
    expect(engine.state(a).status).toBe('good');
    expect(engine.state(b).status).toBe('good');
  });

  it('takes over properties set before the element was defined (a page whose script loads last)', async () => {
    const id = started('realtime_pin');
    const tracking = trackingFetch();
    const early = document.createElement('mfa-flow-late') as HTMLElement & { fetch?: typeof fetch; connectionId?: number };
    early.fetch = tracking.fetch;
    early.connectionId = id;
    early.setAttribute('base-url', BASE_URL);
    document.body.append(early);
    const Late = defineMfaFlowElement('mfa-flow-late');
    expect(defineMfaFlowElement('mfa-flow-late')).toBe(Late); // once per name
    expect(early).toBeInstanceOf(MfaFlowElement);
    const element = early as MfaFlowElement;
    expect(element.getAttribute('connection-id')).toBe(String(id));
    await eventually(() => inside(element).queryByRole('radiogroup'), 'the destination choice');
    expect(tracking.calls.length).toBeGreaterThan(0); // through the fetch given before the upgrade
  });

  it('runs no session on a connection id that is not one, and says so once, naming the fix', async () => {
    const console = { error: vi.spyOn(globalThis.console, 'error').mockImplementation(() => {}), warn: vi.spyOn(globalThis.console, 'warn').mockImplementation(() => {}) };
    const tracking = trackingFetch();
    const element = document.createElement('mfa-flow');
    const events = record(document);
    element.fetch = tracking.fetch;
    element.setAttribute('connection-id', '4224 865');
    element.setAttribute('base-url', BASE_URL);
    document.body.append(element);
    await vi.advanceTimersByTimeAsync(5000);
    element.setAttribute('theme', 'light'); // a re-render: the same problem is not said again
    await vi.advanceTimersByTimeAsync(1000);
    expect(tracking.calls).toEqual([]);
    expect(element.shadowRoot?.querySelector('[data-scope="mfa"]')).toBeNull();
    expect(console.error.mock.calls).toEqual([['<mfa-flow>: connection-id="4224 865" is not a connection id: use its number, e.g. connection-id="4224865".']]);
    expect(events).toHaveLength(1);
    const { detail } = events[0]! as { detail: MfaFlowElementEventMap['mfa-error']['detail'] };
    expect(detail.connectionId).toBeNull();
    expect(detail.error.kind).toBe('configuration');
    expect(detail.error.message).toMatch(/^connection-id="4224 865" is not a connection id/);
    expect(console.warn).not.toHaveBeenCalled();
    console.error.mockRestore();
    console.warn.mockRestore();
  });

  it('runs no session without a base URL, and names the attribute to set', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const tracking = trackingFetch();
    const element = document.createElement('mfa-flow');
    const events = record(element);
    element.fetch = tracking.fetch;
    element.setAttribute('connection-id', String(started('realtime_pin')));
    document.body.append(element);
    await vi.advanceTimersByTimeAsync(5000);
    expect(tracking.calls).toEqual([]);
    expect(error).toHaveBeenCalledOnce();
    expect(error.mock.calls[0]![0]).toMatch(/base-url is missing: set it to your backend's Quovo proxy, e.g. base-url="\/api\/quovo"/);
    expect(events.map((e) => e.type)).toEqual(['mfa-error']);
    // Set now: the flow runs, and nothing more is said.
    element.setAttribute('base-url', BASE_URL);
    await eventually(() => inside(element).queryByRole('radio', { name: /Text message.*xxx-xxx-0695/ }), 'the destination choice');
    expect(error).toHaveBeenCalledOnce();
    error.mockRestore();
  });

  it('runs no session and says nothing while connection-id is not set yet (a page that sets it later)', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const tracking = trackingFetch();
    const element = document.createElement('mfa-flow');
    element.fetch = tracking.fetch;
    document.body.append(element);
    await vi.advanceTimersByTimeAsync(2000);
    expect(tracking.calls).toEqual([]);
    expect(error).not.toHaveBeenCalled();
    error.mockRestore();
  });

  it('warns once about an attribute value it ignores, and runs the flow on the default', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const element = mount(started('realtime_pin'), { updates: 'sse', theme: 'Dark', 'pin-length': 'six', locale: 'it' });
    await eventually(() => inside(element).queryByRole('radio', { name: /Text message.*xxx-xxx-0695/ }), 'the destination choice (the flow runs)');
    expect(warn.mock.calls.map(([line]) => line)).toEqual([
      '<mfa-flow>: pin-length="six" is not a whole number; ignored.',
      '<mfa-flow>: theme="Dark" is not one of light dark; ignored.',
      '<mfa-flow>: updates="sse" is not one of push polling; ignored.',
      '<mfa-flow>: locale="it" has no built-in words (en es fr de ar): English is used; give yours in the messages property.',
    ]);
    warn.mockRestore();
  });
});
