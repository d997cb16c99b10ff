import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn } from 'storybook/test';
import { PinInput, type PinInputProps } from './PinInput';

/** A controlled PIN field that keeps its own value, starting from the `value` arg. */
function StatefulPinInput(props: PinInputProps) {
  const [value, setValue] = useState(props.value);
  return (
    <PinInput
      {...props}
      value={value}
      onChange={(next) => {
        setValue(next);
        props.onChange?.(next);
      }}
    />
  );
}

const meta = {
  title: 'Components/PinInput',
  component: PinInput,
  args: {
    label: 'Enter your pin:',
    hint: 'Enter the PIN we sent you. You can paste it.',
    value: '',
    length: 6,
    format: 'numeric',
    mask: false,
    disabled: false,
    readOnly: false,
    onChange: fn(),
    onComplete: fn(),
  },
  argTypes: {
    format: { control: 'inline-radio', options: ['numeric', 'text'] },
    length: { control: { type: 'number', min: 3, max: 12 } },
    inputProps: { control: false },
    ids: { control: false },
  },
  render: (args) => <StatefulPinInput key={`${args.value}:${args.length}`} {...args} />,
} satisfies Meta<typeof PinInput>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Six empty slots over one real input; typing drops anything that is not a digit. */
export const Empty: Story = {
  play: async ({ canvas, userEvent, args }) => {
    const field = canvas.getByRole('textbox', { name: 'Enter your pin:' });
    await expect(field).toHaveAttribute('autocomplete', 'one-time-code');
    await expect(field).toHaveAttribute('inputmode', 'numeric');
    await userEvent.type(field, '12a3-456');
    await expect(field).toHaveValue('123456');
    await expect(args.onComplete).toHaveBeenCalledWith('123456');
  },
};

/** Part of the code typed. */
export const Filled: Story = { args: { value: '123' } };

/** The whole code typed. */
export const Complete: Story = { args: { value: '123456' } };

/** The characters hidden (`mask`): the slots show dots. */
export const Masked: Story = { args: { value: '1234', mask: true } };

/** A refusal or a wrong PIN, linked by `aria-describedby`. */
export const WithError: Story = {
  args: { value: '12345', error: 'That PIN was not right.' },
  play: async ({ canvas }) => {
    const field = canvas.getByRole('textbox');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription('Enter the PIN we sent you. You can paste it. That PIN was not right.');
  },
};

/** Length unknown (Quovo's "Enter your pin:" does not say): a plain field, no slots. */
export const UnknownLength: Story = { args: { length: undefined, value: '' } };

/** Unknown length, masked. */
export const UnknownLengthMasked: Story = { args: { length: undefined, value: '4821', mask: true } };

/** Letters allowed (`format: 'text'`), for alphanumeric codes. */
export const TextFormat: Story = { args: { format: 'text', length: 8, value: 'AB12' } };

/** While the answer is being sent. */
export const Disabled: Story = { args: { value: '123456', disabled: true } };

/** The dark tokens (`data-theme="dark"`). */
export const DarkTheme: Story = { args: { value: '12345', error: 'That PIN was not right.' }, globals: { theme: 'dark' } };
