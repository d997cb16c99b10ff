/** A data attribute that is present (`""`) when `on`, absent otherwise: `data-invalid`, `data-selected`. */
export const flag = (on: unknown): '' | undefined => (on ? '' : undefined);

/** The anatomy attributes of one of `useMfaChallenge`'s parts: `data-scope="mfa"` and `data-part`. */
export const part = (name: string) => ({ 'data-scope': 'mfa', 'data-part': name }) as const;

/** A field's state, for assistive technology and styling: `aria-required`, `aria-invalid` with `data-invalid`, `aria-describedby`. */
export const fieldState = (required: unknown, invalid: unknown, describedBy: string | undefined) => ({
  'aria-required': !!required || undefined,
  'aria-invalid': !!invalid || undefined,
  'data-invalid': flag(invalid),
  'aria-describedby': describedBy,
});
