import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { ProgressPanel } from './ProgressPanel';

const meta = {
  title: 'Panels/ProgressPanel',
  component: ProgressPanel,
  args: { progress: { state: 'authenticating', percent: 40, message: 'Logging in' }, headingLevel: 2, unstyled: false },
  argTypes: { headingLevel: { control: { type: 'number', min: 2, max: 6 } } },
} satisfies Meta<typeof ProgressPanel>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The server gave a percent and a message. */
export const Determinate: Story = {
  play: async ({ canvas }) => {
    const bar = canvas.getByRole('progressbar', { name: 'Sync progress' });
    await expect(bar).toHaveAttribute('aria-valuenow', '40');
    await expect(canvas.getByRole('status')).toHaveTextContent('Logging in');
  },
};

/** No percent: an indeterminate bar. */
export const Indeterminate: Story = { args: { progress: { state: 'queued', percent: null, message: null } } };

/** Before the first response: "Connecting…". */
export const Connecting: Story = { args: { progress: null } };

/** Nearly there. */
export const Fetching: Story = { args: { progress: { state: 'fetching', percent: 90, message: 'Fetching your accounts' } } };

/** No class names of ours: style by `data-part` / `data-state`. */
export const Unstyled: Story = { args: { unstyled: true } };
