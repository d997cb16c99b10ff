/**
 * What an MFA session needs from the world around it: time, timers, randomness for jitter, and
 * the page (is it hidden, is the browser offline). Injected, so the whole session runs in Node
 * under fake timers, and on the server without touching `window`.
 */
export interface MfaEnvironment {
  /** Local epoch ms. */
  now(): number;
  /** Calls `callback` once after `ms`; returns a handle for {@link MfaEnvironment.clearTimeout}. */
  setTimeout(callback: () => void, ms: number): unknown;
  /** Cancels a timer of {@link MfaEnvironment.setTimeout}. */
  clearTimeout(handle: unknown): void;
  /** A number in `[0, 1)`, for the polling jitter. */
  random(): number;
  /** The page is hidden (a background tab). */
  isHidden(): boolean;
  /** The browser says it is offline (`navigator.onLine === false`). */
  isOffline(): boolean;
  /** Calls `listener` whenever `isHidden()` or `isOffline()` may have changed; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

const PAGE_EVENTS = [
  ['document', 'visibilitychange'],
  ['window', 'online'],
  ['window', 'offline'],
] as const;

/** What the last `online` / `offline` event said, which wins over `navigator.onLine` (some browsers and test pages change only one). */
let offlineByEvent: boolean | undefined;

/**
 * The real environment: `Date.now`, the global timers (looked up at each call, so fake timers
 * installed later apply), `Math.random`, and the page's `visibilitychange`, `online` and
 * `offline` events. Without a DOM (Node, a server render) the page reads visible and online
 * and never changes.
 */
export const browserEnvironment: MfaEnvironment = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  random: () => Math.random(),
  isHidden: () => globalThis.document?.visibilityState === 'hidden',
  isOffline: () => offlineByEvent ?? globalThis.navigator?.onLine === false,
  subscribe(listener) {
    const onEvent = ({ type }: Event) => {
      if (type !== 'visibilitychange') offlineByEvent = type === 'offline';
      listener();
    };
    const targets = PAGE_EVENTS.map(([where, type]) => [(globalThis as Record<string, unknown>)[where] as EventTarget | undefined, type] as const);
    for (const [target, type] of targets) target?.addEventListener?.(type, onEvent);
    return () => {
      for (const [target, type] of targets) target?.removeEventListener?.(type, onEvent);
    };
  },
};
