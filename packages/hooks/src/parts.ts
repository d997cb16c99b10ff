/** A data attribute that is present (`""`) when `on`, absent otherwise: `data-invalid`, `data-selected`. */
export const flag = (on: boolean | undefined): '' | undefined => (on ? '' : undefined);

/** The anatomy attributes of one of `useMfaChallenge`'s parts: `data-scope="mfa"` and `data-part`. */
export const part = (name: string) => ({ 'data-scope': 'mfa', 'data-part': name }) as const;
