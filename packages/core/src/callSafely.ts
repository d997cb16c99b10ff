/**
 * Calls partner code (a listener, a callback) so that one that throws breaks nothing of ours:
 * its error is rethrown apart, in a microtask, where it surfaces like any uncaught error.
 * Internal: not exported from the package.
 */
export function callSafely<A extends unknown[]>(callback: ((...args: A) => unknown) | undefined, ...args: A): void {
  try {
    callback?.(...args);
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}
