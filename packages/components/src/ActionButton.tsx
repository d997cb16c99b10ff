import type { ReactNode } from 'react';
import { partProps } from './partProps';
import { useUnstyled } from './UnstyledProvider';

/** Props of {@link ActionButton}. */
export interface ActionButtonProps {
  /** The button text. */
  children: ReactNode;
  /** Called on click. */
  onClick?: () => void;
  /** Shows the busy state (`aria-disabled`, clicks ignored) while an action runs. @default false */
  busy?: boolean;
  /** `primary` or `secondary` look (`data-variant`). @default 'primary' */
  variant?: 'primary' | 'secondary';
  /** `button` or `submit`. @default 'button' */
  type?: 'button' | 'submit';
  /** Extra class names. */
  className?: string;
  /** Render none of our class names. @default the UnstyledProvider's value, else false */
  unstyled?: boolean;
  /** Where focus should land when the step it belongs to appears (`data-autofocus`, read by `useMfaChallenge`'s focus management). @default false */
  autoFocusTarget?: boolean;
}

/** The kit's button (`data-part="button"`). Busy buttons stay focusable but ignore clicks. */
export function ActionButton({ children, onClick, busy = false, variant = 'primary', type = 'button', className, unstyled, autoFocusTarget = false }: ActionButtonProps) {
  const isUnstyled = useUnstyled(unstyled);
  return (
    <button
      type={type}
      {...partProps('button', busy ? 'busy' : 'idle', className, isUnstyled)}
      data-variant={variant}
      data-autofocus={autoFocusTarget ? '' : undefined}
      aria-disabled={busy || undefined}
      onClick={(event) => {
        if (busy) {
          event.preventDefault();
          return;
        }
        onClick?.();
      }}
    >
      {children}
    </button>
  );
}
