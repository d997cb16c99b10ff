import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn } from 'storybook/test';
import { FailedPanel } from './FailedPanel';

const meta = {
  title: 'Panels/FailedPanel',
  component: FailedPanel,
  args: { status: 'maintenance', onRetry: fn(), busy: false, headingLevel: 2 },
} satisfies Meta<typeof FailedPanel>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A failure status with nothing to answer (`maintenance`). */
export const Maintenance: Story = {
  play: async ({ canvas, userEvent, args }) => {
    await expect(canvas.getByText('The connection stopped (maintenance). Try again in a moment.')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Try again' }));
    await expect(args.onRetry).toHaveBeenCalledTimes(1);
  },
};

/** An unknown status, read into the message. */
export const UnknownStatus: Story = { args: { status: 'postponed_by_institution' } };

/** A request error described in words of the flow's own. */
export const RequestError: Story = { args: { status: 'network', description: 'We couldn’t reach the server. Check your connection and try again.' } };

/** Without `onRetry`: no button. */
export const NoRetry: Story = { args: { onRetry: undefined } };

/** The retry is in flight. */
export const Busy: Story = { args: { busy: true } };
