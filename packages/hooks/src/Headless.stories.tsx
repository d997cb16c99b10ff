import type { Challenge } from '@mfa-kit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, waitFor } from 'storybook/test';
import { sandboxLoader, sandboxOf, STORY_POLL_POLICY } from '../../../.storybook/sandbox';
import { useCountdown, useMfaChallenge, type UseMfaChallengeOptions, type UseMfaChallengeResult } from './index';

/**
 * A complete MFA UI built from the hooks alone: plain elements, no `@mfa-kit/components`, no
 * class names. Roles, names, ids, keyboard handling and the one-time-code input all come from
 * the prop getters.
 */
function Field({ mfa, challenge }: { mfa: UseMfaChallengeResult; challenge: Challenge }) {
  const ids = mfa.getIds(challenge.id);
  const refused = mfa.refusals[challenge.id];
  const error = refused ? <p id={ids.error}>Check this answer ({refused}).</p> : null;
  if (challenge.kind === 'choice') {
    return (
      <div>
        <p id={ids.label}>{challenge.prompt}</p>
        <div {...mfa.getChoiceGroupProps({ challenge })} style={{ display: 'grid', gap: 4 }}>
          {challenge.choices.map((choice) => {
            const props = mfa.getChoiceProps({ challenge, choice });
            return (
              <div key={choice.key} {...props} style={{ padding: 4, border: '1px solid', borderWidth: props['aria-checked'] ? 3 : 1 }}>
                {choice.category ? `${choice.category}: ` : ''}
                {choice.value}
              </div>
            );
          })}
        </div>
        {error}
      </div>
    );
  }
  const isPin = challenge.kind === 'text' && challenge.deadline !== null;
  return (
    <div>
      {challenge.kind === 'captcha' ? <img {...mfa.getCaptchaImageProps({ challenge })} /> : null}
      <label id={ids.label} htmlFor={ids.input}>
        {challenge.prompt}
      </label>{' '}
      <input {...mfa.getCodeInputProps({ challenge, ...(isPin ? { format: 'numeric' as const, length: 6 } : {}) })} readOnly={!challenge.shouldAnswer} />
      {error}
    </div>
  );
}

interface HeadlessMfaProps extends UseMfaChallengeOptions {
  /** The connection to sync. */
  connectionId: number;
}

function HeadlessMfa({ connectionId, ...options }: HeadlessMfaProps) {
  const mfa = useMfaChallenge(connectionId, options);
  // Only this component re-renders every second, from the deadline and the server-clock estimate.
  const countdown = useCountdown(mfa.deadline, { clock: mfa.clock });
  const { step } = mfa;
  return (
    <section aria-label="Verify your identity (headless)">
      {mfa.connectivity !== 'online' ? <p role="status">Reconnecting…</p> : null}
      {step.type === 'idle' || step.type === 'wait' ? <p role="status">{step.type === 'wait' ? (step.progress.message ?? 'Working…') : 'Starting…'}</p> : null}
      {step.type === 'answer' ? (
        <form {...mfa.getFormProps()}>
          {mfa.challenges.map((c) => (
            <Field key={c.id} mfa={mfa} challenge={c} />
          ))}
          {mfa.deadline !== null ? (
            <p>
              <span id="headless-timer-label">Time left</span>{' '}
              <span role="timer" aria-labelledby="headless-timer-label" data-state={countdown.status}>
                {countdown.formatted}
              </span>
            </p>
          ) : null}
          <button {...mfa.getSubmitProps()}>Continue</button>
        </form>
      ) : null}
      {step.type === 'restart' || step.type === 'expired' ? (
        <button type="button" onClick={mfa.restart}>
          Send a new code
        </button>
      ) : null}
      {step.type === 'done' ? <p role="status">Your account is connected.</p> : null}
      {step.type === 'failed' ? (
        <button type="button" onClick={mfa.restart}>
          Try again
        </button>
      ) : null}
      <p aria-live="polite">{countdown.announcement?.text}</p>
    </section>
  );
}

const meta = {
  title: 'Hooks/Headless',
  component: HeadlessMfa,
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
    const first = await canvas.findByRole('radio', { name: 'Voice: xxx-xxx-0695' }, timeout);
    await userEvent.click(first);
    await userEvent.keyboard('{ArrowDown}');
    await expect(canvas.getByRole('radio', { name: 'Text: xxx-xxx-0695' })).toHaveAttribute('aria-checked', 'true');
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
