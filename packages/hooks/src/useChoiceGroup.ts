import type * as React from 'react';
import { useState } from 'react';
import { mergeProps } from './mergeProps';
import { flag } from './parts';
import type { ChoiceKey, UseChoiceGroupOptions, UseChoiceGroupResult } from './types';

/** Where a group's option elements are, so the arrow keys can move focus to them. */
export interface ChoiceNodes<K extends ChoiceKey> {
  /** A stable callback ref that records the element of `key`. */
  ref: (key: K) => React.RefCallback<HTMLElement>;
  /** Moves focus to the element of `key`, when it is mounted. */
  focus: (key: K) => void;
}

/** An empty {@link ChoiceNodes}; keep one per group for the group's lifetime. */
export function createChoiceNodes<K extends ChoiceKey>(): ChoiceNodes<K> {
  const elements = new Map<K, HTMLElement | null>();
  // Stable per key, so React does not detach and re-attach it on every render.
  const refs = new Map<K, React.RefCallback<HTMLElement>>();
  return {
    ref: (key) => refs.get(key) ?? refs.set(key, (node) => void elements.set(key, node)).get(key)!,
    focus: (key) => elements.get(key)?.focus(),
  };
}

/**
 * The radiogroup behaviour of {@link useChoiceGroup}, pure over its options and `nodes`, for
 * callers that cannot call a hook per group (`useMfaChallenge` renders any number of them).
 */
export function choiceGroup<K extends ChoiceKey>(
  { keys, value, onChange, orientation, disabled, readOnly, labelledBy }: UseChoiceGroupOptions<K>,
  nodes: ChoiceNodes<K>,
): UseChoiceGroupResult<K> {
  const selected = keys.includes(value!) ? value : null;
  const disabledFlag = disabled || undefined;

  return {
    getGroupProps: (props) =>
      mergeProps(
        { role: 'radiogroup', 'aria-labelledby': labelledBy, 'aria-orientation': orientation, 'aria-disabled': disabledFlag, 'aria-readonly': readOnly || undefined },
        props,
      ),

    getChoiceProps: ({ key, ...props }) => {
      const checked = key === selected;
      // Moves focus even when locked, so a read-only group can still be read option by option.
      const go = (target: K) => {
        nodes.focus(target);
        if (!disabled && !readOnly && target !== selected) onChange?.(target);
      };
      return mergeProps(
        {
          role: 'radio',
          'aria-checked': checked,
          'aria-disabled': disabledFlag,
          'data-state': checked ? 'checked' : 'unchecked',
          'data-selected': flag(checked),
          'data-disabled': flag(disabled),
          // Roving tabindex: the checked radio is the one tab stop, or the first when none is.
          tabIndex: key === (selected ?? keys[0]) ? 0 : -1,
          ref: nodes.ref(key),
          onClick: () => go(key),
          onKeyDown: (event: React.KeyboardEvent) => {
            const count = keys.length;
            const index = keys.indexOf(key);
            // Arrow keys move and select (wrapping), like native radios; Space selects the focused one.
            const moves: Partial<Record<string, number>> = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1, Home: -index, End: count - 1 - index, ' ': 0 };
            const move = moves[event.key];
            if (move === undefined) return;
            event.preventDefault();
            go(keys[(index + move + count) % count]!);
          },
        },
        props,
      );
    },
  };
}

/**
 * A radiogroup on your own markup, without `useMfaChallenge`: `role="radiogroup"` and
 * `role="radio"`, `aria-checked`, one tab stop (the checked option, else the first), arrow keys
 * that move focus **and** select (wrapping), Home/End, Space and click. Your props are merged:
 * your handler runs first and ours is skipped after `preventDefault()`; refs are composed.
 *
 * ```tsx
 * const { getGroupProps, getChoiceProps } = useChoiceGroup({ keys: [1, 2], value, onChange: setValue, labelledBy: 'q' });
 * <div {...getGroupProps()}>{[1, 2].map((key) => <div key={key} {...getChoiceProps({ key })}>{key}</div>)}</div>
 * ```
 */
export function useChoiceGroup<K extends ChoiceKey = number>(options: UseChoiceGroupOptions<K>): UseChoiceGroupResult<K> {
  const [nodes] = useState(createChoiceNodes<K>);
  return choiceGroup(options, nodes);
}
