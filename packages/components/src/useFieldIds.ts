import { mergeProps } from '@mfa-kit/hooks';
import { useId, type ReactNode } from 'react';

/** The ids that tie a field's label, hint, error and input together. */
export interface FieldIds {
  label: string;
  hint: string;
  error: string;
  input: string;
}

/** Props every challenge field shares (`ChoicePicker`, `ImageChoicePicker`, `PinInput`, `QuestionChallenge`, `CaptchaChallenge`). */
export interface FieldProps {
  /** Help text, linked by `aria-describedby`. */
  hint?: ReactNode;
  /** Error text, linked by `aria-describedby`; also sets `aria-invalid`. */
  error?: ReactNode;
  /** Show the value without letting it change (a challenge shown for information, or while sending). @default false */
  readOnly?: boolean;
  /** Disable the field and its buttons. @default false */
  disabled?: boolean;
  /** Ids for label, hint, error and input (e.g. `useMfaChallenge().getIds(id)`). @default generated */
  ids?: Partial<FieldIds>;
  /** Extra class names on the root. */
  className?: string;
  /** Render none of our class names. @default the UnstyledProvider's value, else false */
  unstyled?: boolean;
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

/**
 * The props of a part's one input. With the getters' output (`given`, from
 * `useMfaChallenge().getCodeInputProps`) the getters drive it: their props are used as they are
 * (value, change handling, ids, `aria-invalid`, error link, read-only), with only `extras` (the
 * part's ref and focus handlers) and the part's hint link added. Without them the part wires the
 * controlled input itself from `own` and its field props.
 */
export function fieldInputProps(
  given: object | undefined,
  extras: Record<string, unknown>,
  own: () => Record<string, unknown>,
  { ids, hint, error, readOnly, disabled }: { ids: FieldIds; hint: unknown; error: unknown; readOnly: boolean; disabled: boolean },
): Record<string, unknown> {
  if (given) return mergeProps({ ...extras, 'aria-describedby': hint ? ids.hint : undefined }, given);
  return mergeProps(
    { ...own(), id: ids.input, readOnly, disabled, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy(ids, hint, error) },
    extras,
  );
}
