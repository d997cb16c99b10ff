import type * as React from 'react';

type AnyProps = Record<string, unknown>;

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

const isHandler = (key: string, value: unknown): value is (event: unknown) => void =>
  /^on[A-Z]/.test(key) && typeof value === 'function';

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
  if (!theirs) return merged as T;
  for (const [key, value] of Object.entries(theirs)) {
    if (value === undefined) continue;
    const own = merged[key];
    if (isHandler(key, value) && isHandler(key, own)) {
      merged[key] = (event: { defaultPrevented?: boolean } | undefined) => {
        value(event);
        if (!event?.defaultPrevented) own(event);
      };
    } else if (key === 'ref') {
      // Always a callback ref, so the result spreads onto any element type.
      merged[key] = own ? composeRefs(own as React.Ref<unknown>, value as React.Ref<unknown>) : typeof value === 'function' ? value : composeRefs(value as React.Ref<unknown>);
    } else if ((key === 'className' || key === 'aria-describedby' || key === 'aria-labelledby') && own) {
      merged[key] = `${String(own)} ${String(value)}`;
    } else if (key === 'style' && own && typeof value === 'object') {
      merged[key] = { ...(own as object), ...(value as object) };
    } else {
      merged[key] = value;
    }
  }
  return merged as T;
}
