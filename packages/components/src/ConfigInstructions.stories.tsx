import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn } from 'storybook/test';
import { ConfigInstructions } from './ConfigInstructions';

const meta = {
  title: 'Panels/ConfigInstructions',
  component: ConfigInstructions,
  args: {
    instructions: 'Sign in at firstsandboxbank.example, accept the new terms of use, then sync again.',
    onRestart: fn(),
    busy: false,
    headingLevel: 2,
  },
} satisfies Meta<typeof ConfigInstructions>;

export default meta;
type Story = StoryObj<typeof meta>;

/** `user_config` with the institution's instructions (text, never HTML). */
export const WithInstructions: Story = {
  play: async ({ canvas, userEvent, args }) => {
    await expect(canvas.getByText(/accept the new terms of use/)).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'I’ve done this, try again' }));
    await expect(args.onRestart).toHaveBeenCalledTimes(1);
  },
};

/** No instructions given: a generic line. */
export const Fallback: Story = { args: { instructions: null } };

/** Several lines keep their breaks. */
export const MultiLine: Story = { args: { instructions: '1. Sign in at firstsandboxbank.example.\n2. Open Settings → Security.\n3. Allow connected apps, then come back here.' } };

/** The restart is in flight. */
export const Busy: Story = { args: { busy: true } };
