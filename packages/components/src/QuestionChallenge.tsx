import { mergeProps, type PropsWithRef } from '@mfa-kit/hooks';
import type { ChangeEvent, InputHTMLAttributes, ReactNode } from 'react';
import { FieldMessages } from './FieldMessages';
import { useMfaMessages } from './MfaMessagesProvider';
import { partProps } from './partProps';
import { useUnstyled } from './UnstyledProvider';
import { describedBy, useFieldIds, type FieldProps } from './useFieldIds';

/** Props of {@link QuestionChallenge}. */
export interface QuestionChallengeProps extends FieldProps {
  /** The answer typed so far (controlled). */
  value: string;
  /** Called with the new text. */
  onChange?: (value: string) => void;
  /** The question, as text (it is never parsed as HTML). @default messages.questionFallbackLabel */
  label?: ReactNode;
  /** The input's `name`. */
  name?: string;
  /** Props for the input from `useMfaChallenge().getCodeInputProps`, merged with ours. */
  inputProps?: PropsWithRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>;
}

/** A free-text security question: the question as the label, one text field, hint and error. */
export function QuestionChallenge({
  value,
  onChange,
  label,
  hint,
  error,
  readOnly = false,
  disabled = false,
  name,
  ids: givenIds,
  inputProps,
  className,
  unstyled: unstyledProp,
}: QuestionChallengeProps) {
  const unstyled = useUnstyled(unstyledProp);
  const { messages } = useMfaMessages();
  const ids = useFieldIds(givenIds);
  const state = error ? 'invalid' : readOnly ? 'readonly' : value ? 'filled' : 'empty';
  const merged = mergeProps<Record<string, unknown>>({
    type: 'text',
    autoComplete: 'off',
    spellCheck: false,
    onChange: (event: ChangeEvent<HTMLInputElement>) => onChange?.(event.target.value),
  }, inputProps);
  return (
    <div {...partProps('question', state, className, unstyled)}>
      <label id={ids.label} htmlFor={ids.input} {...partProps('label', undefined, undefined, unstyled)}>
        {label ?? messages.questionFallbackLabel}
      </label>
      <input
        {...merged}
        {...partProps('input', state, undefined, unstyled)}
        id={ids.input}
        name={name}
        value={value}
        readOnly={readOnly}
        disabled={disabled}
        // Identity answers are not one-time codes: keep the default text keypad.
        inputMode="text"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, hint, error)}
      />
      <FieldMessages ids={ids} hint={hint} error={error} unstyled={unstyled} />
    </div>
  );
}
