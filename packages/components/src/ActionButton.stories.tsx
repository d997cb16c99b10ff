import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn } from 'storybook/test';
import { ActionButton } from './ActionButton';

const meta = {
  title: 'Components/ActionButton',
  component: ActionButton,
  args: { children: 'Continue', onClick: fn(), busy: false, variant: 'primary', type: 'button' },
  argTypes: { variant: { control: 'inline-radio', options: ['primary', 'secondary'] } },
} satisfies Meta<typeof ActionButton>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The kit's primary button. */
export const Primary: Story = {
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    await expect(args.onClick).toHaveBeenCalledTimes(1);
  },
};

/** Secondary. */
export const Secondary: Story = { args: { variant: 'secondary', children: 'Try again' } };

/** Busy: focusable, `aria-disabled`, clicks ignored. */
export const Busy: Story = {
  args: { busy: true, children: 'Sending…' },
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Sending…' }));
    await expect(args.onClick).not.toHaveBeenCalled();
  },
};
