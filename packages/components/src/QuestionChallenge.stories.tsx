import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn } from 'storybook/test';
import { QuestionChallenge, type QuestionChallengeProps } from './QuestionChallenge';

function StatefulQuestion(props: QuestionChallengeProps) {
  const [value, setValue] = useState(props.value);
  return (
    <QuestionChallenge
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
  title: 'Components/QuestionChallenge',
  component: QuestionChallenge,
  args: { label: 'What was the name of your first pet?', value: '', onChange: fn(), readOnly: false, disabled: false },
  argTypes: { inputProps: { control: false }, ids: { control: false } },
  render: (args) => <StatefulQuestion key={args.value} {...args} />,
} satisfies Meta<typeof QuestionChallenge>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A free-text security question: the question is the field's label. */
export const Empty: Story = {
  play: async ({ canvas, userEvent, args }) => {
    const field = canvas.getByRole('textbox', { name: 'What was the name of your first pet?' });
    await userEvent.type(field, 'Rex');
    await expect(args.onChange).toHaveBeenLastCalledWith('Rex');
  },
};

/** An answer typed. */
export const Filled: Story = { args: { value: 'Rex' } };

/** Refused here ("Enter an answer.") or by the server. */
export const WithError: Story = {
  args: { error: 'Enter an answer.' },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('textbox')).toHaveAccessibleDescription('Enter an answer.');
  },
};

/** A notice shown for information (`should_answer: false`). */
export const ReadOnly: Story = {
  args: { label: 'First Sandbox Bank will never ask for your PIN by e-mail.', readOnly: true, hint: 'For information only; no answer needed.' },
};

/** Quotes and symbols in the question are text, never HTML. */
export const TextNotHtml: Story = {
  args: { label: 'Which company bought Jin Yang’s app "Not Hotdog"? <b>not bold</b>' },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('textbox', { name: 'Which company bought Jin Yang’s app "Not Hotdog"? <b>not bold</b>' })).toBeVisible();
  },
};

/** While the answer is being sent. */
export const Disabled: Story = { args: { value: 'Rex', disabled: true } };
