import { createMfaSession, stepKey, type MfaSessionOptions } from '@mfa-kit/core';
import { QueryClientContext } from '@tanstack/react-query';
import { useContext, useEffect, useId, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import { createPropGetters } from './propGetters';
import { hookMessagesEn } from './strings';
import type { ChoiceNodes } from './useChoiceGroup';
import type { UseMfaChallengeOptions, UseMfaChallengeResult } from './types';

/** Where focus goes when the step changes: a part marked `data-autofocus`, else the first challenge field (the getters name them) that takes input, else the step's heading. */
const FOCUS_TARGETS = [
  '[data-scope="mfa"][data-autofocus]',
  'input[name^="mfa-challenge-"]:not([readonly]):not([disabled])',
  '[data-scope="mfa"][role="radio"][tabindex="0"]:not([aria-disabled="true"])',
  '[data-scope="mfa"][data-part="heading"]',
  ':is(h1, h2, h3, h4, h5, h6)[tabindex="-1"]',
];

/**
 * Focus moves in a layout effect: in the same task as the DOM change, before the browser sees
 * the old step's focused element gone and puts focus on `<body>` (a screen reader would say so).
 * React flushes a `useSyncExternalStore` update's passive effects at once too, but Preact (the
 * `<mfa-flow>` element's renderer) runs them a frame later. On a server, where layout effects
 * do not run (React 18 warns about them there), a plain effect stands in.
 */
const useFocusEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;

/**
 * Moves focus into `root` when focus is already there or lost to `<body>`; never away from what
 * the user is doing elsewhere. Inside a shadow root (the `<mfa-flow>` element), the document
 * sees only the host as focused: the shadow root tells which element inside it is.
 */
function moveFocus(root: HTMLElement | null, selectors: string[]) {
  if (!root) return;
  const scope = root.getRootNode() as Document | ShadowRoot;
  const active = (scope !== root.ownerDocument ? scope.activeElement : null) ?? root.ownerDocument.activeElement;
  if (active && active !== root.ownerDocument.body && !root.contains(active)) return;
  for (const selector of selectors) {
    const target = root.querySelector<HTMLElement>(selector);
    if (target) return target.focus();
  }
  // A step with neither field nor heading, and focus lost with the old step: the root itself
  // (it takes focus, not a place in the Tab order).
  if (!active || active === root.ownerDocument.body) root.focus();
}

/**
 * Drives one connection's MFA from start to `good`, for any UI: core's `createMfaSession`
 * under `useSyncExternalStore`, plus prop getters that put ids, `aria-*`, keyboard handling and
 * focus management on your own markup. Every rule (polling, expiry, retries, answers in doubt,
 * re-send) lives in the session; see `@mfa-kit/core`.
 *
 * - **Transport**: `{ baseUrl, headers }` for the partner's own backend, or `transport` (a
 *   `createSyncClient` or a push transport); never a Quovo token.
 * - **Lifecycle**: `autoStart` or `start()`; `restart()` after `resync`, expiry, `user_config`
 *   or a failure; `submitCredentials()` after `incorrect_credentials`.
 * - **Focus**: spread `getRootProps()` on the flow's root; on every step change focus moves to
 *   the new field (or the step's heading), and after a refused submit to the first invalid field.
 * - **React Query**: the sync lives in the `QueryClient` of the nearest `QueryClientProvider`
 *   (or `options.queryClient`), under `mfaSyncQueryKey(connectionId)`, so Devtools show it and
 *   any component reads it with `useQuery(mfaSyncQueryOptions(connectionId))`, adding no
 *   request. Without a provider the session keeps a client of its own: no provider is needed.
 *   The client is read once, at the first render.
 * - The actions keep one identity for the hook's life. Safe in StrictMode (one POST for
 *   `autoStart`), under `<Activity>` (hidden, it pauses and keeps what was typed), on the server
 *   (nothing runs until mounted) and after unmount: the session pauses, and a paused session
 *   holds no timer, stream, promise or query observer; a submit in flight resolves, and its
 *   answer is confirmed by a read before it can be sent again.
 *
 * @param connectionId the Quovo connection whose sync to drive.
 */
export function useMfaChallenge(connectionId: number, options: UseMfaChallengeOptions = {}): UseMfaChallengeResult {
  const { messages, ...rest } = options;
  // The partner's client when there is a provider; `undefined` (the session's own) otherwise.
  const contextClient = useContext(QueryClientContext);
  const sessionOptions: MfaSessionOptions = { queryClient: contextClient, ...rest, connectionId };
  const [session] = useState(() => createMfaSession(sessionOptions));
  const snapshot = useSyncExternalStore(session.subscribe, session.getSnapshot, session.getSnapshot);
  useEffect(() => session.setOptions(sessionOptions));

  useEffect(() => {
    // A misconfiguration warning for development; `process` is guarded for apps without a bundler.
    if (!rest.transport && !rest.baseUrl && (typeof process === 'undefined' || process.env.NODE_ENV !== 'production')) {
      console.warn('useMfaChallenge: no transport; pass `baseUrl` (your backend) or `transport`.');
    }
  }, [rest.transport, rest.baseUrl]);

  // The backend refused this page's Origin or Host: the fix is in the partner's server, so say
  // which option in a development build, once per failure.
  const failure = snapshot.error;
  useEffect(() => {
    if (failure?.kind === 'configuration' && (typeof process === 'undefined' || process.env.NODE_ENV !== 'production')) {
      console.error(`mfa-kit: ${failure.message} The backend refused this page: set allowedOrigins (or allowedHosts) in createMfaProxy; its log names the value.`);
    }
  }, [failure]);

  // Focus: to the new step's field or heading, and after a refused or failed submit to what needs fixing.
  const root = useRef<HTMLElement | null>(null);
  const submitted = useRef(false);
  const key = stepKey(snapshot.step);
  const shownKey = useRef(key);
  useFocusEffect(() => {
    if (shownKey.current === key) return;
    shownKey.current = key;
    moveFocus(root.current, FOCUS_TARGETS);
  }, [key]);
  const { refusals, error, request } = snapshot;
  useFocusEffect(() => {
    if (!submitted.current || request !== 'idle') return;
    submitted.current = false;
    moveFocus(root.current, ['[data-scope="mfa"][aria-invalid="true"]', '[data-scope="mfa"][data-part="form-error"]']);
  }, [refusals, error, request]);

  const [choiceNodes] = useState(() => new Map<number, ChoiceNodes<string | number>>());
  const baseId = `mfa${useId().replace(/[^\w-]/g, '')}`;
  const state = {
    ...snapshot,
    clock: session.clock,
    setAnswer: session.setAnswer,
    submit: session.submit,
    start: session.start,
    restart: session.restart,
    requestAlternative: session.requestAlternative,
    submitCredentials: session.submitCredentials,
    refresh: session.refresh,
  };
  const getters = createPropGetters(state, {
    baseId,
    messages: { ...hookMessagesEn, ...messages },
    choiceNodes,
    root: (node) => void (root.current = node),
    onSubmit: () => (submitted.current = true),
  });
  return { ...state, ...getters };
}
