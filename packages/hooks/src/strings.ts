import type { CountdownAnnouncementEvent } from './types';

/**
 * The words the hooks themselves put into the DOM: the alt text of images. The drop-in
 * components' catalogue (`MfaMessages` in `@mfa-kit/components`) includes these keys, so one
 * override (`<MfaFlow messages>`) changes both; with the hooks alone pass
 * `useMfaChallenge(id, { messages })`. A caller's own `alt` prop always wins.
 */
export interface MfaHookMessages {
  /** `alt` of a CAPTCHA image. @default "Security image: type the characters it shows" */
  captchaAlt: string;
  /** `alt` of an image choice without a caption, by its 1-based position. @default "Image option 2 of 4" */
  imageChoiceAlt: (position: number, count: number) => string;
}

/** The English {@link MfaHookMessages}. */
export const hookMessagesEn: MfaHookMessages = {
  captchaAlt: 'Security image: type the characters it shows',
  imageChoiceAlt: (position, count) => `Image option ${position} of ${count}`,
};

/** Reads whole seconds as English words: "2 minutes", "1 minute 5 seconds", "45 seconds". */
export function describeSeconds(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  // Whole numbers only: in English, 1 alone is singular.
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  const minutes = part(Math.floor(s / 60), 'minute');
  return s < 60 ? part(s, 'second') : s % 60 ? `${minutes} ${part(s % 60, 'second')}` : minutes;
}

/**
 * The default English countdown announcement:
 * - appeared: "You have 2 minutes to answer."
 * - threshold: "1 minute left." / "30 seconds left."
 * - expired: "Time is up. Send a new PIN."
 */
export function defaultCountdownAnnouncement({ reason, secondsLeft }: CountdownAnnouncementEvent): string {
  return reason === 'expired'
    ? 'Time is up. Send a new PIN.'
    : reason === 'appeared'
      ? `You have ${describeSeconds(secondsLeft)} to answer.`
      : `${describeSeconds(secondsLeft)} left.`;
}
