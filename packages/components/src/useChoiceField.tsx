import type { ChoiceKey } from '@mfa-kit/core';
import { mergeProps, useChoiceGroup, type GetterProps, type PropsWithRef } from '@mfa-kit/hooks';
import type { HTMLAttributes, ReactElement, ReactNode } from 'react';
import { FieldMessages } from './FieldMessages';
import type { MfaMessages } from './messages';
import { useMfaMessages } from './MfaMessagesProvider';
import { partProps, type PartAttributes } from './partProps';
import { useUnstyled } from './UnstyledProvider';
import { describedBy, useFieldIds, type FieldProps } from './useFieldIds';

/** What {@link useChoiceField} takes: the shared props of `ChoicePicker` and `ImageChoicePicker`. */
interface ChoiceFieldOptions<C extends { key: ChoiceKey }> extends FieldProps {
  choices: C[];
  value: ChoiceKey | null | undefined;
  onChange?: (key: ChoiceKey) => void;
  label?: ReactNode;
  groupProps?: PropsWithRef<HTMLElement>;
  getChoiceProps?: (choice: C) => GetterProps<HTMLElement>;
}

/** What {@link useChoiceField} gives back. */
interface ChoiceField<C> {
  unstyled: boolean;
  messages: MfaMessages;
  /** One option's props: the radio from the hooks, the caller's getter (unless locked), its part and state. */
  optionProps: (choice: C, part: string) => GetterProps<HTMLElement> & PartAttributes;
  /** The root, the label, the radiogroup holding `children`, and the hint and error. */
  frame: (part: string, rootProps: HTMLAttributes<HTMLDivElement>, children: ReactNode) => ReactElement;
}

/**
 * The wiring both pickers share: ids, the radiogroup's label/hint/error links, each option's
 * radio props, and the frame (label, group, messages) they render their options in. Driven by
 * `useMfaChallenge`'s getters when `getChoiceProps` is given (their output is used as it is, so
 * one click is one `setAnswer`), else by the hooks' `useChoiceGroup` over `value`/`onChange`.
 * Internal to the components.
 */
export function useChoiceField<C extends { key: ChoiceKey }>(options: ChoiceFieldOptions<C>): ChoiceField<C> {
  const { choices, value, onChange, label, hint, error, readOnly = false, disabled = false, groupProps, getChoiceProps } = options;
  const unstyled = useUnstyled(options.unstyled);
  const { messages } = useMfaMessages();
  const ids = useFieldIds(options.ids);
  const own = useChoiceGroup<ChoiceKey>({ keys: choices.map((c) => c.key), value, onChange, readOnly, disabled, labelledBy: ids.label });
  const radio = (choice: C) => (getChoiceProps ? getChoiceProps(choice) : own.getChoiceProps({ key: choice.key }));
  const chosen = choices.some((c) => radio(c)['aria-checked'] === true);
  const state = error ? 'invalid' : chosen ? 'selected' : 'empty';

  const optionProps = (choice: C, part: string) => {
    const props = radio(choice);
    return { ...props, ...partProps(part, props['aria-checked'] === true ? 'checked' : 'unchecked', undefined, unstyled) };
  };

  const frame = (part: string, rootProps: HTMLAttributes<HTMLDivElement>, children: ReactNode) => (
    <div {...partProps(part, state, options.className, unstyled)} {...rootProps}>
      <div id={ids.label} {...partProps('label', undefined, undefined, unstyled)}>
        {label ?? messages.choiceFallbackLabel}
      </div>
      <div
        {...mergeProps<GetterProps<HTMLElement>>(
          // The getters already link the error (and set aria-invalid); the hint is ours to add.
          getChoiceProps ? { 'aria-describedby': hint ? ids.hint : undefined } : { 'aria-describedby': describedBy(ids, hint, error), 'aria-invalid': error ? true : undefined },
          getChoiceProps ? groupProps : own.getGroupProps(groupProps),
        )}
        {...partProps(`${part.replace(/-picker$/, '')}-group`, undefined, undefined, unstyled)}
      >
        {children}
      </div>
      <FieldMessages ids={ids} hint={hint} error={error} unstyled={unstyled} />
    </div>
  );

  return { unstyled, messages, optionProps, frame };
}
