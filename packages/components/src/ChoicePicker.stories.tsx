import type { Choice } from '@mfa-kit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn } from 'storybook/test';
import { ChoicePicker, type ChoicePickerProps } from './ChoicePicker';

/** The documentation's four PIN destinations (realtime stage one). */
const destinations: Choice[] = [
  { key: 0, value: 'xxx-xxx-0695', category: 'Voice' },
  { key: 1, value: 'xxx-xxx-0695', category: 'Text' },
  { key: 2, value: 'xxx-xxx-5309', category: 'Voice' },
  { key: 3, value: 'xxx-xxx-5309', category: 'Text' },
];

/** A controlled picker that keeps its own selection, starting from the `value` arg. */
function StatefulChoicePicker(props: ChoicePickerProps) {
  const [value, setValue] = useState(props.value ?? null);
  return (
    <ChoicePicker
      {...props}
      value={value}
      onChange={(key) => {
        setValue(key);
        props.onChange?.(key);
      }}
    />
  );
}

const meta = {
  title: 'Components/ChoicePicker',
  component: ChoicePicker,
  args: { choices: destinations, label: 'Where should we send your pin?', value: null, onChange: fn(), variant: 'auto', readOnly: false, disabled: false },
  argTypes: {
    variant: { control: 'inline-radio', options: ['auto', 'destination', 'plain'] },
    value: { control: 'number' },
    groupProps: { control: false },
    getChoiceProps: { control: false },
    ids: { control: false },
  },
  render: (args) => <StatefulChoicePicker key={String(args.value)} {...args} />,
} satisfies Meta<typeof ChoicePicker>;

export default meta;
type Story = StoryObj<typeof meta>;

/** PIN destinations: a card per destination with its category icon. Arrow keys move and select. */
export const Destinations: Story = {
  play: async ({ canvas, userEvent, args }) => {
    const text = canvas.getByRole('radio', { name: 'Text message xxx-xxx-0695' });
    await userEvent.click(text);
    await expect(text).toHaveAttribute('aria-checked', 'true');
    await expect(args.onChange).toHaveBeenLastCalledWith(1);
    await userEvent.keyboard('{ArrowDown}');
    const next = canvas.getByRole('radio', { name: 'Voice call xxx-xxx-5309' });
    await expect(next).toHaveAttribute('aria-checked', 'true');
    await expect(next).toHaveFocus();
  },
};

/** One destination already chosen. */
export const Selected: Story = { args: { value: 3 } };

/** Ordinary multiple choice: no categories, plain options. */
export const PlainOptions: Story = {
  args: {
    label: 'What is the ultimate answer?',
    choices: [
      { key: 0, value: '1234', category: null },
      { key: 1, value: '42', category: null },
    ],
  },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('radiogroup', { name: 'What is the ultimate answer?' })).toBeVisible();
    await expect(canvas.getAllByRole('radio')).toHaveLength(2);
  },
};

/** A dozen options: the group wraps and stays one tab stop. */
export const DozenChoices: Story = {
  args: {
    label: 'Which of these streets have you lived on?',
    choices: ['Elm', 'Oak', 'Maple', 'Cedar', 'Pine', 'Birch', 'Walnut', 'Chestnut', 'Spruce', 'Willow', 'Aspen', 'None of these'].map((value, key) => ({
      key,
      value: key === 11 ? value : `${value} Street`,
      category: null,
    })),
  },
  play: async ({ canvas }) => {
    const radios = canvas.getAllByRole('radio');
    await expect(radios).toHaveLength(12);
    await expect(radios.filter((r) => r.tabIndex === 0)).toHaveLength(1);
  },
};

/** Long text in the question and the options wraps instead of overflowing. */
export const LongText: Story = {
  args: {
    label:
      'For your security, we need to confirm it is really you before we can connect this account. Which of the following describes the first vehicle you ever registered in your own name at the department of motor vehicles?',
    choices: [
      { key: 0, value: 'A blue 1998 station wagon with wood panelling that was bought second-hand from a neighbour down the street', category: null },
      { key: 1, value: 'A motorcycle', category: null },
      { key: 2, value: 'Anexceptionallylongsingleword­withoutanyspacesthatmustnotoverflowitscontainerwhateverhappens', category: null },
    ],
  },
};

/** E-mail and unknown categories next to phone ones. */
export const MixedCategories: Story = {
  args: {
    choices: [
      { key: 0, value: 'j•••@example.com', category: 'Email' },
      { key: 1, value: 'xxx-xxx-0695', category: 'SMS' },
      { key: 2, value: 'Security token', category: 'Token' },
      { key: 3, value: 'xxx-xxx-5309', category: null },
    ],
  },
};

/** A refusal from the hook ("Choose one of the options.") is linked to the group. */
export const WithError: Story = {
  args: { error: 'Choose one of the options.', hint: 'We will send a 6-digit code.' },
  play: async ({ canvas }) => {
    const group = canvas.getByRole('radiogroup');
    await expect(group).toHaveAttribute('aria-invalid', 'true');
    await expect(group).toHaveAccessibleDescription('We will send a 6-digit code. Choose one of the options.');
  },
};

/** A challenge shown for information (`should_answer: false`): the selection cannot change. */
export const ReadOnly: Story = {
  args: { value: 1, readOnly: true, hint: 'For information only; no answer needed.' },
};

/** While the answer is being sent. */
export const Disabled: Story = { args: { value: 1, disabled: true } };

/** The dark tokens (`data-theme="dark"`), checked for contrast like the light ones. */
export const DarkTheme: Story = { args: { value: 1, error: 'Choose one of the options.', hint: 'We will send a 6-digit code.' }, globals: { theme: 'dark' } };
