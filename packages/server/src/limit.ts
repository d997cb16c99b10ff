/** The numeric options' one check: every limit is a whole number a timer can hold. */

const MAX = 2 ** 31 - 1;

/**
 * `value` (else `fallback`) when it is a whole number from `min` to 2147483647, else a
 * TypeError naming the option. A limit must not fail open: `size > NaN` is never true, so a
 * `Number(process.env.UNSET)` would switch a size or stream cap off, and Node fires a timer
 * longer than 2147483647 ms (or of 0 or NaN) at once, which would time out every upstream call
 * or send heartbeats in a loop.
 */
export function limitOption(name: string, value: number | undefined, fallback: number, min = 1): number {
  const chosen = value ?? fallback;
  if (!Number.isInteger(chosen) || chosen < min || chosen > MAX) {
    throw new TypeError(`createMfaProxy: \`${name}\` must be a whole number from ${min} to ${MAX}.`);
  }
  return chosen;
}
