import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn } from 'storybook/test';
import { RestartPanel } from './RestartPanel';

const meta = {
  title: 'Panels/RestartPanel',
  component: RestartPanel,
  args: { onRestart: fn(), reason: 'resync', busy: false, headingLevel: 2 },
  argTypes: { reason: { control: 'inline-radio', options: ['resync', 'expired'] } },
} satisfies Meta<typeof RestartPanel>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The server says `resync`. */
export const Resync: Story = {
  play: async ({ canvas, userEvent, args }) => {
    await expect(canvas.getByRole('heading', { name: 'Let’s try that again' })).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Send a new PIN' }));
    await expect(args.onRestart).toHaveBeenCalledTimes(1);
  },
};

/** A realtime challenge ran out of time here. */
export const Expired: Story = { args: { reason: 'expired' } };

/** The restart is in flight: the button stays focusable and ignores clicks. */
export const Busy: Story = {
  args: { busy: true },
  play: async ({ canvas, userEvent, args }) => {
    const button = canvas.getByRole('button', { name: 'Send a new PIN' });
    await expect(button).toHaveAttribute('aria-disabled', 'true');
    await userEvent.click(button);
    await expect(args.onRestart).not.toHaveBeenCalled();
  },
};

/** A partner's own button text. */
export const CustomAction: Story = { args: { actionLabel: 'Start again' } };
