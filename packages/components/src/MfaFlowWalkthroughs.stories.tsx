import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, type Mock } from 'storybook/test';
import { sandboxLoader, sandboxOf } from '../../../.storybook/sandbox';
import type { StorySandbox } from '../../../.storybook/sandbox';
import { mfaFlowArgs, mfaFlowArgTypes, renderMfaFlow } from '../../../.storybook/mfaFlowMeta';
import { MfaFlow } from './MfaFlow';

/**
 * `<MfaFlow>` against the sandbox, walked from the start to the end by a user: one walk per
 * scenario, clock case and fault. These are tests, not a catalogue: `!dev` keeps them out of
 * Storybook's sidebar (`MfaFlow.stories.tsx` opens each flow at its telling moment instead),
 * `pnpm test:stories` runs them, and `pnpm test:screenshots` leaves them out (most end on the same
 * "You’re verified" panel, which `MfaFlow.stories.tsx`'s `Done` shows). Every walk has a fresh
 * sandbox engine behind the Storybook MSW worker (`.storybook/sandbox.ts`); the sandbox runs its
 * stages in a fifth of a second and the flow polls to match (`pollPolicy`), so each play
 * function walks a whole sync in a second or two.
 */
const meta = {
  title: 'Flows/MfaFlow walkthroughs',
  component: MfaFlow,
  tags: ['!dev', '!autodocs'],
  args: mfaFlowArgs(true),
  argTypes: mfaFlowArgTypes,
  // Served by the Storybook MSW worker (.storybook/preview.tsx starts it for these stories).
  parameters: { sandbox: true },
  loaders: [sandboxLoader({ scenario: 'realtime_pin' })],
  render: renderMfaFlow,
} satisfies Meta<typeof MfaFlow>;

export default meta;
type Story = StoryObj<typeof meta>;
type Context = Parameters<NonNullable<Story['play']>>[0];

/** Long enough for a few sandbox stages (each 200 ms) and polls; never a fixed sleep. */
const FLOW = { timeout: 8000 };

async function expectDone({ canvas, args }: Context) {
  await expect(await canvas.findByRole('heading', { name: 'You’re verified' }, FLOW)).toBeVisible();
  await waitFor(() => expect(args.onComplete).toHaveBeenCalledTimes(1), FLOW);
}

async function chooseDestination({ canvas, userEvent }: Context, name = 'Text message xxx-xxx-0695') {
  await userEvent.click(await canvas.findByRole('radio', { name }, FLOW));
  await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
}

/** Waits for the PIN field and types the PIN the sandbox "sent" (read from its outbox). */
async function typeSentPin({ canvas, userEvent }: Context, sandbox: StorySandbox, sent = 1) {
  const field = await canvas.findByRole('textbox', { name: 'Enter your pin:' }, FLOW);
  await waitFor(() => expect(sandbox.engine.outbox(sandbox.connectionId)).toHaveLength(sent));
  const pin = sandbox.lastPin();
  if (!pin) throw new Error('the sandbox sent no PIN');
  await userEvent.type(field, pin);
  return field;
}

/** Seconds shown by the countdown (`m:ss`). */
function countdownSeconds({ canvas }: Context): number {
  const [minutes = '0', seconds = '0'] = (canvas.getByRole('timer').textContent ?? '').split(':');
  return Number(minutes) * 60 + Number(seconds);
}

// --- Scenarios ---

/** `no_mfa`: progress, then done. No challenge. */
export const NoMfa: Story = {
  loaders: [sandboxLoader({ scenario: 'no_mfa' })],
  play: async (context) => {
    await expectDone(context);
  },
};

/** `question`: a wrong answer brings the next question; the right one finishes. */
export const Question: Story = {
  loaders: [sandboxLoader({ scenario: 'question' })],
  play: async (context) => {
    const { canvas, userEvent } = context;
    const first = await canvas.findByRole('textbox', { name: 'Which company bought Jin Yang’s app "Not Hotdog"?' }, FLOW);
    await userEvent.type(first, 'Hooli');
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    const second = await canvas.findByRole('textbox', { name: 'What was the name of your first pet?' }, FLOW);
    await userEvent.type(second, 'Rex');
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    await expectDone(context);
  },
};

/** `choices`: plain multiple choice; "42" is right. Continuing with nothing chosen is refused here, not sent. */
export const Choices: Story = {
  loaders: [sandboxLoader({ scenario: 'choices' })],
  play: async (context) => {
    const { canvas, userEvent } = context;
    await canvas.findByRole('radiogroup', { name: 'What is the ultimate answer?' }, FLOW);
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    await expect(await canvas.findByText('Enter an answer.')).toBeVisible();
    await userEvent.click(canvas.getByRole('radio', { name: '42' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    await expectDone(context);
  },
};

/**
 * `realtime_pin`: pick where the PIN goes, then type it before the countdown ends. With
 * `pinLength: 6` the field draws six slots and submits itself when full.
 */
export const RealtimePin: Story = {
  args: { pinLength: 6 },
  loaders: [sandboxLoader({ scenario: 'realtime_pin' })],
  play: async (context) => {
    const sandbox = sandboxOf(context);
    await chooseDestination(context);
    const field = await context.canvas.findByRole('textbox', { name: 'Enter your pin:' }, FLOW);
    await expect(field).toHaveAttribute('autocomplete', 'one-time-code');
    // Two minutes, give or take the half second of the `Date` header's resolution.
    await expect(context.canvas.getByRole('timer', { name: 'Time left' })).toHaveTextContent(/^(2:0[01]|1:5\d)$/);
    await expect(sandbox.engine.outbox(sandbox.connectionId)[0]).toMatchObject({ channel: 'Text', to: 'xxx-xxx-0695' });
    await typeSentPin(context, sandbox);
    await expectDone(context);
  },
};

/** `realtime_pin` with the PIN hidden (`maskPin`) and no known length: no slots, submit by button. */
export const RealtimePinMasked: Story = {
  args: { maskPin: true },
  loaders: [sandboxLoader({ scenario: 'realtime_pin' })],
  play: async (context) => {
    const sandbox = sandboxOf(context);
    await chooseDestination(context, 'Voice call xxx-xxx-5309');
    await typeSentPin(context, sandbox);
    await context.userEvent.click(context.canvas.getByRole('button', { name: 'Continue' }));
    await expectDone(context);
  },
};

/** `captcha`: an image challenge on the clock; the characters come from the sandbox's test aid. */
export const Captcha: Story = {
  loaders: [sandboxLoader({ scenario: 'captcha' })],
  play: async (context) => {
    const { canvas, userEvent } = context;
    const sandbox = sandboxOf(context);
    const field = await canvas.findByRole('textbox', { name: 'Type the characters you see in the picture.' }, FLOW);
    await expect(canvas.getByRole('img', { name: 'Security image: type the characters it shows' })).toHaveAttribute('src', expect.stringMatching(/^data:image\/svg\+xml/));
    await expect(canvas.getByRole('timer')).toBeVisible();
    await userEvent.type(field, sandbox.captchaAnswer() ?? '');
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    await expectDone(context);
  },
};

/** `image_choices`: pick the star among four generated pictures (their order is random). */
export const ImageChoices: Story = {
  loaders: [sandboxLoader({ scenario: 'image_choices' })],
  play: async (context) => {
    const { canvas, userEvent } = context;
    await canvas.findByRole('radiogroup', { name: 'Select your security image (the star).' }, FLOW);
    // Named by its SVG title: found without sight.
    await userEvent.click(canvas.getByRole('radio', { name: 'star' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    await expectDone(context);
  },
};

/** `multi`: two questions and a read-only notice in one form, answered in one POST. */
export const Multi: Story = {
  loaders: [sandboxLoader({ scenario: 'multi' })],
  play: async (context) => {
    const { canvas, userEvent } = context;
    const pet = await canvas.findByRole('textbox', { name: 'What was the name of your first pet?' }, FLOW);
    // A should_answer: false challenge is a notice, not an input.
    await expect(canvas.getByText('First Sandbox Bank will never ask for your PIN by e-mail.')).toHaveAttribute('data-part', 'notice');
    await userEvent.type(pet, 'Rex');
    await userEvent.type(canvas.getByRole('textbox', { name: 'In what city were you born?' }), 'Springfield');
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    await expectDone(context);
  },
};

/** `incorrect_credentials`: the form refuses empty fields, then the right passcode syncs to done. */
export const IncorrectCredentials: Story = {
  loaders: [sandboxLoader({ scenario: 'incorrect_credentials' })],
  play: async (context) => {
    const { canvas, userEvent } = context;
    await canvas.findByRole('heading', { name: 'Sign-in failed' }, FLOW);
    await userEvent.click(canvas.getByRole('button', { name: 'Sign in' }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent('Enter both the username and the password.');
    await userEvent.type(canvas.getByLabelText('Username'), 'jane');
    await userEvent.type(canvas.getByLabelText('Password'), 'correct');
    await userEvent.click(canvas.getByRole('button', { name: 'Sign in' }));
    await expectDone(context);
  },
};

/** `user_config`: the institution's instructions, then a restart once the user has acted. */
export const UserConfig: Story = {
  loaders: [sandboxLoader({ scenario: 'user_config' })],
  play: async (context) => {
    const { canvas, userEvent } = context;
    await canvas.findByRole('heading', { name: 'Action needed at your institution' }, FLOW);
    await expect(canvas.getByText(/accept the new terms of use/)).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'I’ve done this, try again' }));
    await expectDone(context);
  },
};

/** `maintenance`: a failure with nothing to answer; "Try again" restarts and ends the same way. */
export const Maintenance: Story = {
  loaders: [sandboxLoader({ scenario: 'maintenance' })],
  play: async (context) => {
    const { canvas, userEvent, args } = context;
    await canvas.findByRole('heading', { name: 'We couldn’t connect' }, FLOW);
    await expect(canvas.getByText(/The connection stopped \(maintenance\)/)).toBeVisible();
    const failures = () => (args.onEvent as Mock).mock.calls.filter(([name]) => name === 'sync_failed').length;
    const before = failures();
    await userEvent.click(canvas.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(args.onEvent).toHaveBeenCalledWith('sync_restarted', expect.anything()));
    // The restart runs (progress) and ends the same way: a second `sync_failed`, the panel again.
    await waitFor(() => expect(failures()).toBe(before + 1), FLOW);
    await expect(canvas.getByRole('heading', { name: 'We couldn’t connect' })).toBeVisible();
    await expect(args.onComplete).not.toHaveBeenCalled();
  },
};

// --- Time ---

/**
 * The PIN runs out: server time is skipped two minutes ahead (the button, or `clock.advance`),
 * the flow says the PIN expired, and "Send a new PIN" re-sends to the same destination
 * (`autoResend`) so the user only types the new PIN.
 */
export const Expiry: Story = {
  loaders: [sandboxLoader({ scenario: 'realtime_pin', skippable: true })],
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
    const { canvas, userEvent, args } = context;
    const sandbox = sandboxOf(context);
    await chooseDestination(context);
    await canvas.findByRole('textbox', { name: 'Enter your pin:' }, FLOW);
    await userEvent.click(canvas.getByRole('button', { name: 'Skip server time ahead 2 minutes' }));
    await expect(await canvas.findByRole('heading', { name: 'The PIN expired' }, FLOW)).toBeVisible();
    await waitFor(() => expect(args.onExpire).toHaveBeenCalledTimes(1));
    // The confirming read finds the server at `resync`; the panel and its button stay put.
    await waitFor(() => expect(sandbox.engine.state(sandbox.connectionId).status).toBe('resync'));
    await userEvent.click(canvas.getByRole('button', { name: 'Send a new PIN' }));
    await waitFor(() => expect(args.onEvent).toHaveBeenCalledWith('resend_auto', expect.anything()), FLOW);
    await typeSentPin(context, sandbox, 2);
    await expect(sandbox.engine.outbox(sandbox.connectionId)[1]).toMatchObject({ channel: 'Text', to: 'xxx-xxx-0695' });
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    await expectDone(context);
  },
};

/**
 * The server's clock runs five minutes ahead (its `Date` header and `expires`). The kit corrects
 * by the `Date` offset, so the countdown still shows two minutes, not seven.
 */
export const ServerClockAhead: Story = {
  loaders: [sandboxLoader({ scenario: 'realtime_pin', connection: { faults: { clockSkew: { seconds: 300 } } } })],
  play: async (context) => {
    const sandbox = sandboxOf(context);
    await chooseDestination(context);
    await context.canvas.findByRole('textbox', { name: 'Enter your pin:' }, FLOW);
    await expect(countdownSeconds(context)).toBeGreaterThanOrEqual(110);
    await expect(countdownSeconds(context)).toBeLessThanOrEqual(121);
    await typeSentPin(context, sandbox);
    await context.userEvent.click(context.canvas.getByRole('button', { name: 'Continue' }));
    await expectDone(context);
  },
};

/** The server's clock runs five minutes behind: without the correction the PIN would read as expired on arrival. */
export const ServerClockBehind: Story = {
  loaders: [sandboxLoader({ scenario: 'realtime_pin', connection: { faults: { clockSkew: { seconds: -300 } } } })],
  play: ServerClockAhead.play,
};

// --- Faults (the sync is already running, so the faults hit the flow's reads) ---

const running = { autoStart: false } as const;

/** 429 with `Retry-After: 1`: "Retrying…", exactly one second later the read succeeds. */
export const RateLimited: Story = {
  args: running,
  loaders: [sandboxLoader({ scenario: 'no_mfa', connection: { start: true, faults: { status429: { retryAfterSeconds: 1, times: 1 } } } })],
  play: async (context) => {
    await expect(await context.canvas.findByText('Connection trouble. Retrying…', {}, FLOW)).toBeVisible();
    await expectDone(context);
    await expect(context.args.onEvent).toHaveBeenCalledWith('retrying', expect.objectContaining({ errorKind: 'rate_limited' }));
  },
};

/** Two 500s, then recovery with backoff. */
export const ServerError: Story = {
  args: running,
  loaders: [sandboxLoader({ scenario: 'no_mfa', connection: { start: true, faults: { status500: { times: 2 } } } })],
  play: async (context) => {
    await expect(await context.canvas.findByText('Connection trouble. Retrying…', {}, FLOW)).toBeVisible();
    await expectDone(context);
    await expect(context.args.onEvent).toHaveBeenCalledWith('retrying', expect.objectContaining({ errorKind: 'server', attempt: 2 }));
  },
};

/** A proxy's 502 HTML page (not JSON) twice: survived, retried, recovered. */
export const BadGatewayHtml: Story = {
  args: running,
  loaders: [sandboxLoader({ scenario: 'no_mfa', connection: { start: true, faults: { status502: { times: 2 } } } })],
  play: async (context) => {
    await expect(await context.canvas.findByText('Connection trouble. Retrying…', {}, FLOW)).toBeVisible();
    await expectDone(context);
    await expect(context.args.onEvent).toHaveBeenCalledWith('retrying', expect.objectContaining({ errorKind: 'server' }));
  },
};

/** A 200 whose JSON is cut in half: an invalid response, retried like a network error. */
export const MalformedJson: Story = {
  args: running,
  loaders: [sandboxLoader({ scenario: 'no_mfa', connection: { start: true, faults: { malformedJson: { times: 2 } } } })],
  play: async (context) => {
    await expect(await context.canvas.findByText('Connection trouble. Retrying…', {}, FLOW)).toBeVisible();
    await expectDone(context);
    await expect(context.args.onEvent).toHaveBeenCalledWith('retrying', expect.objectContaining({ errorKind: 'invalid_response' }));
  },
};

/**
 * Every request dropped (no response at all): after `maxRetries` the flow says it is offline
 * and offers "Try again"; once the network is back, that read carries the flow to done.
 */
export const Offline: Story = {
  args: { ...running, maxRetries: 2 },
  loaders: [sandboxLoader({ scenario: 'no_mfa', connection: { start: true, faults: { drop: {} } } })],
  play: async (context) => {
    const { canvas, userEvent, args } = context;
    const sandbox = sandboxOf(context);
    await expect(await canvas.findByText('You’re offline. We’ll continue when you’re back online.', {}, FLOW)).toBeVisible();
    await expect(args.onError).toHaveBeenCalledWith(expect.objectContaining({ kind: 'network' }));
    sandbox.engine.setFaults({}, sandbox.connectionId);
    // Two "Try again" buttons show here (the notice's read and the failed panel's restart); see
    // the Storybook report. The notice's comes first.
    const [retryRead] = canvas.getAllByRole('button', { name: 'Try again' });
    if (!retryRead) throw new Error('no Try again button');
    await userEvent.click(retryRead);
    await expectDone(context);
  },
};

/** The browser reports going offline while the user answers, then back online: the notice comes and goes. */
export const BrowserOffline: Story = {
  loaders: [sandboxLoader({ scenario: 'question' })],
  play: async (context) => {
    const { canvas, userEvent } = context;
    const field = await canvas.findByRole('textbox', { name: 'Which company bought Jin Yang’s app "Not Hotdog"?' }, FLOW);
    window.dispatchEvent(new Event('offline'));
    await expect(await canvas.findByText('You’re offline. We’ll continue when you’re back online.')).toBeVisible();
    window.dispatchEvent(new Event('online'));
    await waitFor(() => expect(canvas.queryByText('You’re offline. We’ll continue when you’re back online.')).toBeNull());
    await userEvent.type(field, 'Periscope');
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    await expectDone(context);
  },
};
