import { useRef, type KeyboardEvent, type MouseEvent } from 'react';

/** Options of {@link useRovingRadio}. */
export interface UseRovingRadioOptions {
  /** The option keys, in order. */
  keys: number[];
  /** The selected key, or `null`. */
  value: number | null | undefined;
  /** Called with the key the user selects. */
  onChange?: (key: number) => void;
  /** No selection changes (read-only or disabled). */
  locked?: boolean;
}

/**
 * A radiogroup's keyboard model for custom `role="radio"` elements, for parts used alone
 * (composed parts get the same behaviour from `useMfaChallenge().getChoiceProps`): one tab stop
 * on the selected option (else the first), arrows/Home/End move focus and select, Space and
 * click select.
 */
export function useRovingRadio({ keys, value, onChange, locked = false }: UseRovingRadioOptions) {
  const nodes = useRef(new Map<number, HTMLElement>());
  const selected = keys.includes(value as number) ? (value as number) : null;
  const focusable = selected ?? keys[0];

  const select = (key: number) => {
    if (!locked && key !== value) onChange?.(key);
  };

  const getItemProps = (key: number) => ({
    ref: (node: HTMLElement | null) => {
      if (node) nodes.current.set(key, node);
      else nodes.current.delete(key);
    },
    role: 'radio' as const,
    'aria-checked': key === selected,
    tabIndex: key === focusable ? 0 : -1,
    onClick: (event: MouseEvent) => {
      if (!event.defaultPrevented) select(key);
    },
    onKeyDown: (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const index = keys.indexOf(key);
      let next: number | undefined;
      if (event.key === 'ArrowDown' || event.key === 'ArrowRight') next = keys[(index + 1) % keys.length];
      else if (event.key === 'ArrowUp' || event.key === 'ArrowLeft') next = keys[(index - 1 + keys.length) % keys.length];
      else if (event.key === 'Home') next = keys[0];
      else if (event.key === 'End') next = keys[keys.length - 1];
      else if (event.key === ' ') {
        event.preventDefault();
        select(key);
        return;
      } else return;
      event.preventDefault();
      if (next === undefined) return;
      nodes.current.get(next)?.focus();
      select(next);
    },
  });

  return { getItemProps };
}
