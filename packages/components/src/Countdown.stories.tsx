import type { ServerClock } from '@mfa-kit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState, type ComponentType } from 'react';
import { expect, fn } from 'storybook/test';
import { Countdown, type CountdownProps } from './Countdown';

/** The server's "now" for every story: the documentation's example day. */
const SERVER_NOW = Date.UTC(2018, 0, 28, 13, 0, 0);

/**
 * A ServerClock-like object that reads `serverNow` at the moment it is made and runs from there,
 * as the kit's estimate would after one `Date` header. Whatever the browser's clock says, a
 * deadline `n` seconds after `serverNow` starts at exactly `n` seconds.
 */
function serverClockAt(serverNow: number): ServerClock {
  const offsetMs = serverNow - Date.now();
  return { observe: () => {}, offsetMs, errorMs: 0, now: (localNow = Date.now()) => localNow + offsetMs, subscribe: () => () => {} };
}

interface CountdownStoryArgs extends Omit<CountdownProps, 'deadline' | 'clock'> {
  /** Seconds between the server's now and the deadline (negative: already past). */
  secondsLeft: number;
}

function CountdownAtServerTime({ secondsLeft, ...props }: CountdownStoryArgs) {
  const [clock] = useState(() => serverClockAt(SERVER_NOW));
  return <Countdown {...props} deadline={SERVER_NOW + secondsLeft * 1000} clock={clock} />;
}

const meta = {
  title: 'Components/Countdown',
  // The stories set `secondsLeft` instead of `deadline` and `clock`; the docs still read Countdown's props.
  component: Countdown as unknown as ComponentType<CountdownStoryArgs>,
  args: { secondsLeft: 90, warningMs: 20_000, onStatusChange: fn() },
  argTypes: {
    secondsLeft: { control: { type: 'range', min: -5, max: 180, step: 1 } },
    announceAt: { control: 'object' },
  },
  render: (args) => <CountdownAtServerTime key={args.secondsLeft} {...args} />,
} satisfies Meta<CountdownStoryArgs>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Plenty of time: `data-state="running"`. The display is a silent `role="timer"`. */
export const Running: Story = {
  play: async ({ canvas, canvasElement, args }) => {
    await expect(canvas.getByRole('timer', { name: 'Time left' })).toHaveTextContent(/^1:(30|29)$/);
    await expect(canvasElement.querySelector('[data-part="countdown"]')).toHaveAttribute('data-state', 'running');
    await expect(args.onStatusChange).toHaveBeenCalledWith('running');
  },
};

/** The last 20 seconds: `data-state="warning"`. */
export const Warning: Story = {
  args: { secondsLeft: 15 },
  play: async ({ canvas, canvasElement }) => {
    await expect(canvas.getByRole('timer')).toHaveTextContent(/^0:1[45]$/);
    await expect(canvasElement.querySelector('[data-part="countdown"]')).toHaveAttribute('data-state', 'warning');
  },
};

/** Time is up: `0:00`, and "Time is up." in the assertive live region. */
export const Expired: Story = {
  args: { secondsLeft: -1 },
  play: async ({ canvas, canvasElement }) => {
    await expect(canvas.getByRole('timer')).toHaveTextContent('0:00');
    await expect(canvasElement.querySelector('[data-part="countdown"]')).toHaveAttribute('data-state', 'expired');
    await expect(canvasElement.querySelector('[data-part="countdown-alert"]')).toHaveTextContent('Time is up.');
  },
};

/** Two minutes, as a realtime PIN starts. */
export const TwoMinutes: Story = { args: { secondsLeft: 120 } };

/** A caption of the partner's own. */
export const CustomLabel: Story = { args: { label: 'Code valid for' } };
