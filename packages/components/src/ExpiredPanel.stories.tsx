import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn } from 'storybook/test';
import { ExpiredPanel } from './ExpiredPanel';

const meta = {
  title: 'Panels/ExpiredPanel',
  component: ExpiredPanel,
  args: { onRestart: fn(), busy: false, headingLevel: 2 },
} satisfies Meta<typeof ExpiredPanel>;

export default meta;
type Story = StoryObj<typeof meta>;

/** "The PIN expired", with a one-click re-send. */
export const Default: Story = {
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('heading', { name: 'The PIN expired' })).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Send a new PIN' })).toBeEnabled();
  },
};

/** The re-send is in flight. */
export const Busy: Story = { args: { busy: true } };
