import { useChoiceGroup, type GetterProps, type PropsWithRef } from '@mfa-kit/hooks';
import type { HTMLAttributes, ReactElement, ReactNode } from 'react';
import { FieldMessages } from './FieldMessages';
import type { MfaMessages } from './messages';
import { useMfaMessages } from './MfaMessagesProvider';
import { partProps, type PartAttributes } from './partProps';
import { useUnstyled } from './UnstyledProvider';
import { describedBy, useFieldIds, type FieldProps } from './useFieldIds';

/** What {@link useChoiceField} takes: the shared props of `ChoicePicker` and `ImageChoicePicker`. */
interface ChoiceFieldOptions<C extends { key: number }> extends FieldProps {
  choices: C[];
  value: number | null | undefined;
  onChange?: (key: number) => void;
  label?: ReactNode;
  groupProps?: PropsWithRef<HTMLElement>;
  getChoiceProps?: (choice: C) => PropsWithRef<HTMLElement>;
}

/** What {@link useChoiceField} gives back. */
interface ChoiceField<C> {
  unstyled: boolean;
  messages: MfaMessages;
  /** One option's props: the radio from the hooks, the caller's getter (unless locked), its part and state. */
  optionProps: (choice: C, part: string) => GetterProps<HTMLElement> & PartAttributes & { 'aria-checked': boolean; 'aria-disabled'?: true };
  /** The root, the label, the radiogroup holding `children`, and the hint and error. */
  frame: (part: string, rootProps: HTMLAttributes<HTMLDivElement>, children: ReactNode) => ReactElement;
}

/**
 * The wiring both pickers share, over the hooks' `useChoiceGroup`: ids, the radiogroup's
 * label/hint/error links, each option's radio props, and the frame (label, group, messages)
 * they render their options in. Internal to the components.
 */
export function useChoiceField<C extends { key: number }>(options: ChoiceFieldOptions<C>): ChoiceField<C> {
  const { choices, value, onChange, label, hint, error, readOnly = false, disabled = false, groupProps, getChoiceProps } = options;
  const unstyled = useUnstyled(options.unstyled);
  const { messages } = useMfaMessages();
  const ids = useFieldIds(options.ids);
  const group = useChoiceGroup({ keys: choices.map((c) => c.key), value, onChange, readOnly, disabled });
  const state = error ? 'invalid' : value === null || value === undefined ? 'empty' : 'selected';

  const optionProps = (choice: C, part: string) => {
    const checked = choice.key === value;
    return {
      ...group.getChoiceProps({ key: choice.key, ...(readOnly || disabled ? undefined : getChoiceProps?.(choice)) }),
      ...partProps(part, checked ? 'checked' : 'unchecked', undefined, unstyled),
      'aria-checked': checked,
      'aria-disabled': disabled || undefined,
    };
  };

  const frame = (part: string, rootProps: HTMLAttributes<HTMLDivElement>, children: ReactNode) => (
    <div {...partProps(part, state, options.className, unstyled)} {...rootProps}>
      <div id={ids.label} {...partProps('label', undefined, undefined, unstyled)}>
        {label ?? messages.choiceFallbackLabel}
      </div>
      <div
        {...group.getGroupProps(groupProps)}
        {...partProps(`${part.replace(/-picker$/, '')}-group`, undefined, undefined, unstyled)}
        aria-labelledby={ids.label}
        aria-describedby={describedBy(ids, hint, error)}
        aria-invalid={error ? true : undefined}
      >
        {children}
      </div>
      <FieldMessages ids={ids} hint={hint} error={error} unstyled={unstyled} />
    </div>
  );

  return { unstyled, messages, optionProps, frame };
}
