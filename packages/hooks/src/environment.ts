import { useEffect, useLayoutEffect, useState } from 'react';

/** True in a browser-like environment (a `window` and a `document`); false while rendering on the server. */
export const canUseDOM = (): boolean => typeof window !== 'undefined' && typeof document !== 'undefined';

/** `useLayoutEffect` in the browser, `useEffect` on the server (no SSR warning in React 18). */
export const useIsomorphicLayoutEffect = typeof window !== 'undefined' ? useLayoutEffect : useEffect;

/** Adds `listener` to `target` for each of `types`; returns the function that removes them all. */
export function listen(target: EventTarget, types: string[], listener: (event: Event) => void): () => void {
  for (const type of types) target.addEventListener(type, listener);
  return () => {
    for (const type of types) target.removeEventListener(type, listener);
  };
}

/** Whether the document is hidden (a background tab); `false` on the server. Re-renders on `visibilitychange`. */
export function useDocumentHidden(): boolean {
  const [hidden, setHidden] = useState(false);
  useEffect(() => {
    if (!canUseDOM()) return;
    const update = () => setHidden(document.visibilityState === 'hidden');
    update();
    return listen(document, ['visibilitychange'], update);
  }, []);
  return hidden;
}

/**
 * Whether the browser says it is offline (`navigator.onLine === false`); `false` on the server.
 * `onChange` is called with the new value on `online` / `offline` events.
 */
export function useNavigatorOffline(onChange?: (offline: boolean) => void): boolean {
  const [offline, setOffline] = useState(false);
  useEffect(() => {
    if (!canUseDOM()) return;
    setOffline(navigator.onLine === false);
    return listen(window, ['online', 'offline'], (event) => {
      const now = event.type === 'offline';
      setOffline(now);
      onChange?.(now);
    });
  }, [onChange]);
  return offline;
}
