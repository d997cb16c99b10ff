import { useId } from 'react';

/** The ids that tie a field's label, hint, error and input together. */
export interface FieldIds {
  label: string;
  hint: string;
  error: string;
  input: string;
}

/** Ids for a field: the given ones (from `useMfaChallenge().getIds`) or fresh ones. */
export function useFieldIds(given?: Partial<FieldIds>): FieldIds {
  const base = `mfa${useId().replace(/:/g, '')}`;
  return {
    label: given?.label ?? `${base}-label`,
    hint: given?.hint ?? `${base}-hint`,
    error: given?.error ?? `${base}-error`,
    input: given?.input ?? `${base}-input`,
  };
}

/** `aria-describedby` for what is actually rendered: the hint, then the error. */
export function describedBy(ids: FieldIds, hint: unknown, error: unknown): string | undefined {
  return [hint ? ids.hint : null, error ? ids.error : null].filter(Boolean).join(' ') || undefined;
}
