/**
 * Cleans a pasted code: strips whitespace and dashes (`"123 456"`, `"123-456"`), keeps only
 * digits when `format` is `numeric`, and cuts to `length` when given. Text answers (security
 * questions) are never passed through this: spaces matter there.
 */
export function sanitizeCode(text: string, options: { format?: 'numeric' | 'text'; length?: number } = {}): string {
  let clean = text.replace(/[\s\u00a0\u2010-\u2015-]+/g, '');
  if (options.format === 'numeric') clean = clean.replace(/\D+/g, '');
  if (options.length !== undefined && options.length >= 0) clean = clean.slice(0, options.length);
  return clean;
}
