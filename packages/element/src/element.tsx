import { MfaFlow, messagesAr, messagesDe, messagesEn, messagesEs, messagesFr, type MfaMessages } from '@mfa-kit/components';
import css from '@mfa-kit/components/styles.css?raw';
import { createEventStreamTransport, createSyncClient, MfaError, type MfaSessionBehaviour, type SyncTransport } from '@mfa-kit/core';
import { createRoot, type Root } from 'react-dom/client';
import type { MfaFlowElementEventMap, MfaUpdates } from './types';

/** The built-in catalogues, by language subtag. */
const CATALOGUES: Record<string, MfaMessages> = { en: messagesEn, es: messagesEs, fr: messagesFr, de: messagesDe, ar: messagesAr };
/** Languages written right to left (the subtags a partner may pass as `locale`). */
const RTL = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'ckb', 'syr']);

/**
 * Inside the shadow root: the kit's stylesheet, and a wrapper that resets every inherited
 * property (`all: initial`), so nothing the page sets on the element (or above it) reaches the
 * flow, except the `--mfa-*` custom properties (which `all` leaves alone, so they theme it) and
 * the direction (which `all` leaves alone too, so `dir` on the page or the element mirrors it).
 */
const SHADOW_CSS = `:host{display:block}:host([hidden]){display:none}[data-mfa-element]{all:initial;display:block}\n${css}`;

const OBSERVED = ['connection-id', 'base-url', 'theme', 'locale', 'pin-length', 'auto-start', 'updates'] as const;

/** An attribute's value as a page author wrote it, short enough for a console line. */
const quoted = (value: string) => JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);

/**
 * What is wrong with the element's attributes, one sentence each that names the fix: `fatal`
 * when no session can run, `ignored` when the flow runs on the default instead. A missing
 * `connection-id` is no mistake: a page may set it once it knows the connection.
 */
function attributeProblems(element: HTMLElement, hasMessages: boolean): { fatal: string[]; ignored: string[] } {
  const fatal: string[] = [];
  const ignored: string[] = [];
  const value = (name: string) => element.getAttribute(name);
  const id = value('connection-id');
  if (id !== null && integer(id) === null) fatal.push(`connection-id=${quoted(id)} is not a connection id: use its number, e.g. connection-id="4224865".`);
  if (id !== null && !value('base-url')) fatal.push('base-url is missing: set it to your backend\'s Quovo proxy, e.g. base-url="/api/quovo".');
  const pinLength = value('pin-length');
  if (pinLength !== null && integer(pinLength) === null) ignored.push(`pin-length=${quoted(pinLength)} is not a whole number; ignored.`);
  for (const [name, allowed] of [['theme', 'light dark'], ['updates', 'push polling'], ['auto-start', 'auto true false']] as const) {
    const given = value(name);
    if (given && !allowed.split(' ').includes(given)) ignored.push(`${name}=${quoted(given)} is not one of ${allowed}; ignored.`);
  }
  const locale = value('locale');
  if (locale && !hasMessages && !CATALOGUES[locale.toLowerCase().split(/[-_]/)[0]!]) {
    ignored.push(`locale=${quoted(locale)} has no built-in words (en es fr de ar): English is used; give yours in the messages property.`);
  }
  return { fatal, ignored };
}

/** A non-negative safe integer from an attribute, else `null`. */
function integer(value: string | null): number | null {
  if (value === null || !/^\s*\d+\s*$/.test(value)) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * `<mfa-flow>`: the drop-in `MfaFlow` of `@mfa-kit/components` as a custom element, for any page
 * (plain HTML, Vue, Angular, server-rendered). It renders into its own open shadow root, so the
 * page's styles and the kit's never meet; `--mfa-*` custom properties theme it.
 *
 * - **Attributes**: `connection-id`, `base-url`, `theme`, `locale`, `pin-length`, `auto-start`,
 *   `updates` (`polling` or `push`); each has a property of the same name in camelCase.
 * - **Properties** only: `messages` (words to override), `getHeaders` (headers per request, such
 *   as a CSRF token), `fetch`.
 * - **Events** (bubbling, composed `CustomEvent`s): `mfa-complete`, `mfa-error`, `mfa-expire`,
 *   `mfa-event`, `mfa-step-change`; see {@link MfaFlowElementEventMap}.
 * - **Lifecycle**: removing the element ends its session (timers cleared, stream closed,
 *   requests aborted); a new `connection-id` starts a new session.
 *
 * @example
 * <script type="module" src="/assets/mfa-flow.js"></script>
 * <mfa-flow connection-id="4224865" base-url="/api/quovo" updates="push"></mfa-flow>
 */
/** `HTMLElement`, or a stand-in where there is no DOM (a server importing the module while rendering), so the import never throws. */
const ElementBase: typeof HTMLElement = typeof HTMLElement === 'undefined' ? (class {} as unknown as typeof HTMLElement) : HTMLElement;

export class MfaFlowElement extends ElementBase {
  static readonly observedAttributes: readonly string[] = OBSERVED;

  #root: Root | null = null;
  #container: HTMLElement | null = null;
  #messages: Partial<MfaMessages> | undefined;
  #getHeaders: (() => Record<string, string> | Promise<Record<string, string>>) | undefined;
  #fetch: typeof fetch | undefined;
  #transport: { key: unknown[]; value: SyncTransport } | null = null;
  #scheduled = false;
  /** The attribute problems already reported: each is said once, not at every render. */
  #reported = new Set<string>();

  /** Words to override, key by key, over the `locale`'s built-in catalogue (e.g. a brand name in a title). */
  get messages(): Partial<MfaMessages> | undefined {
    return this.#messages;
  }
  set messages(value: Partial<MfaMessages> | undefined) {
    this.#messages = value ?? undefined;
    this.#update();
  }

  /** Headers for the partner's backend, computed per request (a CSRF token, a session header). Never a Quovo token. */
  get getHeaders(): (() => Record<string, string> | Promise<Record<string, string>>) | undefined {
    return this.#getHeaders;
  }
  set getHeaders(value: (() => Record<string, string> | Promise<Record<string, string>>) | undefined) {
    this.#getHeaders = value ?? undefined;
    this.#update();
  }

  /** A `fetch` implementation for the element's requests. @default globalThis.fetch */
  get fetch(): typeof fetch | undefined {
    return this.#fetch;
  }
  set fetch(value: typeof fetch | undefined) {
    this.#fetch = value ?? undefined;
    this.#update();
  }

  /** The `connection-id` attribute as a number, or `null` while it is missing or not a non-negative integer. */
  get connectionId(): number | null {
    return integer(this.getAttribute('connection-id'));
  }
  set connectionId(value: number | string | null) {
    this.#reflect('connection-id', value);
  }
  /** The `base-url` attribute: the partner's backend proxy, e.g. `/api/quovo`. */
  get baseUrl(): string | null {
    return this.getAttribute('base-url');
  }
  set baseUrl(value: string | null) {
    this.#reflect('base-url', value);
  }
  /** The `theme` attribute: `light`, `dark`, or `null` (the system's `prefers-color-scheme`). */
  get theme(): 'light' | 'dark' | null {
    const theme = this.getAttribute('theme');
    return theme === 'light' || theme === 'dark' ? theme : null;
  }
  set theme(value: 'light' | 'dark' | null) {
    this.#reflect('theme', value);
  }
  /** The `locale` attribute (`en`, `es`, `fr`, `de`, `ar`, with any region), or `null` for English. */
  get locale(): string | null {
    return this.getAttribute('locale');
  }
  set locale(value: string | null) {
    this.#reflect('locale', value);
  }
  /** The `pin-length` attribute as a number, or `null` (read from the question, else unknown). */
  get pinLength(): number | null {
    return integer(this.getAttribute('pin-length'));
  }
  set pinLength(value: number | string | null) {
    this.#reflect('pin-length', value);
  }
  /** The `auto-start` attribute: `auto` (missing or any other value), `true` (present and empty, or `true`) or `false`. */
  get autoStart(): boolean | 'auto' {
    const value = this.getAttribute('auto-start');
    return value === 'false' ? false : value === '' || value === 'true' ? true : 'auto';
  }
  set autoStart(value: boolean | 'auto' | null) {
    this.#reflect('auto-start', value === null ? null : String(value));
  }
  /** The `updates` attribute: `push` (the backend's event stream) or `polling` (the default). */
  get updates(): MfaUpdates {
    return this.getAttribute('updates') === 'push' ? 'push' : 'polling';
  }
  set updates(value: MfaUpdates | null) {
    this.#reflect('updates', value);
  }

  #reflect(name: string, value: unknown): void {
    if (value === null || value === undefined) this.removeAttribute(name);
    else this.setAttribute(name, String(value));
  }

  connectedCallback(): void {
    // Properties set before the element was upgraded sit on the instance and hide the accessors.
    for (const name of ['messages', 'getHeaders', 'fetch', 'connectionId', 'baseUrl', 'theme', 'locale', 'pinLength', 'autoStart', 'updates'] as const) {
      if (Object.prototype.hasOwnProperty.call(this, name)) {
        const value = (this as Record<string, unknown>)[name];
        delete (this as Record<string, unknown>)[name];
        (this as Record<string, unknown>)[name] = value;
      }
    }
    if (!this.shadowRoot) {
      const shadow = this.attachShadow({ mode: 'open' });
      const style = document.createElement('style');
      style.textContent = SHADOW_CSS;
      shadow.append(style);
    }
    this.#update();
  }

  disconnectedCallback(): void {
    // A move (removed and appended again in the same task) keeps the session; a removal ends it.
    queueMicrotask(() => {
      if (!this.isConnected) this.#unmount();
    });
  }

  attributeChangedCallback(): void {
    this.#update();
  }

  #unmount(): void {
    this.#root?.unmount();
    this.#root = null;
    this.#container?.remove();
    this.#container = null;
    this.#transport = null;
  }

  /** Renders once per task, however many attributes and properties changed in it. */
  #update(): void {
    if (this.#scheduled || !this.isConnected) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      if (this.isConnected) this.#render();
    });
  }

  /** One transport per (base URL, mode, headers, fetch), so a re-render keeps the session's stream or polling. */
  #transportFor(baseUrl: string, updates: MfaUpdates): SyncTransport {
    const key = [baseUrl, updates, this.#getHeaders, this.#fetch];
    if (!this.#transport || key.some((part, i) => part !== this.#transport!.key[i])) {
      const options = { baseUrl, getHeaders: this.#getHeaders, fetch: this.#fetch };
      this.#transport = { key, value: updates === 'push' ? createEventStreamTransport(options) : createSyncClient(options) };
    }
    return this.#transport.value;
  }

  #emit<K extends keyof MfaFlowElementEventMap>(type: K, detail: MfaFlowElementEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  /**
   * Says what is wrong with the attributes, once each: on the console (the page's author reads
   * it there) and, when no session can run, as an `mfa-error` of kind `configuration`.
   * @returns whether a session can run.
   */
  #checkAttributes(): boolean {
    const { fatal, ignored } = attributeProblems(this, this.#messages !== undefined);
    for (const problem of [...fatal, ...ignored]) {
      if (this.#reported.has(problem)) continue;
      this.#reported.add(problem);
      if (fatal.includes(problem)) {
        console.error(`<mfa-flow>: ${problem}`);
        this.#emit('mfa-error', { connectionId: this.connectionId, error: new MfaError('configuration', problem) });
      } else console.warn(`<mfa-flow>: ${problem}`);
    }
    return fatal.length === 0;
  }

  #render(): void {
    const shadow = this.shadowRoot;
    const connectionId = this.connectionId;
    const baseUrl = this.baseUrl;
    if (!this.#checkAttributes() || !shadow || connectionId === null || !baseUrl) {
      // Nothing to follow yet (or any more): no session runs.
      this.#unmount();
      return;
    }
    if (!this.#container) {
      this.#container = document.createElement('div');
      this.#container.setAttribute('data-mfa-element', '');
      shadow.append(this.#container);
    }
    this.#root ??= createRoot(this.#container);

    const locale = this.locale ?? undefined;
    const language = locale?.toLowerCase().split(/[-_]/)[0] ?? '';
    // With a locale, the flow speaks and runs in its language and direction; without one, it is
    // English and follows the page's direction.
    if (locale) {
      this.#container.lang = locale;
      this.#container.dir = RTL.has(language) ? 'rtl' : 'ltr';
    } else {
      this.#container.removeAttribute('lang');
      this.#container.removeAttribute('dir');
    }
    const messages = { ...(CATALOGUES[language] ?? messagesEn), ...this.#messages };
    const callbacks: MfaSessionBehaviour = {
      onComplete: (sync) => this.#emit('mfa-complete', { connectionId, sync }),
      onError: (error) => this.#emit('mfa-error', { connectionId, error }),
      onExpire: (challenges) => this.#emit('mfa-expire', { connectionId, challenges }),
      onEvent: (name, meta) => this.#emit('mfa-event', { name, meta }),
      onStepChange: (step, previous) => this.#emit('mfa-step-change', { connectionId, step, previous }),
    };
    this.#root.render(
      // Keyed by connection: another connection is a new session, with nothing carried over.
      <MfaFlow
        key={connectionId}
        connectionId={connectionId}
        transport={this.#transportFor(baseUrl, this.updates)}
        theme={this.theme ?? undefined}
        locale={locale}
        messages={messages}
        pinLength={this.pinLength ?? undefined}
        autoStart={this.autoStart}
        {...callbacks}
      />,
    );
  }

  override addEventListener<K extends keyof MfaFlowElementEventMap>(
    type: K,
    listener: (this: MfaFlowElement, event: MfaFlowElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  override addEventListener<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: MfaFlowElement, event: HTMLElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void {
    super.addEventListener(type, listener, options);
  }

  override removeEventListener<K extends keyof MfaFlowElementEventMap>(
    type: K,
    listener: (this: MfaFlowElement, event: MfaFlowElementEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  override removeEventListener<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: MfaFlowElement, event: HTMLElementEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void {
    super.removeEventListener(type, listener, options);
  }
}

/**
 * Registers {@link MfaFlowElement} as `<mfa-flow>` (or another name), once: a second call, or a
 * second copy of the script on the page, leaves the first definition in place. Where there is no
 * `customElements` (a server rendering the page), it does nothing.
 * @returns the class registered under that name, or `undefined` without a DOM.
 */
export function defineMfaFlowElement(name = 'mfa-flow'): CustomElementConstructor | undefined {
  // No registry on a server: nothing to define, nothing thrown.
  if (typeof customElements === 'undefined') return undefined;
  const existing = customElements.get(name);
  if (existing) return existing;
  // A subclass per extra name: one constructor cannot be registered twice.
  const constructor = name === 'mfa-flow' ? MfaFlowElement : class extends MfaFlowElement {};
  customElements.define(name, constructor);
  return constructor;
}
