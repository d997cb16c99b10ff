import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { answerAndSettle, sandboxLoader, sandboxOf, startAndSettle, STORY_POLL_POLICY, STORY_TIMING } from '../../../.storybook/sandbox';
import type { PreparedSandbox } from '../../../.storybook/sandbox';
import { useEffect, type ReactNode } from 'react';
import { mfaFlowArgs, mfaFlowArgTypes, renderMfaFlow } from '../../../.storybook/mfaFlowMeta';
import { MfaFlow } from './MfaFlow';

/**
 * `<MfaFlow>` against the sandbox, a catalogue: each story opens on one moment of one scenario,
 * clock case or fault, the moment it exists to show (the PIN with its countdown, the CAPTCHA,
 * several challenges at once, the offline notice…), and stays there. Each story's loader brings
 * its own sandbox engine to that step server-side before the flow mounts (`prepare`,
 * `.storybook/sandbox.ts`), and the flow (`autoStart: false`) follows the sync it finds, as it
 * would after a page reload. Play functions only check the moment; none answers for the user.
 *
 * A user's walk from the start to the end of each flow is a test of its own:
 * `MfaFlowWalkthroughs.stories.tsx` (`pnpm test:stories`, hidden from the sidebar).
 */
const meta = {
  title: 'Flows/MfaFlow',
  component: MfaFlow,
  // The sandbox is already at the story's moment: the flow follows it rather than restarting.
  args: mfaFlowArgs(false),
  argTypes: mfaFlowArgTypes,
  // Served by the Storybook MSW worker (.storybook/preview.tsx starts it for these stories).
  parameters: { sandbox: true },
  loaders: [sandboxLoader({ scenario: 'realtime_pin' })],
  render: renderMfaFlow,
} satisfies Meta<typeof MfaFlow>;

export default meta;
type Story = StoryObj<typeof meta>;
type Context = Parameters<NonNullable<Story['play']>>[0];

/** Long enough for the first read and a few retries; never a fixed sleep. */
const FLOW = { timeout: 8000 };

/** Stage one of `realtime_pin` answered with "Text message xxx-xxx-0695" (the sandbox's key 1). */
function atPinStage(sandbox: PreparedSandbox, destinationKey = 1) {
  startAndSettle(sandbox);
  answerAndSettle(sandbox, [destinationKey]);
}

/** Seconds shown by the countdown (`m:ss`). */
function countdownSeconds({ canvas }: Context): number {
  const [minutes = '0', seconds = '0'] = (canvas.getByRole('timer').textContent ?? '').split(':');
  return Number(minutes) * 60 + Number(seconds);
}

// --- Scenarios, at their telling moment ---

/** A sync on its way: logging in at the institution, a stage held for an hour here. */
export const Progress: Story = {
  loaders: [
    sandboxLoader({
      scenario: 'no_mfa',
      timing: { authenticatingMs: 3_600_000 },
      prepare: (sandbox) => {
        sandbox.engine.startSync(sandbox.connectionId);
        sandbox.clock.advance(STORY_TIMING.queuedMs + 60_000);
      },
    }),
  ],
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('Logging in', {}, FLOW)).toBeVisible();
    await expect(canvas.getByRole('progressbar')).toBeVisible();
  },
};

/** The end of every successful flow (`no_mfa` here, which has nothing to answer). */
export const Done: Story = {
  loaders: [sandboxLoader({ scenario: 'no_mfa', prepare: (sandbox) => startAndSettle(sandbox) })],
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('heading', { name: 'You’re verified' }, FLOW)).toBeVisible();
  },
};

/** `question`: one security question. */
export const Question: Story = {
  loaders: [sandboxLoader({ scenario: 'question', prepare: (sandbox) => startAndSettle(sandbox) })],
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('textbox', { name: 'Which company bought Jin Yang’s app "Not Hotdog"?' }, FLOW)).toBeVisible();
  },
};

/** `question` after a wrong answer: the sandbox asks the next question. */
export const QuestionAfterWrongAnswer: Story = {
  loaders: [
    sandboxLoader({
      scenario: 'question',
      prepare: (sandbox) => {
        startAndSettle(sandbox);
        answerAndSettle(sandbox, ['Hooli']);
      },
    }),
  ],
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('textbox', { name: 'What was the name of your first pet?' }, FLOW)).toBeVisible();
  },
};

/** `choices`: plain multiple choice. */
export const Choices: Story = {
  loaders: [sandboxLoader({ scenario: 'choices', prepare: (sandbox) => startAndSettle(sandbox) })],
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('radiogroup', { name: 'What is the ultimate answer?' }, FLOW)).toBeVisible();
  },
};

/** `realtime_pin`, stage one: where the PIN should go. */
export const RealtimePinDestinations: Story = {
  loaders: [sandboxLoader({ scenario: 'realtime_pin', prepare: (sandbox) => startAndSettle(sandbox) })],
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('radio', { name: 'Text message xxx-xxx-0695' }, FLOW)).toBeVisible();
  },
};

/**
 * `realtime_pin`, stage two: the PIN sent by text message, with its two-minute countdown. With
 * `pinLength: 6` the field draws six slots and submits itself when full.
 */
export const RealtimePin: Story = {
  args: { pinLength: 6 },
  loaders: [sandboxLoader({ scenario: 'realtime_pin', prepare: (sandbox) => atPinStage(sandbox) })],
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('textbox', { name: 'Enter your pin:' }, FLOW)).toHaveAttribute('autocomplete', 'one-time-code');
    await expect(canvas.getByRole('timer', { name: 'Time left' })).toHaveTextContent(/^(2:00|1:5\d)$/);
  },
};

/**
 * `realtime_pin` with the PIN hidden (`maskPin`), sent by voice call, no known length: no slots,
 * submit by button. The play function types three digits, to show them hidden.
 */
export const RealtimePinMasked: Story = {
  args: { maskPin: true },
  loaders: [sandboxLoader({ scenario: 'realtime_pin', prepare: (sandbox) => atPinStage(sandbox, 2) })],
  play: async ({ canvas, userEvent }) => {
    const field = await canvas.findByLabelText('Enter your pin:', {}, FLOW);
    await userEvent.type(field, '123');
    await expect(field.closest('[data-part="pin-input"]')).toHaveAttribute('data-masked');
    await expect(canvas.getByRole('button', { name: 'Continue' })).toBeVisible();
  },
};

/** `realtime_pin` after a wrong PIN: the institution asks again, on the same deadline. */
export const RealtimePinWrong: Story = {
  args: { pinLength: 6 },
  loaders: [
    sandboxLoader({
      scenario: 'realtime_pin',
      prepare: (sandbox) => {
        atPinStage(sandbox);
        const sent = sandbox.lastPin() ?? '';
        answerAndSettle(sandbox, [sent === '000000' ? '111111' : '000000']);
      },
    }),
  ],
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('textbox', { name: 'That PIN was not right. Enter your pin:' }, FLOW)).toHaveAttribute('autocomplete', 'one-time-code');
  },
};

/** `captcha`: an image challenge on a one-minute clock. */
export const Captcha: Story = {
  loaders: [sandboxLoader({ scenario: 'captcha', prepare: (sandbox) => startAndSettle(sandbox) })],
  play: async ({ canvas }) => {
    await canvas.findByRole('textbox', { name: 'Type the characters you see in the picture.' }, FLOW);
    await expect(canvas.getByRole('img', { name: 'Security image: type the characters it shows' })).toHaveAttribute('src', expect.stringMatching(/^data:image\/svg\+xml/));
    await expect(canvas.getByRole('timer')).toBeVisible();
  },
};

/** `image_choices`: pick the star among four generated pictures. */
export const ImageChoices: Story = {
  loaders: [sandboxLoader({ scenario: 'image_choices', prepare: (sandbox) => startAndSettle(sandbox) })],
  play: async ({ canvas }) => {
    await canvas.findByRole('radiogroup', { name: 'Select your security image (the star).' }, FLOW);
    // Named by its SVG title: found without sight.
    await expect(canvas.getByRole('radio', { name: 'star' })).toBeVisible();
  },
};

/** `multi`: several challenges at once, two questions and a read-only notice in one form. */
export const Multi: Story = {
  loaders: [sandboxLoader({ scenario: 'multi', prepare: (sandbox) => startAndSettle(sandbox) })],
  play: async ({ canvas }) => {
    await canvas.findByRole('textbox', { name: 'What was the name of your first pet?' }, FLOW);
    await expect(canvas.getByRole('textbox', { name: 'In what city were you born?' })).toBeVisible();
    await expect(canvas.getByText('First Sandbox Bank will never ask for your PIN by e-mail.')).toHaveAttribute('data-part', 'notice');
  },
};

/** `incorrect_credentials`: the institution refused the sign-in; the form asks again. */
export const IncorrectCredentials: Story = {
  loaders: [sandboxLoader({ scenario: 'incorrect_credentials', prepare: (sandbox) => startAndSettle(sandbox) })],
  play: async ({ canvas }) => {
    await canvas.findByRole('heading', { name: 'Sign-in failed' }, FLOW);
    await expect(canvas.getByLabelText('Username')).toBeVisible();
  },
};

/** `user_config`: the institution's instructions, and the button for after the user has acted. */
export const UserConfig: Story = {
  loaders: [sandboxLoader({ scenario: 'user_config', prepare: (sandbox) => startAndSettle(sandbox) })],
  play: async ({ canvas }) => {
    await canvas.findByRole('heading', { name: 'Action needed at your institution' }, FLOW);
    await expect(canvas.getByText(/accept the new terms of use/)).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'I’ve done this, try again' })).toBeVisible();
  },
};

/** `maintenance`: a failure with nothing to answer, and "Try again". */
export const Maintenance: Story = {
  loaders: [sandboxLoader({ scenario: 'maintenance', prepare: (sandbox) => startAndSettle(sandbox) })],
  play: async ({ canvas }) => {
    await canvas.findByRole('heading', { name: 'We couldn’t connect' }, FLOW);
    await expect(canvas.getByText(/The connection stopped \(maintenance\)/)).toBeVisible();
  },
};

// --- Time ---

/**
 * The PIN ran out: the story skips server time two minutes past the PIN's deadline (the button
 * does it again after a restart), and the flow offers "Send a new PIN".
 */
export const Expiry: Story = {
  loaders: [sandboxLoader({ scenario: 'realtime_pin', prepare: (sandbox) => atPinStage(sandbox) })],
  render: (args, context) => {
    const sandbox = sandboxOf(context);
    return (
      <div style={{ display: 'grid', gap: '1rem', justifyItems: 'start' }}>
        {meta.render(args, context)}
        <button type="button" onClick={() => sandbox.clock?.advance(120_000)}>
          Skip server time ahead 2 minutes
        </button>
      </div>
    );
  },
  play: async (context) => {
    const { canvas, args } = context;
    const sandbox = sandboxOf(context);
    await canvas.findByRole('textbox', { name: 'Enter your pin:' }, FLOW);
    // The sandbox's clock moves, not the user: the moment is the expired PIN.
    sandbox.clock?.advance(120_000);
    await expect(await canvas.findByRole('heading', { name: 'The PIN expired' }, FLOW)).toBeVisible();
    await waitFor(() => expect(args.onExpire).toHaveBeenCalledTimes(1));
    await expect(canvas.getByRole('button', { name: 'Send a new PIN' })).toBeVisible();
  },
};

/**
 * The server's clock runs five minutes ahead (its `Date` header and `expires`). The kit corrects
 * by the `Date` offset, so the countdown still shows two minutes, not seven.
 */
export const ServerClockAhead: Story = {
  loaders: [
    sandboxLoader({ scenario: 'realtime_pin', connection: { faults: { clockSkew: { seconds: 300 } } }, flowFollowsClock: false, prepare: (sandbox) => atPinStage(sandbox) }),
  ],
  play: async (context) => {
    await context.canvas.findByRole('textbox', { name: 'Enter your pin:' }, FLOW);
    await expect(countdownSeconds(context)).toBeGreaterThanOrEqual(110);
    await expect(countdownSeconds(context)).toBeLessThanOrEqual(121);
  },
};

/** The server's clock runs five minutes behind: without the correction the PIN would read as expired on arrival. */
export const ServerClockBehind: Story = {
  loaders: [
    sandboxLoader({ scenario: 'realtime_pin', connection: { faults: { clockSkew: { seconds: -300 } } }, flowFollowsClock: false, prepare: (sandbox) => atPinStage(sandbox) }),
  ],
  play: ServerClockAhead.play,
};

// --- Faults, while the notice is on screen (a sync already runs; the faults hit the flow's reads) ---

/** Retries come a minute apart, so the notice stays on screen (the walkthroughs test the recovery). */
const slowRetries = { pollPolicy: { ...STORY_POLL_POLICY, retryBaseMs: 60_000 } } as const;
const RETRYING = 'Connection trouble. Retrying…';

/** 429 with `Retry-After: 60`: "Retrying…" for a minute, then the read succeeds. */
export const RateLimited: Story = {
  loaders: [sandboxLoader({ scenario: 'no_mfa', connection: { start: true, faults: { status429: { retryAfterSeconds: 60, times: 1 } } } })],
  play: async ({ canvas, args }) => {
    await expect(await canvas.findByText(RETRYING, {}, FLOW)).toBeVisible();
    await expect(args.onEvent).toHaveBeenCalledWith('retrying', expect.objectContaining({ errorKind: 'rate_limited' }));
  },
};

/**
 * The server keeps answering 500: past `maxRetries` the notice says the bank's service is in
 * trouble (the flow keeps trying, with backoff; the walkthroughs test a recovery).
 */
export const ServerError: Story = {
  args: { maxRetries: 2 },
  loaders: [sandboxLoader({ scenario: 'no_mfa', connection: { start: true, faults: { status500: {} } } })],
  play: async ({ canvas, args }) => {
    await expect(await canvas.findByText('The bank’s service is having trouble. We’ll keep trying.', {}, FLOW)).toBeVisible();
    await expect(args.onEvent).toHaveBeenCalledWith('retrying', expect.objectContaining({ errorKind: 'server' }));
  },
};

/** A proxy's 502 HTML page (not JSON): survived and retried. */
export const BadGatewayHtml: Story = {
  args: slowRetries,
  loaders: [sandboxLoader({ scenario: 'no_mfa', connection: { start: true, faults: { status502: { times: 2 } } } })],
  play: async ({ canvas, args }) => {
    await expect(await canvas.findByText(RETRYING, {}, FLOW)).toBeVisible();
    await expect(args.onEvent).toHaveBeenCalledWith('retrying', expect.objectContaining({ errorKind: 'server' }));
  },
};

/** A 200 whose JSON is cut in half: an invalid response, retried like a network error. */
export const MalformedJson: Story = {
  args: slowRetries,
  loaders: [sandboxLoader({ scenario: 'no_mfa', connection: { start: true, faults: { malformedJson: { times: 2 } } } })],
  play: async ({ canvas, args }) => {
    await expect(await canvas.findByText(RETRYING, {}, FLOW)).toBeVisible();
    await expect(args.onEvent).toHaveBeenCalledWith('retrying', expect.objectContaining({ errorKind: 'invalid_response' }));
  },
};

/** Every request dropped (no response at all): after `maxRetries` the flow says it is offline and offers "Try again". */
export const Offline: Story = {
  args: { maxRetries: 2 },
  loaders: [sandboxLoader({ scenario: 'no_mfa', connection: { start: true, faults: { drop: {} } } })],
  play: async ({ canvas, args }) => {
    await expect(await canvas.findByText('You’re offline. We’ll continue when you’re back online.', {}, FLOW)).toBeVisible();
    await expect(args.onError).toHaveBeenCalledWith(expect.objectContaining({ kind: 'network' }));
  },
};

/**
 * Sends the page's `online` event when the story goes away. Its cleanup runs before the flow's
 * own (React unmounts parents' effects first), so the kit hears it: core remembers the last
 * `online`/`offline` event page-wide, and every later story would open offline otherwise.
 */
function BackOnlineWhenLeft({ children }: { children: ReactNode }) {
  useEffect(() => () => void window.dispatchEvent(new Event('online')), []);
  return children;
}

/**
 * The browser reports going offline while the user answers a question: the notice shows over the
 * question. The story sends the page's `offline` event, and `online` when it goes away.
 */
export const BrowserOffline: Story = {
  loaders: [sandboxLoader({ scenario: 'question', prepare: (sandbox) => startAndSettle(sandbox) })],
  render: (args, context) => <BackOnlineWhenLeft>{meta.render(args, context)}</BackOnlineWhenLeft>,
  play: async ({ canvas }) => {
    await canvas.findByRole('textbox', { name: 'Which company bought Jin Yang’s app "Not Hotdog"?' }, FLOW);
    window.dispatchEvent(new Event('offline'));
    await expect(await canvas.findByText('You’re offline. We’ll continue when you’re back online.')).toBeVisible();
  },
};
