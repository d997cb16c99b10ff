import type { Choice } from '@mfa-kit/core';
import { useChoiceGroup, type PropsWithRef } from '@mfa-kit/hooks';
import type { ReactNode } from 'react';
import { CategoryIcon, toDestinationCategory } from './CategoryIcon';
import { FieldMessages } from './FieldMessages';
import { useMfaMessages } from './MfaMessagesProvider';
import { partProps } from './partProps';
import { useUnstyled } from './UnstyledProvider';
import { describedBy, useFieldIds, type FieldProps } from './useFieldIds';

/** Props of {@link ChoicePicker}. */
export interface ChoicePickerProps extends FieldProps {
  /** The options, in order. Values render as text, never HTML. */
  choices: Choice[];
  /** The selected key (controlled). @default null */
  value?: number | null;
  /** Called with the key the user selects. */
  onChange?: (key: number) => void;
  /** The question, shown above the options and naming the radiogroup. @default messages.choiceFallbackLabel */
  label?: ReactNode;
  /**
   * `destination`: a card per PIN destination with its category icon; `plain`: ordinary options;
   * `auto`: destinations when any choice has a category. @default 'auto'
   */
  variant?: 'auto' | 'destination' | 'plain';
  /** Props for the radiogroup from `useMfaChallenge().getChoiceGroupProps`, merged with ours. */
  groupProps?: PropsWithRef<HTMLElement>;
  /** Props for each option from `useMfaChallenge().getChoiceProps`, merged with ours. */
  getChoiceProps?: (choice: Choice) => PropsWithRef<HTMLElement>;
}

/**
 * A radiogroup of choices: a card per PIN destination (category icon and masked value) or plain
 * options for ordinary multiple choice. Arrow keys move and select with roving focus.
 */
export function ChoicePicker({
  choices,
  value = null,
  onChange,
  label,
  hint,
  error,
  readOnly = false,
  disabled = false,
  variant = 'auto',
  ids: givenIds,
  groupProps,
  getChoiceProps,
  className,
  unstyled: unstyledProp,
}: ChoicePickerProps) {
  const unstyled = useUnstyled(unstyledProp);
  const { messages } = useMfaMessages();
  const ids = useFieldIds(givenIds);
  const locked = readOnly || disabled;
  const group = useChoiceGroup({ keys: choices.map((c) => c.key), value, onChange, readOnly, disabled });
  const destination = variant === 'destination' || (variant === 'auto' && choices.some((c) => c.category));
  const state = error ? 'invalid' : value === null || value === undefined ? 'empty' : 'selected';

  return (
    <div {...partProps('choice-picker', state, className, unstyled)} data-variant={destination ? 'destination' : 'plain'}>
      <div id={ids.label} {...partProps('label', undefined, undefined, unstyled)}>
        {label ?? messages.choiceFallbackLabel}
      </div>
      <div
        {...group.getGroupProps(groupProps)}
        {...partProps('choice-group', undefined, undefined, unstyled)}
        aria-labelledby={ids.label}
        aria-describedby={describedBy(ids, hint, error)}
        aria-invalid={error ? true : undefined}
      >
        {choices.map((choice) => {
          const checked = choice.key === value;
          const category = toDestinationCategory(choice.category);
          return (
            <div
              key={choice.key}
              {...group.getChoiceProps({ key: choice.key, ...(locked ? undefined : getChoiceProps?.(choice)) })}
              {...partProps('choice', checked ? 'checked' : 'unchecked', undefined, unstyled)}
              aria-checked={checked}
              aria-disabled={disabled || undefined}
              data-category={destination ? category : undefined}
            >
              <span {...partProps('choice-indicator', checked ? 'checked' : 'unchecked', undefined, unstyled)} aria-hidden="true" />
              {destination ? <CategoryIcon category={category} unstyled={unstyled} /> : null}
              <span {...partProps('choice-text', undefined, undefined, unstyled)}>
                {destination && category !== 'other' ? (
                  <span {...partProps('choice-category', undefined, undefined, unstyled)}>
                    {messages.categoryName(category, choice.category)}
                  </span>
                ) : destination && choice.category ? (
                  <span {...partProps('choice-category', undefined, undefined, unstyled)}>{choice.category}</span>
                ) : null}{' '}
                <span {...partProps('choice-value', undefined, undefined, unstyled)}>{choice.value}</span>
              </span>
            </div>
          );
        })}
      </div>
      <FieldMessages ids={ids} hint={hint} error={error} unstyled={unstyled} />
    </div>
  );
}
