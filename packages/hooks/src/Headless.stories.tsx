import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn } from 'storybook/test';
import { answerAndSettle, sandboxLoader, sandboxOf, startAndSettle, STORY_POLL_POLICY } from '../../../.storybook/sandbox';
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
 * Each story opens at one moment: its loader brings the sandbox there server-side (`prepare`,
 * .storybook/sandbox.ts) and the hook (`autoStart: false`) follows the sync it finds. A user's
 * walk through each flow is a test of its own: `HeadlessWalkthroughs.stories.tsx`.
 */
const meta = {
  title: 'Hooks/Headless',
  component: HeadlessMfa,
  args: { connectionId: 0, autoStart: false, autoResend: true, pollPolicy: STORY_POLL_POLICY, onComplete: fn(), onEvent: fn() },
  argTypes: { connectionId: { control: false }, baseUrl: { control: false }, pollPolicy: { control: false } },
  // Served by the Storybook MSW worker (.storybook/preview.tsx starts it for these stories).
  parameters: { sandbox: true },
  loaders: [sandboxLoader({ scenario: 'realtime_pin', prepare: (sandbox) => startAndSettle(sandbox) })],
  render: (args, context) => {
    const sandbox = sandboxOf(context);
    const clock = sandbox.flowClock ?? args.clock;
    return <HeadlessMfa key={sandbox.baseUrl} {...args} {...(clock ? { clock } : {})} connectionId={sandbox.connectionId} baseUrl={sandbox.baseUrl} />;
  },
} satisfies Meta<typeof HeadlessMfa>;

export default meta;
type Story = StoryObj<typeof meta>;

const FLOW = { timeout: 8000 };

/** `realtime_pin`, stage one on plain markup: the destinations as the getters' roving radio group. */
export const RealtimePinDestinations: Story = {
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('radio', { name: 'Text message xxx-xxx-0695' }, FLOW)).toBeVisible();
  },
};

/** `realtime_pin`, stage two: the one real one-time-code input and the countdown. */
export const RealtimePin: Story = {
  loaders: [
    sandboxLoader({
      scenario: 'realtime_pin',
      prepare: (sandbox) => {
        startAndSettle(sandbox);
        answerAndSettle(sandbox, [1]);
      },
    }),
  ],
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('textbox', { name: 'Enter your pin:' }, FLOW)).toHaveAttribute('autocomplete', 'one-time-code');
    await expect(canvas.getByRole('timer', { name: 'Time left' })).toHaveTextContent(/^(2:00|1:5\d)$/);
  },
};

/** Any scenario runs on the same markup: `question`. */
export const Question: Story = {
  loaders: [sandboxLoader({ scenario: 'question', prepare: (sandbox) => startAndSettle(sandbox) })],
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('textbox', { name: 'Which company bought Jin Yang’s app "Not Hotdog"?' }, FLOW)).toBeVisible();
  },
};
