import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn } from 'storybook/test';
import { ConnectivityNotice } from './ConnectivityNotice';

const meta = {
  title: 'Panels/ConnectivityNotice',
  component: ConnectivityNotice,
  args: { connectivity: 'retrying', onRetry: fn() },
  argTypes: { connectivity: { control: 'inline-radio', options: ['online', 'retrying', 'offline'] } },
} satisfies Meta<typeof ConnectivityNotice>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Online: an empty live region stays in the page, so a change is announced. */
export const Online: Story = {
  args: { connectivity: 'online' },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('status')).toBeEmptyDOMElement();
  },
};

/** Failed requests are being retried. */
export const Retrying: Story = {};

/** Offline or out of retries: "Try again" reads now. */
export const Offline: Story = {
  args: { connectivity: 'offline' },
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Try again' }));
    await expect(args.onRetry).toHaveBeenCalledTimes(1);
  },
};
