import { MAX_ANSWER_LENGTH } from '@mfa-kit/core';
import type * as React from 'react';
import { mergeProps } from './mergeProps';
import { fieldState } from './parts';
import { sanitizeCode } from './sanitizeCode';
import type { CodeInputProps, UseCodeInputOptions, UseCodeInputResult } from './types';

/**
 * The props of {@link useCodeInput}'s input, pure over its options, for callers that cannot call
 * a hook per input (`useMfaChallenge` renders any number of them).
 */
export function codeInputProps(
  { value, onChange, length, format, oneTimeCode = true, nativeMaxLength = true, readOnly, disabled, required, invalid, describedBy }: UseCodeInputOptions,
  props?: Parameters<UseCodeInputResult['getInputProps']>[0],
): CodeInputProps {
  const numeric = format === 'numeric';
  // A code's separators and, when numeric, its letters go; a free-text answer keeps its spaces.
  const cleans = oneTimeCode || numeric;
  // Never longer than the server forwards (MAX_ANSWER_LENGTH): a PIN of unknown length is capped too.
  const clean = (raw: string) => (cleans ? sanitizeCode(raw, { format, length: length ?? MAX_ANSWER_LENGTH }) : raw.slice(0, MAX_ANSWER_LENGTH));

  return mergeProps(
    {
      type: 'text',
      value,
      autoComplete: oneTimeCode ? 'one-time-code' : 'off',
      inputMode: numeric ? 'numeric' : 'text',
      pattern: numeric ? `[0-9]${length ? `{${length}}` : '*'}` : undefined,
      maxLength: nativeMaxLength ? length : undefined,
      spellCheck: false,
      autoCapitalize: 'off',
      autoCorrect: 'off',
      enterKeyHint: 'done',
      readOnly,
      disabled,
      ...fieldState(required, invalid, describedBy),
      onChange: (event: React.ChangeEvent<HTMLInputElement>) => onChange(clean(event.currentTarget.value)),
      onPaste: (event: React.ClipboardEvent<HTMLInputElement>) => {
        if (!cleans || readOnly || disabled) return;
        // Cleaned before the browser inserts it, so `maxLength` cannot cut "123-456" to "123-45".
        event.preventDefault();
        const { selectionStart, selectionEnd } = event.currentTarget;
        onChange(clean(value.slice(0, selectionStart ?? value.length) + (event.clipboardData?.getData('text') ?? '') + value.slice(selectionEnd ?? value.length)));
      },
    },
    props,
  );
}

/**
 * One real `<input>` for a code, without `useMfaChallenge` (the way input-otp does it): one
 * label, one tab stop, native undo and selection, `autocomplete="one-time-code"` for SMS
 * autofill, `inputMode` and `pattern` from `format`, `maxLength` from `length`, and typed or
 * pasted text cleaned with {@link sanitizeCode} (spaces and dashes dropped, digits only when
 * numeric, cut to `length`). Paste is never blocked (WCAG 2.2 Accessible Authentication). With
 * `oneTimeCode: false` it is a plain answer field whose text is kept as typed.
 *
 * ```tsx
 * const { getInputProps } = useCodeInput({ value: pin, onChange: setPin, length: 6, format: 'numeric' });
 * <label htmlFor="pin">Code</label><input id="pin" {...getInputProps()} />
 * ```
 */
export function useCodeInput(options: UseCodeInputOptions): UseCodeInputResult {
  return { getInputProps: (props) => codeInputProps(options, props) };
}
