/**
 * Cleans a pasted code: strips whitespace and dashes (`"123 456"`, `"123-456"`), keeps only
 * digits when `format` is `numeric`, and cuts to `length` when given. Text answers (security
 * questions) are never passed through this: spaces matter there.
 */
export function sanitizeCode(text: string, options: { format?: 'numeric' | 'text'; length?: number } = {}): string {
  const { format, length } = options;
  // Numeric: everything but digits goes, separators included.
  const clean = text.replace(format === 'numeric' ? /\D+/g : /[\s\u00a0\u2010-\u2015-]+/g, '');
  return (length ?? -1) >= 0 ? clean.slice(0, length) : clean;
}
