import type * as React from 'react';

type AnyProps = Record<string, unknown>;
type Handler = (event: { defaultPrevented?: boolean } | undefined) => void;

/**
 * Composes refs (callback refs and ref objects) into one callback ref. `undefined` and `null`
 * are skipped. React 19 cleanup functions returned by callback refs are not relied on, so the
 * result works the same in React 18.
 */
export function composeRefs<T>(...refs: (React.Ref<T> | undefined)[]): React.RefCallback<T> {
  return (node: T | null) => {
    for (const ref of refs) {
      if (typeof ref === 'function') ref(node);
      else if (ref) (ref as React.RefObject<T | null>).current = node;
    }
  };
}

/**
 * Merges the hook's props (`ours`) with the caller's (`theirs`), the way Downshift's prop
 * getters do:
 * - event handlers: the caller's runs first; ours is skipped when the caller called
 *   `event.preventDefault()`;
 * - `ref`: both are set (composed into one callback ref);
 * - `className`, `aria-describedby`, `aria-labelledby`: joined with a space;
 * - `style`: shallow-merged, the caller's keys win;
 * - anything else: the caller's value wins when it is not `undefined`.
 */
export function mergeProps<T extends object>(ours: AnyProps, theirs: object | undefined): T {
  const merged: AnyProps = { ...ours };
  for (const [key, value] of Object.entries(theirs ?? {})) {
    const own = merged[key];
    if (value === undefined) continue;
    if (/^on[A-Z]/.test(key) && typeof value === 'function' && typeof own === 'function') {
      merged[key] = (event: Parameters<Handler>[0]) => {
        value(event);
        if (!event?.defaultPrevented) own(event);
      };
    } else if (key === 'ref') {
      // Always a callback ref, so the result spreads onto any element type.
      merged[key] = own || typeof value !== 'function' ? composeRefs(own as React.Ref<unknown>, value) : value;
    } else if (own && /^(className|aria-(describedby|labelledby))$/.test(key)) {
      merged[key] = `${own} ${value}`;
    } else {
      merged[key] = key === 'style' && own ? { ...own, ...value } : value;
    }
  }
  return merged as T;
}
