import { useEffect, useLayoutEffect, useState } from 'react';

/** True in a browser-like environment (a `window` and a `document`); false while rendering on the server. */
export const canUseDOM = (): boolean => typeof window !== 'undefined' && typeof document !== 'undefined';

/** `useLayoutEffect` in the browser, `useEffect` on the server (no SSR warning in React 18). */
export const useIsomorphicLayoutEffect = typeof window !== 'undefined' ? useLayoutEffect : useEffect;

const readHidden = (): boolean => canUseDOM() && document.visibilityState === 'hidden';
const readOffline = (): boolean => typeof navigator !== 'undefined' && navigator.onLine === false;

/** Whether the document is hidden (a background tab); `false` on the server. Re-renders on `visibilitychange`. */
export function useDocumentHidden(): boolean {
  const [hidden, setHidden] = useState(false);
  useEffect(() => {
    if (!canUseDOM()) return;
    const update = () => setHidden(readHidden());
    update();
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
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
    setOffline(readOffline());
    const goOnline = () => {
      setOffline(false);
      onChange?.(false);
    };
    const goOffline = () => {
      setOffline(true);
      onChange?.(true);
    };
    window.addEventListener('online', goOnline);
    window.addEventListener('offline', goOffline);
    return () => {
      window.removeEventListener('online', goOnline);
      window.removeEventListener('offline', goOffline);
    };
  }, [onChange]);
  return offline;
}
