/**
 * Right-to-left screenshots: the parts the RTL stories check (a destination picker, the PIN
 * slots, the countdown) in Arabic inside `dir="rtl"`, frozen (a fixed clock, a fixed value) so
 * each run draws the same pixels. The stories (src/RightToLeft.stories.tsx) assert the geometry;
 * these catch what assertions miss (an icon flipped, a misaligned label).
 */
import type { ServerClock } from '@mfa-kit/core';
import { createRoot, type Root } from 'react-dom/client';
import { act, type ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import '../src/styles.css';
import { ChoicePicker } from '../src/ChoicePicker';
import { Countdown } from '../src/Countdown';
import { messagesAr } from '../src/messagesAr';
import { MfaMessagesProvider } from '../src/MfaMessagesProvider';
import { PinInput } from '../src/PinInput';
import { comparison, declareChromiumMismatch } from './screenshotComparison';

const NOW = Date.UTC(2018, 0, 28, 13, 0, 0);
/** A clock that never moves (whatever the local time): the countdown shows 1:30 for good. */
const frozen: ServerClock = {
  observe: () => {},
  get offsetMs() {
    return NOW - Date.now();
  },
  errorMs: 0,
  now: () => NOW,
  subscribe: () => () => {},
};

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = '';
});

async function show(node: ReactNode): Promise<HTMLElement> {
  const host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  await act(async () => {
    root!.render(
      <div dir="rtl" lang="ar" data-testid="frame" style={{ padding: 16, width: 360, background: '#fff' }}>
        <MfaMessagesProvider messages={messagesAr} locale="ar">
          {node}
        </MfaMessagesProvider>
      </div>,
    );
  });
  await document.fonts.ready;
  return host;
}

const CHOICES = [
  { key: 1, value: 'xxx-xxx-0695', category: 'Text' },
  { key: 0, value: 'xxx-xxx-0695', category: 'Voice' },
];

describe('right to left (Arabic)', () => {
  declareChromiumMismatch();

  it('destination cards: indicator and icon at the right, number left to right', async () => {
    await show(<ChoicePicker label="أين نرسل الرمز؟" choices={CHOICES} value={1} />);
    await expect.element(page.getByTestId('frame')).toMatchScreenshot('rtl-choice-stage', comparison);
  });

  it('PIN slots: drawn and filled left to right, at the inline start', async () => {
    await show(<PinInput label="أدخل الرمز" length={6} value="1234" onChange={() => {}} />);
    await expect.element(page.getByTestId('frame')).toMatchScreenshot('rtl-pin-stage', comparison);
  });

  it('countdown: caption at the right, 1:30 read left to right', async () => {
    // 89.5 s: shown as 1:30 (whole seconds round up) whatever the few ms between two clock reads.
    await show(<Countdown deadline={NOW + 89_500} clock={frozen} />);
    await expect.element(page.getByTestId('frame')).toMatchScreenshot('rtl-countdown', comparison);
  });
});
