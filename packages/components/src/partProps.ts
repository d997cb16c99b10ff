/** The attributes every rendered part carries. */
export interface PartAttributes {
  'data-scope': 'mfa';
  'data-part': string;
  'data-state'?: string;
  className?: string;
}

/** Join class names, dropping empty ones. */
export function cx(...names: (string | false | null | undefined)[]): string | undefined {
  const joined = names.filter(Boolean).join(' ');
  return joined || undefined;
}

/**
 * `data-scope="mfa"`, `data-part`, `data-state`, and the class `mfa-<part>` unless unstyled,
 * followed by the caller's `className`.
 */
export function partProps(part: string, state: string | undefined, className: string | undefined, unstyled: boolean): PartAttributes {
  return { 'data-scope': 'mfa', 'data-part': part, 'data-state': state, className: cx(!unstyled && `mfa-${part}`, className) };
}
