import type { PropsWithRef } from '@mfa-kit/hooks';
import type { ChangeEvent, InputHTMLAttributes, ReactNode } from 'react';
import { FieldMessages } from './FieldMessages';
import { useMfaMessages } from './MfaMessagesProvider';
import { partProps } from './partProps';
import { useUnstyled } from './UnstyledProvider';
import { fieldInputProps, useFieldIds, type FieldProps } from './useFieldIds';

/** Props of {@link QuestionChallenge}. */
export interface QuestionChallengeProps extends FieldProps {
  /** The answer typed so far (controlled); not used with `inputProps`, which carry the value. */
  value?: string;
  /** Called with the new text. */
  onChange?: (value: string) => void;
  /** The question, as text (it is never parsed as HTML). @default messages.questionFallbackLabel */
  label?: ReactNode;
  /** The input's `name`. */
  name?: string;
  /** Props for the input from `useMfaChallenge().getCodeInputProps`; when given, they drive the input as they are. */
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
  const input = fieldInputProps(
    inputProps,
    // Identity answers are not one-time codes: keep the default text keypad and no spell checks.
    { type: 'text', inputMode: 'text', spellCheck: false },
    () => ({ name, value, autoComplete: 'off', onChange: (event: ChangeEvent<HTMLInputElement>) => onChange?.(event.target.value) }),
    { ids, hint, error, readOnly, disabled },
  );
  const state = error ? 'invalid' : readOnly || input.readOnly ? 'readonly' : input.value ? 'filled' : 'empty';
  return (
    <div {...partProps('question', state, className, unstyled)}>
      <label id={ids.label} htmlFor={ids.input} {...partProps('label', undefined, undefined, unstyled)}>
        {label ?? messages.questionFallbackLabel}
      </label>
      <input {...input} {...partProps('input', state, undefined, unstyled)} />
      <FieldMessages ids={ids} hint={hint} error={error} unstyled={unstyled} />
    </div>
  );
}
