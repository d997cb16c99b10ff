import type { Choice, ChoiceKey } from '@mfa-kit/core';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useChoiceGroup } from '@mfa-kit/hooks';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ChoicePicker, type ChoicePickerProps } from './ChoicePicker';
import { expectAccessible } from './expectAccessible';
import { UnstyledProvider } from './UnstyledProvider';

const destinations: Choice[] = [
  { key: 0, value: 'xxx-xxx-0695', category: 'Text' },
  { key: 1, value: 'xxx-xxx-0695', category: 'Voice' },
  { key: 2, value: 'j***@example.com', category: 'Email' },
];

function Controlled(props: Partial<ChoicePickerProps> & { onPick?: (key: ChoiceKey) => void }) {
  const [value, setValue] = useState<ChoiceKey | null>(null);
  return (
    <ChoicePicker
      choices={destinations}
      label="Where should we send your code?"
      value={value}
      onChange={(key) => {
        setValue(key);
        props.onPick?.(key);
      }}
      {...props}
    />
  );
}

/** A picker driven by getters, as MfaFlow drives it: the getter's group is the only one that selects. */
function Driven({ onGetterChange, onPropChange }: { onGetterChange: (key: ChoiceKey) => void; onPropChange: (key: ChoiceKey) => void }) {
  const [value, setValue] = useState<ChoiceKey | null>(null);
  const group = useChoiceGroup<ChoiceKey>({ keys: destinations.map((c) => c.key), value, onChange: (key) => (onGetterChange(key), setValue(key)), labelledBy: 'q' });
  return (
    <ChoicePicker
      choices={destinations}
      label="Where should we send your code?"
      ids={{ label: 'q' }}
      onChange={onPropChange}
      groupProps={group.getGroupProps()}
      getChoiceProps={(choice) => group.getChoiceProps({ key: choice.key })}
    />
  );
}

describe('ChoicePicker', () => {
  it('driven by getters, selects through them alone: one click, one change', async () => {
    const user = userEvent.setup();
    const onGetterChange = vi.fn();
    const onPropChange = vi.fn();
    render(<Driven onGetterChange={onGetterChange} onPropChange={onPropChange} />);
    await user.click(screen.getByRole('radio', { name: /Voice call/ }));
    expect(onGetterChange.mock.calls).toEqual([[1]]);
    expect(onPropChange).not.toHaveBeenCalled();
    expect(screen.getByRole('radio', { name: /Voice call/ })).toHaveAttribute('aria-checked', 'true');
    await user.keyboard('{ArrowDown}');
    expect(onGetterChange.mock.calls).toEqual([[1], [2]]);
  });

  it('renders a radiogroup named by its question, a card per destination with its category and masked value', async () => {
    const { container } = render(<Controlled />);
    const group = screen.getByRole('radiogroup', { name: 'Where should we send your code?' });
    expect(group).toBeInTheDocument();
    const radios = screen.getAllByRole('radio');
    expect(radios).toHaveLength(3);
    expect(screen.getByRole('radio', { name: /Text message.*xxx-xxx-0695/ })).toHaveAttribute('aria-checked', 'false');
    expect(screen.getByRole('radio', { name: /Voice call/ })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: /Email.*example\.com/ })).toBeInTheDocument();
    const icons = container.querySelectorAll('svg[data-part="choice-icon"]');
    expect(icons).toHaveLength(3);
    icons.forEach((icon) => expect(icon).toHaveAttribute('aria-hidden', 'true'));
    expect(container.firstElementChild).toHaveAttribute('data-variant', 'destination');
    await expectAccessible(container);
  });

  it('moves focus and selection with the arrow keys, one tab stop, Home and End', async () => {
    const user = userEvent.setup();
    const onPick = vi.fn();
    render(
      <>
        <button>before</button>
        <Controlled onPick={onPick} />
      </>,
    );
    await user.click(screen.getByRole('button', { name: 'before' }));
    await user.tab();
    const [text, voice, email] = screen.getAllByRole('radio');
    expect(text).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(voice).toHaveFocus();
    expect(voice).toHaveAttribute('aria-checked', 'true');
    expect(voice).toHaveAttribute('tabindex', '0');
    expect(text).toHaveAttribute('tabindex', '-1');
    await user.keyboard('{End}');
    expect(email).toHaveFocus();
    await user.keyboard('{ArrowRight}');
    expect(text).toHaveFocus();
    expect(text).toHaveAttribute('aria-checked', 'true');
    await user.keyboard('{ArrowUp}');
    expect(email).toHaveAttribute('aria-checked', 'true');
    expect(onPick.mock.calls.map((c) => c[0])).toEqual([1, 2, 0, 2]);
    await user.click(voice!);
    expect(voice).toHaveAttribute('aria-checked', 'true');
    expect(voice).toHaveAttribute('data-state', 'checked');
  });

  it('renders plain options, without icons, for ordinary multiple choice', () => {
    const { container } = render(
      <ChoicePicker label="Your first car?" choices={[{ key: 1, value: 'Ford', category: null }, { key: 2, value: 'Fiat', category: null }]} />,
    );
    expect(container.firstElementChild).toHaveAttribute('data-variant', 'plain');
    expect(container.querySelector('svg')).toBeNull();
    expect(screen.getByRole('radio', { name: 'Fiat' })).toBeInTheDocument();
  });

  it('renders choice text as text, never HTML', () => {
    const { container } = render(<ChoicePicker label="<b>Pick</b>" choices={[{ key: 0, value: '<img src=x onerror=alert(1)>', category: null }]} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(screen.getByRole('radio', { name: '<img src=x onerror=alert(1)>' })).toBeInTheDocument();
  });

  it('stays usable with a dozen choices and long text', async () => {
    const user = userEvent.setup();
    const many = Array.from({ length: 12 }, (_, i) => ({ key: i, value: `Option ${i} ${'very long answer text '.repeat(8)}`, category: null }));
    const { container } = render(<Controlled choices={many} />);
    await user.click(screen.getAllByRole('radio')[11]!);
    await user.keyboard('{ArrowDown}');
    expect(screen.getAllByRole('radio')[0]).toHaveFocus();
    expect(screen.getAllByRole('radio')[0]).toHaveAttribute('aria-checked', 'true');
    await expectAccessible(container);
  });

  it('links the error and the hint, and marks the group invalid', async () => {
    const { container } = render(<ChoicePicker label="Pick" choices={destinations} hint="We never call at night" error="Choose one of the options." />);
    const group = screen.getByRole('radiogroup');
    expect(group).toHaveAttribute('aria-invalid', 'true');
    expect(group).toHaveAccessibleDescription('We never call at night Choose one of the options.');
    await expectAccessible(container);
  });

  it('does not change when read-only', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<ChoicePicker label="Pick" choices={destinations} value={0} readOnly onChange={onChange} />);
    await user.click(screen.getByRole('radio', { name: /Voice/ }));
    await user.keyboard('{ArrowDown}');
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getByRole('radiogroup')).toHaveAttribute('aria-readonly', 'true');
  });

  it('carries data-scope, data-part, data-state and className; renders none of our classes when unstyled', () => {
    const { container, rerender } = render(<ChoicePicker label="Pick" choices={destinations} value={1} className="mine" />);
    const root = container.firstElementChild!;
    expect(root).toHaveAttribute('data-scope', 'mfa');
    expect(root).toHaveAttribute('data-part', 'choice-picker');
    expect(root).toHaveAttribute('data-state', 'selected');
    expect(root).toHaveClass('mfa-choice-picker', 'mine');
    rerender(
      <UnstyledProvider>
        <ChoicePicker label="Pick" choices={destinations} value={1} className="mine" />
      </UnstyledProvider>,
    );
    expect(container.querySelector('[class*="mfa-"]')).toBeNull();
    expect(container.firstElementChild).toHaveClass('mine');
    expect(container.querySelector('[data-part="choice"][data-state="checked"]')).not.toBeNull();
  });
});
