import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { expectAccessible } from './expectAccessible';
import { PinInput, type PinInputProps } from './PinInput';

function Controlled(props: Partial<PinInputProps>) {
  const [value, setValue] = useState('');
  return <PinInput label="Enter your pin" value={value} onChange={setValue} length={6} {...props} />;
}

describe('PinInput', () => {
  it('is one real input with one label, SMS autofill and the numeric keypad, under six visible slots', async () => {
    const { container } = render(<Controlled />);
    const input = screen.getByLabelText('Enter your pin');
    expect(container.querySelectorAll('input')).toHaveLength(1);
    expect(input).toHaveAttribute('autocomplete', 'one-time-code');
    expect(input).toHaveAttribute('inputmode', 'numeric');
    expect(container.querySelectorAll('[data-part="pin-slot"]')).toHaveLength(6);
    expect(container.querySelector('[data-part="pin-slots"]')).toHaveAttribute('aria-hidden', 'true');
    await expectAccessible(container);
  });

  it('accepts a pasted code with separators, keeping only digits', async () => {
    const user = userEvent.setup();
    const onComplete = vi.fn();
    const { container } = render(<Controlled onComplete={onComplete} />);
    await user.click(screen.getByLabelText('Enter your pin'));
    await user.paste('123-456');
    expect(screen.getByLabelText('Enter your pin')).toHaveValue('123456');
    expect([...container.querySelectorAll('[data-part="pin-slot"]')].map((s) => s.textContent).join('')).toBe('123456');
    expect(onComplete).toHaveBeenCalledExactlyOnceWith('123456');
  });

  it('calls onComplete once per completion', async () => {
    const user = userEvent.setup();
    const onComplete = vi.fn();
    render(<Controlled onComplete={onComplete} />);
    const input = screen.getByLabelText('Enter your pin');
    await user.type(input, '12345678');
    expect(input).toHaveValue('123456');
    expect(onComplete).toHaveBeenCalledTimes(1);
    await user.type(input, '{Backspace}');
    expect(onComplete).toHaveBeenCalledTimes(1);
    await user.type(input, '9');
    expect(onComplete).toHaveBeenCalledTimes(2);
    expect(onComplete).toHaveBeenLastCalledWith('123459');
  });

  it('submits the enclosing form when complete with autoSubmit', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn((e: { preventDefault: () => void }) => e.preventDefault());
    render(
      <form onSubmit={onSubmit}>
        <Controlled autoSubmit length={4} />
      </form>,
    );
    await user.type(screen.getByLabelText('Enter your pin'), '12');
    expect(onSubmit).not.toHaveBeenCalled();
    await user.type(screen.getByLabelText('Enter your pin'), '34');
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });

  it('masks the slots but keeps the numeric keypad', async () => {
    const user = userEvent.setup();
    const { container } = render(<Controlled mask />);
    const input = screen.getByLabelText('Enter your pin');
    await user.type(input, '42');
    expect(input).toHaveAttribute('inputmode', 'numeric');
    expect(input).toHaveAttribute('type', 'text');
    expect(container.querySelector('[data-part="pin-input"]')).toHaveAttribute('data-masked', 'true');
    expect(container.querySelector('[data-part="pin-slots"]')!.textContent).toBe('••');
    expect(container.querySelector('[data-part="pin-slots"]')!.textContent).not.toContain('4');
  });

  it('works without a known length: no slots, no limit', async () => {
    const user = userEvent.setup();
    const { container } = render(<Controlled length={undefined} format="text" />);
    await user.type(screen.getByLabelText('Enter your pin'), 'ab 12cd34');
    expect(screen.getByLabelText('Enter your pin')).toHaveValue('ab12cd34');
    expect(screen.getByLabelText('Enter your pin')).toHaveAttribute('inputmode', 'text');
    expect(container.querySelector('[data-part="pin-slots"]')).toBeNull();
  });

  it('links the error by aria-describedby and marks the field invalid', async () => {
    const { container } = render(<Controlled hint="Check your phone" error="This code has expired." />);
    const input = screen.getByLabelText('Enter your pin');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription('Check your phone This code has expired.');
    expect(container.firstElementChild).toHaveAttribute('data-state', 'invalid');
    await expectAccessible(container);
  });
});
