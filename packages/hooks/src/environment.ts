/**
 * Adds `listener` to `target` for each of `types`; returns the function that removes them all.
 * Without a DOM (`globalThis.document` undefined in a Node test renderer), it does nothing.
 */
export function listen(target: EventTarget | undefined, types: string[], listener: (event: Event) => void): () => void {
  for (const type of types) target?.addEventListener(type, listener);
  return () => {
    for (const type of types) target?.removeEventListener(type, listener);
  };
}
