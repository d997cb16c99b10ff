/**
 * Which of its forms a /sync payload takes, and what a plain object is: the wire reader's
 * (parse.ts) tests. Internal: index.ts does not export it.
 */

/** A plain object: not `null`, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether a payload is the `{"sync": {...}}` envelope rather than a bare sync object. A bare
 * object that happens to carry a field named `sync` is still bare when it has a status or
 * challenges of its own.
 */
export function isEnvelope(input: unknown): input is { sync: unknown } {
  return isRecord(input) && 'sync' in input && !('status' in input || 'challenges' in input || 'questions' in input);
}
