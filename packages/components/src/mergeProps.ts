import type * as React from 'react';

type AnyProps = Record<string, unknown>;

/** Assign a value to any kind of React ref. */
export function setRef<T>(ref: React.Ref<T> | undefined, value: T | null): void {
  if (typeof ref === 'function') ref(value);
  else if (ref) (ref as React.RefObject<T | null>).current = value;
}

/** One callback ref that feeds several refs. */
export function composeRefs<T>(...refs: (React.Ref<T> | undefined)[]): React.RefCallback<T> {
  return (value) => {
    for (const ref of refs) setRef(ref, value);
  };
}

/**
 * Merge props from the hooks' prop getters (`outer`) with a part's own (`inner`): the outer
 * attributes win, event handlers chain (outer first; inner is skipped when outer called
 * `preventDefault`, so a hook's arrow-key handling is not repeated), class names join and refs
 * compose.
 */
export function mergeProps<T extends AnyProps>(outer: AnyProps | undefined, inner: T): T {
  if (!outer) return inner;
  const merged: AnyProps = { ...inner };
  for (const [key, value] of Object.entries(outer)) {
    if (value === undefined) continue;
    const own = merged[key];
    if (key === 'ref') merged.ref = composeRefs(value as React.Ref<unknown>, own as React.Ref<unknown>);
    else if (key === 'className') merged.className = [own, value].filter(Boolean).join(' ') || undefined;
    else if (/^on[A-Z]/.test(key) && typeof value === 'function' && typeof own === 'function') {
      merged[key] = (event: { defaultPrevented?: boolean }, ...rest: unknown[]) => {
        (value as (...a: unknown[]) => void)(event, ...rest);
        if (!event?.defaultPrevented) (own as (...a: unknown[]) => void)(event, ...rest);
      };
    } else merged[key] = value;
  }
  return merged as T;
}
