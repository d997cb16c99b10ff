import { useCodeInput, type PropsWithRef } from '@mfa-kit/hooks';
import { useEffect, useRef, useState, type InputHTMLAttributes, type ReactNode } from 'react';
import { FieldMessages } from './FieldMessages';
import { partProps } from './partProps';
import { useUnstyled } from './UnstyledProvider';
import { fieldInputProps, useFieldIds, type FieldProps } from './useFieldIds';

/** Props of {@link PinInput}. */
export interface PinInputProps extends FieldProps {
  /** The code typed so far (controlled); not used with `inputProps`, which carry the value. */
  value?: string;
  /** Called with the sanitized code (non-digits removed when numeric, cut to `length`); not used with `inputProps`. */
  onChange?: (value: string) => void;
  /** The field's label. */
  label: ReactNode;
  /** Expected length. When known, visible slots are drawn over the one real input. */
  length?: number;
  /** `numeric` keeps the numeric keypad and drops non-digits (from paste too). @default 'numeric' */
  format?: 'numeric' | 'text';
  /** Hide the characters (slots show dots; the field keeps the numeric keypad). @default false */
  mask?: boolean;
  /** Called once each time the code reaches `length`. */
  onComplete?: (value: string) => void;
  /** Submit the enclosing form when the code is complete. Needs `length`. @default false */
  autoSubmit?: boolean;
  /** The input's `name`. */
  name?: string;
  /** Props for the input from `useMfaChallenge().getCodeInputProps`; when given, they drive the input as they are (value, paste cleaning, ids, error). */
  inputProps?: PropsWithRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>;
}

/**
 * A one-time code field: one real `<input>` (one label, one tab stop, native paste, undo and
 * SMS autofill via `autocomplete="one-time-code"`) under visible slots when the length is known.
 */
export function PinInput({
  value: valueProp,
  onChange,
  label,
  length,
  format = 'numeric',
  mask = false,
  onComplete,
  autoSubmit = false,
  hint,
  error,
  disabled = false,
  readOnly = false,
  name,
  ids: givenIds,
  inputProps,
  className,
  unstyled: unstyledProp,
}: PinInputProps) {
  const unstyled = useUnstyled(unstyledProp);
  const ids = useFieldIds(givenIds);
  const input = useRef<HTMLInputElement | null>(null);
  const [focused, setFocused] = useState(false);
  const completed = useRef<string | null>(null);
  const code = useCodeInput({
    value: valueProp ?? '',
    onChange: onChange ?? (() => {}),
    length,
    format,
    // No maxLength: a keyboard's clipboard suggestion is inserted without a paste event, and the
    // browser would cut "123-456" before the dash is dropped.
    nativeMaxLength: false,
    readOnly,
    disabled,
  });
  const merged = fieldInputProps(
    inputProps,
    { ref: input, onFocus: () => setFocused(true), onBlur: () => setFocused(false) },
    () => ({ ...code.getInputProps(), name }),
    { ids, hint, error, readOnly, disabled },
  );
  const value = String(merged.value ?? '');
  const complete = Boolean(length && value.length === length);

  // Fire once per completion: a new completion needs the code to become incomplete first.
  useEffect(() => {
    if (!complete) {
      completed.current = null;
      return;
    }
    if (completed.current === value) return;
    completed.current = value;
    onComplete?.(value);
    if (autoSubmit) input.current?.form?.requestSubmit();
  }, [complete, value, onComplete, autoSubmit]);

  const state = error ? 'invalid' : complete ? 'complete' : value ? 'filled' : 'empty';

  return (
    <div {...partProps('pin-input', state, className, unstyled)} data-masked={mask || undefined} data-length={length}>
      <label id={ids.label} htmlFor={ids.input} {...partProps('label', undefined, undefined, unstyled)}>
        {label}
      </label>
      <div {...partProps('pin-control', focused ? 'focused' : undefined, undefined, unstyled)} data-slots={length ? '' : undefined}>
        <input {...merged} {...partProps('pin-field', state, undefined, unstyled)} />
        {length ? (
          <div {...partProps('pin-slots', undefined, undefined, unstyled)} aria-hidden="true">
            {Array.from({ length }, (_, i) => {
              const char = value[i];
              const active = focused && (i === value.length || (complete && i === length - 1));
              return (
                <span key={i} {...partProps('pin-slot', active ? 'active' : char ? 'filled' : 'empty', undefined, unstyled)}>
                  {char ? (mask ? '•' : char) : ''}
                </span>
              );
            })}
          </div>
        ) : null}
      </div>
      <FieldMessages ids={ids} hint={hint} error={error} unstyled={unstyled} />
    </div>
  );
}
