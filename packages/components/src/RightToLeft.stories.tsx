import type { ServerClock } from '@mfa-kit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, waitFor } from 'storybook/test';
import { answerAndSettle, sandboxLoader, sandboxOf, startAndSettle, STORY_POLL_POLICY } from '../../../.storybook/sandbox';
import { Countdown } from './Countdown';
import { messagesAr } from './messagesAr';
import { MfaFlow } from './MfaFlow';
import { MfaMessagesProvider } from './MfaMessagesProvider';

/**
 * Right to left: the kit inside `<div dir="rtl" lang="ar">` with the Arabic catalogue, as an
 * Arabic-speaking partner page would have it. The layout mirrors (a choice card's indicator on
 * the right, text aligned right) while what reads left to right in Arabic too stays so: the PIN
 * slots and field, the countdown's `m:ss`, masked numbers.
 */
const meta = {
  title: 'Right-to-left (Arabic)',
  component: MfaFlow,
  // Each story's sandbox is already at its moment (`prepare`); the flow follows it.
  args: { connectionId: 0, baseUrl: '', autoStart: false, pollPolicy: STORY_POLL_POLICY, pinLength: 6, messages: messagesAr, locale: 'ar' },
  argTypes: { connectionId: { control: false }, baseUrl: { control: false }, pollPolicy: { control: false }, messages: { control: false } },
  parameters: { sandbox: true },
  loaders: [sandboxLoader({ scenario: 'realtime_pin', prepare: (sandbox) => startAndSettle(sandbox) })],
  render: (args, context) => {
    const sandbox = sandboxOf(context);
    return (
      <div dir="rtl" lang="ar">
        <MfaFlow key={sandbox.baseUrl} {...args} connectionId={sandbox.connectionId} baseUrl={sandbox.baseUrl} clock={sandbox.flowClock ?? args.clock} />
      </div>
    );
  },
} satisfies Meta<typeof MfaFlow>;

export default meta;
type Story = StoryObj<typeof meta>;
type Context = Parameters<NonNullable<Story['play']>>[0];

const FLOW = { timeout: 8000 };

/** The kit's root is laid out right to left because of the ancestor's `dir`. */
async function expectRtl(canvasElement: HTMLElement) {
  const root = canvasElement.querySelector<HTMLElement>('[data-part="flow"], [data-part="countdown"]');
  await expect(root?.closest('[dir]')).toHaveAttribute('dir', 'rtl');
  await expect(getComputedStyle(root!).direction).toBe('rtl');
}

/** Chooses the text destination and continues, in Arabic. */
async function chooseText({ canvas, userEvent }: Context) {
  await userEvent.click(await canvas.findByRole('radio', { name: /رسالة نصية.*xxx-xxx-0695/ }, FLOW));
  await userEvent.click(canvas.getByRole('button', { name: 'متابعة' }));
}

/**
 * The destination picker: each card's radio indicator and icon are at the inline start, which
 * right to left is the right edge; the masked number still reads `xxx-xxx-0695`.
 */
export const ChoiceStage: Story = {
  name: 'Right-to-left (Arabic): choice stage',
  play: async ({ canvas, canvasElement }) => {
    await canvas.findByRole('heading', { name: 'تأكيد هويتك' }, FLOW);
    const card = (await canvas.findAllByRole('radio', {}, FLOW))[0]!;
    await expectRtl(canvasElement);
    const cardBox = card.getBoundingClientRect();
    const indicator = card.querySelector('[data-part="choice-indicator"]')!.getBoundingClientRect();
    const value = card.querySelector('[data-part="choice-value"]')!;
    // The indicator hugs the card's right edge (its padding and border away), left of nothing.
    await expect(cardBox.right - indicator.right).toBeLessThan(24);
    await expect(indicator.left).toBeGreaterThan(value.getBoundingClientRect().right);
    await expect(getComputedStyle(value).direction).toBe('ltr');
    await expect(value).toHaveTextContent('xxx-xxx-0695');
  },
};

/**
 * The PIN stage checks: the slots are drawn left to right and fill left to right (a code is not
 * mirrored), placed at the inline start; the countdown reads `m:ss`. Types the first four digits.
 */
async function checkPinStage(context: Context) {
  const { canvas, canvasElement, userEvent } = context;
  const sandbox = sandboxOf(context);
  const field = await canvas.findByRole('textbox', { name: 'Enter your pin:' }, FLOW);
  await expectRtl(canvasElement);
  await waitFor(() => expect(sandbox.engine.outbox(sandbox.connectionId)).toHaveLength(1));
  const pin = sandbox.lastPin() ?? '';
  await userEvent.type(field, pin.slice(0, 4));
  await expect(getComputedStyle(field).direction).toBe('ltr');
  const slots = [...canvasElement.querySelectorAll<HTMLElement>('[data-part="pin-slot"]')];
  await expect(slots).toHaveLength(6);
  const lefts = slots.map((slot) => slot.getBoundingClientRect().left);
  await expect([...lefts].sort((a, b) => a - b)).toEqual(lefts);
  const byScreen = [...slots].sort((a, b) => a.getBoundingClientRect().left - b.getBoundingClientRect().left);
  await expect(byScreen.map((slot) => slot.textContent).join('')).toBe(pin.slice(0, 4));
  const control = canvasElement.querySelector('[data-part="pin-control"]')!.getBoundingClientRect();
  await expect(control.right - slots.at(-1)!.getBoundingClientRect().right).toBeLessThan(2);
  const timer = canvas.getByRole('timer', { name: 'الوقت المتبقي' });
  await expect(getComputedStyle(timer).direction).toBe('ltr');
  await expect(timer).toHaveTextContent(/^(2:0[01]|1:5\d)$/);
  return { field, pin };
}

/** The PIN stage, four digits typed: opens there (the text destination already chosen). */
export const PinStage: Story = {
  name: 'Right-to-left (Arabic): PIN stage',
  loaders: [
    sandboxLoader({
      scenario: 'realtime_pin',
      prepare: (sandbox) => {
        startAndSettle(sandbox);
        answerAndSettle(sandbox, [1]);
      },
    }),
  ],
  play: async (context) => {
    await checkPinStage(context);
  },
};

/**
 * The walk from the start, in Arabic: choose the text destination, the PIN stage as above, and
 * typing the rest submits, to the Arabic done panel. A test (`!dev`), not in the catalogue.
 */
export const PinStageWalkthrough: Story = {
  name: 'Right-to-left (Arabic): PIN stage, walked to the end',
  tags: ['!dev', '!autodocs'],
  args: { autoStart: true },
  loaders: [sandboxLoader({ scenario: 'realtime_pin' })],
  play: async (context) => {
    await chooseText(context);
    const { field, pin } = await checkPinStage(context);
    await context.userEvent.type(field, pin.slice(4));
    await expect(await context.canvas.findByRole('heading', { name: 'تمّ التحقق من هويتك' }, FLOW)).toBeVisible();
  },
};

/** The server's "now" for the countdown story: the documentation's example day. */
const SERVER_NOW = Date.UTC(2018, 0, 28, 13, 0, 0);

function CountdownRtl() {
  const [clock] = useState<ServerClock>(() => {
    const offsetMs = SERVER_NOW - Date.now();
    return { observe: () => {}, offsetMs, errorMs: 0, now: (localNow = Date.now()) => localNow + offsetMs, subscribe: () => () => {} };
  });
  return (
    <div dir="rtl" lang="ar">
      <MfaMessagesProvider messages={messagesAr} locale="ar">
        <Countdown deadline={SERVER_NOW + 90_000} clock={clock} />
      </MfaMessagesProvider>
    </div>
  );
}

/**
 * The countdown right to left: the caption "الوقت المتبقي" at the inline start (right), the time
 * after it to the left, itself read left to right (`1:30`, not `30:1`).
 */
export const CountdownStage: Story = {
  name: 'Right-to-left (Arabic): countdown',
  parameters: { sandbox: false },
  render: () => <CountdownRtl />,
  play: async ({ canvas, canvasElement }) => {
    const timer = canvas.getByRole('timer', { name: 'الوقت المتبقي' });
    await expectRtl(canvasElement);
    await expect(timer).toHaveTextContent(/^1:(30|29)$/);
    await expect(getComputedStyle(timer).direction).toBe('ltr');
    const label = canvasElement.querySelector('[data-part="countdown-label"]')!.getBoundingClientRect();
    await expect(label.left).toBeGreaterThan(timer.getBoundingClientRect().right);
  },
};
