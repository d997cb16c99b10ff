import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef, useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { useChoiceGroup } from './index';
import type { ChoiceItemPropsInput, UseChoiceGroupOptions } from './index';

const fruits = ['apple', 'pear', 'plum', 'fig'] as const;
type Fruit = (typeof fruits)[number];

function Fruits({
  initial = null,
  onPick,
  choiceProps,
  ...options
}: Partial<UseChoiceGroupOptions<Fruit>> & {
  initial?: Fruit | null;
  onPick?: (key: Fruit) => void;
  choiceProps?: (key: Fruit) => Omit<ChoiceItemPropsInput<Fruit>, 'key'>;
}) {
  const [value, setValue] = useState<Fruit | null>(initial);
  const { getGroupProps, getChoiceProps } = useChoiceGroup<Fruit>({
    keys: fruits,
    value,
    onChange: (key) => {
      setValue(key);
      onPick?.(key);
    },
    labelledBy: 'fruit-label',
    ...options,
  });
  return (
    <>
      <button>before</button>
      <span id="fruit-label">Pick a fruit</span>
      <ul {...getGroupProps()}>
        {fruits.map((key) => (
          <li key={key} {...getChoiceProps({ key, ...choiceProps?.(key) })}>
            {key}
          </li>
        ))}
      </ul>
    </>
  );
}

const checked = () => screen.getAllByRole('radio').map((r) => r.getAttribute('aria-checked'));
const tabStops = () => screen.getAllByRole('radio').map((r) => r.getAttribute('tabindex'));

describe('useChoiceGroup, a radiogroup on your own markup', () => {
  it('is a radiogroup named by its label, with one tab stop on the first option when none is checked', async () => {
    const user = userEvent.setup();
    render(<Fruits />);
    expect(screen.getByRole('radiogroup', { name: 'Pick a fruit' })).toBeInTheDocument();
    expect(checked()).toEqual(['false', 'false', 'false', 'false']);
    expect(tabStops()).toEqual(['0', '-1', '-1', '-1']);
    await user.click(screen.getByRole('button', { name: 'before' }));
    await user.tab();
    expect(screen.getByRole('radio', { name: 'apple' })).toHaveFocus();
  });

  it('moves focus and selection with the arrow keys (wrapping), Home and End; Space selects', async () => {
    const user = userEvent.setup();
    const onPick = vi.fn();
    render(<Fruits onPick={onPick} />);
    const [apple, pear, plum, fig] = screen.getAllByRole('radio');
    await user.click(screen.getByRole('button', { name: 'before' }));
    await user.tab();
    await user.keyboard(' ');
    expect(apple).toHaveAttribute('aria-checked', 'true');
    expect(apple).toHaveAttribute('data-state', 'checked');
    await user.keyboard('{ArrowDown}');
    expect(pear).toHaveFocus();
    expect(checked()).toEqual(['false', 'true', 'false', 'false']);
    expect(tabStops()).toEqual(['-1', '0', '-1', '-1']);
    await user.keyboard('{End}');
    expect(fig).toHaveFocus();
    await user.keyboard('{ArrowRight}');
    expect(apple).toHaveFocus();
    await user.keyboard('{ArrowLeft}');
    expect(fig).toHaveFocus();
    await user.keyboard('{Home}{ArrowRight}{ArrowUp}{ArrowDown}{ArrowDown}');
    expect(plum).toHaveFocus();
    expect(plum).toHaveAttribute('aria-checked', 'true');
    expect(onPick.mock.calls.map((c) => c[0])).toEqual(['apple', 'pear', 'fig', 'apple', 'fig', 'apple', 'pear', 'apple', 'pear', 'plum']);
  });

  it('starts the tab stop on the checked option and reports only changes', async () => {
    const user = userEvent.setup();
    const onPick = vi.fn();
    render(<Fruits initial="plum" onPick={onPick} />);
    expect(tabStops()).toEqual(['-1', '-1', '0', '-1']);
    await user.click(screen.getByRole('radio', { name: 'plum' }));
    await user.keyboard(' ');
    expect(onPick).not.toHaveBeenCalled();
    await user.click(screen.getByRole('radio', { name: 'fig' }));
    expect(onPick).toHaveBeenCalledExactlyOnceWith('fig');
  });

  it('lets a read-only group be read option by option without changing it', async () => {
    const user = userEvent.setup();
    const onPick = vi.fn();
    render(<Fruits initial="pear" readOnly onPick={onPick} orientation="horizontal" />);
    const group = screen.getByRole('radiogroup');
    expect(group).toHaveAttribute('aria-readonly', 'true');
    expect(group).toHaveAttribute('aria-orientation', 'horizontal');
    await user.click(screen.getByRole('radio', { name: 'apple' }));
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(screen.getByRole('radio', { name: 'plum' })).toHaveFocus();
    expect(checked()).toEqual(['false', 'true', 'false', 'false']);
    expect(onPick).not.toHaveBeenCalled();
  });

  it('marks a disabled group and changes nothing', async () => {
    const user = userEvent.setup();
    const onPick = vi.fn();
    render(<Fruits disabled onPick={onPick} />);
    expect(screen.getByRole('radiogroup')).toHaveAttribute('aria-disabled', 'true');
    const apple = screen.getByRole('radio', { name: 'apple' });
    expect(apple).toHaveAttribute('aria-disabled', 'true');
    expect(apple).toHaveAttribute('data-disabled', '');
    await user.click(apple);
    await user.keyboard('{ArrowDown} ');
    expect(onPick).not.toHaveBeenCalled();
  });

  it('merges your props: your handler first, ours skipped after preventDefault, refs composed, classes kept', async () => {
    const user = userEvent.setup();
    const onPick = vi.fn();
    const seen: string[] = [];
    const pearRef = createRef<HTMLElement>();
    render(
      <Fruits
        onPick={onPick}
        choiceProps={(key) => ({
          className: 'fruit',
          ref: key === 'pear' ? pearRef : undefined,
          onKeyDown: (event) => {
            seen.push(`${key}:${event.key}`);
            if (event.key === 'ArrowUp') event.preventDefault();
          },
          onClick: () => seen.push(`${key}:click`),
        })}
      />,
    );
    const [apple, pear] = screen.getAllByRole('radio');
    expect(apple).toHaveClass('fruit');
    expect(pearRef.current).toBe(pear);
    await user.click(apple!);
    await user.keyboard('{ArrowUp}');
    expect(apple).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    // Our own ref still records the option: focus moved through the composed ref.
    expect(pear).toHaveFocus();
    expect(seen).toEqual(['apple:click', 'apple:ArrowUp', 'apple:ArrowDown']);
    expect(onPick.mock.calls.map((c) => c[0])).toEqual(['apple', 'pear']);
  });
});
