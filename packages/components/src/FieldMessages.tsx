import type { ReactNode } from 'react';
import { partProps } from './partProps';
import type { FieldIds } from './useFieldIds';

/** Props of {@link FieldMessages}. */
export interface FieldMessagesProps {
  /** The field's ids. */
  ids: FieldIds;
  /** Help text, linked by `aria-describedby`. */
  hint?: ReactNode;
  /** Error text, linked by `aria-describedby`. */
  error?: ReactNode;
  /** No class names of ours. */
  unstyled: boolean;
}

/** The hint and the error under a field (parts `hint` and `error`). */
export function FieldMessages({ ids, hint, error, unstyled }: FieldMessagesProps) {
  return (
    <>
      {hint ? (
        <p id={ids.hint} {...partProps('hint', undefined, undefined, unstyled)}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={ids.error} {...partProps('error', undefined, undefined, unstyled)}>
          {error}
        </p>
      ) : null}
    </>
  );
}
