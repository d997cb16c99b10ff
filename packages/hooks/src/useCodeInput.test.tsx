import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef, useState, type ClipboardEvent } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { MAX_ANSWER_LENGTH } from '@mfa-kit/core';
import { useCodeInput } from './index';
import type { UseCodeInputOptions } from './index';

function Code({
  initial = '',
  inputProps,
  ...options
}: Partial<UseCodeInputOptions> & { initial?: string; inputProps?: Parameters<ReturnType<typeof useCodeInput>['getInputProps']>[0] }) {
  const [value, setValue] = useState(initial);
  const { getInputProps } = useCodeInput({ value, onChange: setValue, ...options });
  return (
    <>
      <label htmlFor="code">Code</label>
      <input id="code" {...getInputProps(inputProps)} />
      <p id="code-error">That code is wrong.</p>
    </>
  );
}

describe('useCodeInput, one real input for a code', () => {
  it('asks for SMS autofill, the numeric keypad and a known length', () => {
    render(<Code format="numeric" length={6} />);
    const input = screen.getByLabelText('Code');
    expect(input).toHaveAttribute('type', 'text');
    expect(input).toHaveAttribute('autocomplete', 'one-time-code');
    expect(input).toHaveAttribute('inputmode', 'numeric');
    expect(input).toHaveAttribute('pattern', '[0-9]{6}');
    expect(input).toHaveAttribute('maxlength', '6');
    expect(input).not.toHaveAttribute('aria-invalid');
  });

  it('cleans a pasted code: separators and letters go, cut to length', async () => {
    const user = userEvent.setup();
    render(<Code format="numeric" length={6} />);
    const input = screen.getByLabelText('Code');
    await user.click(input);
    await user.paste('PIN 123-456 99');
    expect(input).toHaveValue('123456');
  });

  it('pastes into the selection, keeping what is around it', async () => {
    const user = userEvent.setup();
    render(<Code format="numeric" length={6} initial="1299" />);
    const input = screen.getByLabelText('Code') as HTMLInputElement;
    await user.click(input);
    input.setSelectionRange(2, 4);
    await user.paste('3 4-5');
    expect(input).toHaveValue('12345');
  });

  it('drops non-digits as they are typed when numeric', async () => {
    const user = userEvent.setup();
    render(<Code format="numeric" />);
    await user.type(screen.getByLabelText('Code'), '1a2 3');
    expect(screen.getByLabelText('Code')).toHaveValue('123');
    expect(screen.getByLabelText('Code')).toHaveAttribute('pattern', '[0-9]*');
  });

  it('drops the spaces and dashes of a text code, typed or pasted', async () => {
    const user = userEvent.setup();
    render(<Code />);
    const input = screen.getByLabelText('Code');
    expect(input).toHaveAttribute('inputmode', 'text');
    await user.type(input, 'ab 12');
    await user.paste('-cd');
    expect(input).toHaveValue('ab12cd');
  });

  it('keeps a free-text answer as typed and pasted, without autofill', async () => {
    const user = userEvent.setup();
    render(<Code oneTimeCode={false} />);
    const input = screen.getByLabelText('Code');
    expect(input).toHaveAttribute('autocomplete', 'off');
    await user.click(input);
    await user.paste('Peri scope');
    expect(input).toHaveValue('Peri scope');
  });

  it('can leave maxLength off, still cutting to length', async () => {
    const user = userEvent.setup();
    render(<Code format="numeric" length={4} nativeMaxLength={false} />);
    const input = screen.getByLabelText('Code');
    expect(input).not.toHaveAttribute('maxlength');
    await user.type(input, '123456');
    expect(input).toHaveValue('1234');
  });

  it('caps a code of unknown length, and a plain answer, at the longest answer the server forwards', async () => {
    const user = userEvent.setup();
    const { unmount } = render(<Code format="numeric" />);
    await user.click(screen.getByLabelText('Code'));
    await user.paste('7'.repeat(15_000));
    expect(screen.getByLabelText('Code')).toHaveValue('7'.repeat(MAX_ANSWER_LENGTH));
    unmount();
    render(<Code oneTimeCode={false} />);
    await user.click(screen.getByLabelText('Code'));
    await user.paste('a b '.repeat(100));
    expect((screen.getByLabelText('Code') as HTMLInputElement).value).toHaveLength(MAX_ANSWER_LENGTH);
  });

  it('changes nothing on paste when read-only', async () => {
    const user = userEvent.setup();
    render(<Code format="numeric" readOnly initial="12" />);
    const input = screen.getByLabelText('Code');
    await user.click(input);
    await user.paste('34');
    expect(input).toHaveValue('12');
    expect(input).toHaveAttribute('readonly');
  });

  it('links the error and marks the field invalid and required', () => {
    render(<Code invalid required describedBy="code-error" />);
    const input = screen.getByLabelText('Code');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAttribute('aria-required', 'true');
    expect(input).toHaveAttribute('data-invalid', '');
    expect(input).toHaveAccessibleDescription('That code is wrong.');
  });

  it('merges your props: your handler first, ours skipped after preventDefault, refs composed', async () => {
    const user = userEvent.setup();
    const ref = createRef<HTMLInputElement>();
    const onPaste = vi.fn((event: ClipboardEvent<HTMLInputElement>) => {
      if (event.clipboardData.getData('text') === 'secret') event.preventDefault();
    });
    render(<Code format="numeric" length={6} inputProps={{ ref, onPaste, className: 'mine', 'aria-describedby': 'code-error' }} />);
    const input = screen.getByLabelText('Code');
    expect(ref.current).toBe(input);
    expect(input).toHaveClass('mine');
    expect(input).toHaveAccessibleDescription('That code is wrong.');
    await user.click(input);
    await user.paste('secret');
    expect(input).toHaveValue('');
    await user.paste('12 34');
    expect(input).toHaveValue('1234');
    expect(onPaste).toHaveBeenCalledTimes(2);
  });
});
