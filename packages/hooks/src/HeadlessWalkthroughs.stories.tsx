import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, waitFor } from 'storybook/test';
import { sandboxLoader, sandboxOf, STORY_POLL_POLICY } from '../../../.storybook/sandbox';
import { CustomMfa } from './example.testkit';
import type { UseMfaChallengeOptions } from './index';

interface HeadlessMfaProps extends UseMfaChallengeOptions {
  /** The connection to sync. */
  connectionId: number;
}

/**
 * The README's complete MFA UI built from the hooks alone (`example.testkit.tsx`, which the
 * hooks' tests also render): plain elements, no `@mfa-kit/components`, no class names. Roles,
 * names, ids, keyboard handling and the one-time-code input all come from the prop getters.
 */
function HeadlessMfa({ connectionId, ...options }: HeadlessMfaProps) {
  return <CustomMfa connectionId={connectionId} options={options} />;
}

/*
 * A user's walk from the start to the end of a flow on that UI. Tests, not a catalogue: `!dev`
 * keeps them out of the sidebar (`Headless.stories.tsx` opens each moment instead) and out of
 * `pnpm test:screenshots`; `pnpm test:stories` runs them.
 */

const meta = {
  title: 'Hooks/Headless walkthroughs',
  component: HeadlessMfa,
  tags: ['!dev', '!autodocs'],
  args: { connectionId: 0, autoStart: true, autoResend: true, pollPolicy: STORY_POLL_POLICY, onComplete: fn(), onEvent: fn() },
  argTypes: { connectionId: { control: false }, baseUrl: { control: false }, pollPolicy: { control: false } },
  // Served by the Storybook MSW worker (.storybook/preview.tsx starts it for these stories).
  parameters: { sandbox: true },
  loaders: [sandboxLoader({ scenario: 'realtime_pin' })],
  render: (args, context) => {
    const sandbox = sandboxOf(context);
    return <HeadlessMfa key={sandbox.baseUrl} {...args} connectionId={sandbox.connectionId} baseUrl={sandbox.baseUrl} />;
  },
} satisfies Meta<typeof HeadlessMfa>;

export default meta;
type Story = StoryObj<typeof meta>;

/**
 * `realtime_pin` on plain markup: arrow keys pick the destination (the getters' roving radio),
 * the PIN goes into the one real input, and the flow ends at done.
 */
export const RealtimePin: Story = {
  play: async (context) => {
    const { canvas, userEvent, args } = context;
    const sandbox = sandboxOf(context);
    const timeout = { timeout: 8000 };
    const first = await canvas.findByRole('radio', { name: 'Voice call xxx-xxx-0695' }, timeout);
    await userEvent.click(first);
    await userEvent.keyboard('{ArrowDown}');
    await expect(canvas.getByRole('radio', { name: 'Text message xxx-xxx-0695' })).toHaveAttribute('aria-checked', 'true');
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    const pinField = await canvas.findByRole('textbox', { name: 'Enter your pin:' }, timeout);
    await expect(pinField).toHaveAttribute('autocomplete', 'one-time-code');
    await expect(canvas.getByRole('timer', { name: 'Time left' })).toHaveTextContent(/^(2:0[01]|1:5\d)$/);
    await waitFor(() => expect(sandbox.lastPin()).not.toBeNull());
    await userEvent.type(pinField, sandbox.lastPin() ?? '');
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    await expect(await canvas.findByText('Your account is connected.', {}, timeout)).toBeVisible();
    await expect(args.onComplete).toHaveBeenCalledTimes(1);
  },
};

/** Any scenario runs on the same markup: `question`. */
export const Question: Story = {
  loaders: [sandboxLoader({ scenario: 'question' })],
  play: async ({ canvas, userEvent }) => {
    const field = await canvas.findByRole('textbox', { name: 'Which company bought Jin Yang’s app "Not Hotdog"?' }, { timeout: 8000 });
    await userEvent.type(field, 'Periscope');
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    await expect(await canvas.findByText('Your account is connected.', {}, { timeout: 8000 })).toBeVisible();
  },
};
