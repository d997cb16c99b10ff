import type { Choice, ChoiceKey } from '@mfa-kit/core';
import type { GetterProps, PropsWithRef } from '@mfa-kit/hooks';
import type { HTMLAttributes, ReactNode } from 'react';
import { CategoryIcon, toDestinationCategory } from './CategoryIcon';
import { partProps } from './partProps';
import { useChoiceField } from './useChoiceField';
import type { FieldProps } from './useFieldIds';

/** Props of {@link ChoicePicker}. */
export interface ChoicePickerProps extends FieldProps {
  /** The options, in order. Values render as text, never HTML. */
  choices: Choice[];
  /** The selected key (controlled). @default null */
  value?: ChoiceKey | null;
  /** Called with the key the user selects. */
  onChange?: (key: ChoiceKey) => void;
  /** The question, shown above the options and naming the radiogroup. @default messages.choiceFallbackLabel */
  label?: ReactNode;
  /**
   * `destination`: a card per PIN destination with its category icon; `plain`: ordinary options;
   * `auto`: destinations when any choice has a category. @default 'auto'
   */
  variant?: 'auto' | 'destination' | 'plain';
  /** Props for the radiogroup from `useMfaChallenge().getChoiceGroupProps`; with `getChoiceProps`, used as they are. */
  groupProps?: PropsWithRef<HTMLElement>;
  /**
   * Props for each option from `useMfaChallenge().getChoiceProps`. When given, the getters drive
   * the picker (selection, keys, read-only) and `value`/`onChange` are not used.
   */
  getChoiceProps?: (choice: Choice) => GetterProps<HTMLElement>;
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
  ids,
  groupProps,
  getChoiceProps,
  className,
  unstyled: unstyledProp,
}: ChoicePickerProps) {
  const { unstyled, messages, optionProps, frame } = useChoiceField({ choices, value, onChange, label, hint, error, readOnly, disabled, ids, groupProps, getChoiceProps, className, unstyled: unstyledProp });
  const destination = variant === 'destination' || (variant === 'auto' && choices.some((c) => c.category));

  return frame(
    'choice-picker',
    { 'data-variant': destination ? 'destination' : 'plain' } as HTMLAttributes<HTMLDivElement>,
    choices.map((choice) => {
      const option = optionProps(choice, 'choice');
      const checked = option['aria-checked'] === true;
      const category = toDestinationCategory(choice.category);
      return (
        <div key={choice.key} {...option} data-category={destination ? category : undefined}>
          <span {...partProps('choice-indicator', checked ? 'checked' : 'unchecked', undefined, unstyled)} aria-hidden="true" />
          {destination ? <CategoryIcon category={category} unstyled={unstyled} /> : null}
          <span {...partProps('choice-text', undefined, undefined, unstyled)}>
            {destination && category !== 'other' ? (
              <span {...partProps('choice-category', undefined, undefined, unstyled)}>{messages.categoryName(category, choice.category)}</span>
            ) : destination && choice.category ? (
              <span {...partProps('choice-category', undefined, undefined, unstyled)}>{choice.category}</span>
            ) : null}{' '}
            <span {...partProps('choice-value', undefined, undefined, unstyled)}>{choice.value}</span>
          </span>
        </div>
      );
    }),
  );
}
