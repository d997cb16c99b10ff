import { hookMessagesEn, type MfaHookMessages } from '@mfa-kit/hooks';
/**
 * Every word `@mfa-kit/components` shows or announces. Strings are plain text; functions build
 * text from values (and the locale, for numbers and durations through `Intl`).
 */
export interface MfaMessages extends MfaHookMessages {
  /** Heading of the flow while a challenge is shown. */
  title: string;
  /** Progress panel heading while the sync runs. */
  progressTitle: string;
  /** Progress text when the server gave no message. */
  progressFallback: string;
  /** Accessible name of the progress bar. */
  progressLabel: string;
  /** Shown before the first response. */
  connecting: string;
  /** Submit button of a challenge form. */
  submit: string;
  /** Submit button while the answer is being sent. */
  submitting: string;
  /** Legend of the destination picker when the challenge has no question text. */
  choiceFallbackLabel: string;
  /** The category name read with a destination (`Text`, `Voice`, `Email`). */
  categoryName: (category: 'text' | 'voice' | 'email' | 'other', raw: string | null) => string;
  /** Hint under a PIN field. */
  pinHint: string;
  /** Label of the captcha answer field when the challenge has no question text. */
  captchaLabel: string;
  /** Shown instead of a captcha image that is unsafe or failed to load. */
  captchaUnavailable: string;
  /** Button that asks for a new captcha image (restarts the sync). */
  captchaNewImage: string;
  /** Shown instead of an image option that is unsafe or failed to load (1-based). */
  imageChoiceUnavailable: (index: number) => string;
  /** Label of a free-text answer when the challenge has no question text. */
  questionFallbackLabel: string;
  /** Countdown caption. */
  countdownLabel: string;
  /**
   * Spoken when time is running out; `time` is a localized duration (`formatDuration`). When the
   * caller also passes the seconds and the locale, a catalogue may make its verb agree with the
   * count (`durationPlural`); without them it must still read correctly for any count.
   */
  countdownAnnouncement: (time: string, seconds?: number, locale?: string) => string;
  /** Spoken and shown when the time is up. */
  countdownExpired: string;
  /** Shown (not by colour alone) in the countdown's warning state, from `seconds` before the end. */
  countdownWarning: (seconds: number) => string;
  /** Shown and spoken when the bank asks the same challenge again after an answer (it was not accepted). */
  answerNotAccepted: string;
  /** Shown and spoken when another challenge of the same kind follows an answer. */
  askedAgain: string;
  /** Spoken after a refused submit: how many answers need attention. */
  refusalSummary: (count: number) => string;
  /** The action for people who cannot see a CAPTCHA or picture choices. */
  cantSeeImages: string;
  /** Shown after `cantSeeImages`: what the protocol allows. */
  cantSeeImagesHelp: string;
  /** A localized duration (`1 minute, 5 seconds`). */
  formatDuration: (seconds: number, locale: string) => string;
  /** Expired panel heading (a realtime challenge ran out of time). */
  expiredTitle: string;
  /** Expired panel body. */
  expiredBody: string;
  /** Button that restarts after expiry, re-sending to the same destination when possible. */
  resend: string;
  /** Restart panel heading (`resync`). */
  restartTitle: string;
  /** Restart panel body. */
  restartBody: string;
  /** Generic restart button. */
  restart: string;
  /** Credentials form heading (`incorrect_credentials`). */
  credentialsTitle: string;
  /** Credentials form explanation. */
  credentialsBody: string;
  /** Username field label. */
  username: string;
  /** Password field label. */
  passcode: string;
  /** Credentials submit button. */
  credentialsSubmit: string;
  /** Shown when a credentials field is left empty. */
  credentialsRequired: string;
  /** Config panel heading (`user_config`). */
  configTitle: string;
  /** Config body when the institution gave no instructions. */
  configFallback: string;
  /** Button after following the instructions. */
  configDone: string;
  /** Done panel heading. */
  doneTitle: string;
  /** Done panel body. */
  doneBody: string;
  /** Failed panel heading. */
  failedTitle: string;
  /** Failed panel body; `status` is the server's raw status. */
  failedBody: (status: string) => string;
  /** Retry button. */
  retry: string;
  /** Notice while requests are being retried. */
  retrying: string;
  /** Notice while offline (the network cannot be reached). */
  offline: string;
  /** Notice while the server answers with failures (not the user's network). */
  serverError: string;
  /** Why an answer was refused locally. */
  refusal: (reason: 'missing' | 'empty' | 'unknown_choice' | 'expired' | 'not_answerable' | 'wrong_type') => string;
  /** A request failed for good; `kind` is the error kind. */
  requestError: (kind: string) => string;
  /**
   * The partner's backend refused this page (error kind `configuration`: its `Origin` or `Host`
   * is not allowed there). For the user: the page cannot reach the verification service, and
   * trying again will not help. Shown instead of `requestError` and `failedBody`.
   */
  configurationError: string;
}

/** Spell out a duration with `Intl` (`1 minute, 5 seconds`, `1 minuto y 5 segundos`). */
export function formatDurationIntl(seconds: number, locale: string): string {
  const s = Math.max(0, Math.ceil(seconds));
  const minutes = Math.floor(s / 60);
  const rest = s % 60;
  const unit = (value: number, u: 'minute' | 'second') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'long' }).format(value);
  const parts: string[] = [];
  if (minutes > 0) parts.push(unit(minutes, 'minute'));
  if (rest > 0 || minutes === 0) parts.push(unit(rest, 'second'));
  return parts.length > 1 ? new Intl.ListFormat(locale, { style: 'long', type: 'unit' }).format(parts) : (parts[0] ?? '');
}

/**
 * The plural category (`Intl.PluralRules`) a sentence about a duration agrees with: that of the
 * count when the duration is one unit (`1 minute`, `30 seconds`), `other` when it is two units
 * joined (`1 minute and 5 seconds` is plural in every catalogue's language). For catalogues whose
 * verb agrees with the number ("Queda 1 minuto" / "Quedan 30 segundos").
 */
export function durationPlural(seconds: number, locale: string): Intl.LDMLPluralRule {
  const s = Math.max(0, Math.ceil(seconds));
  if (s >= 60 && s % 60 !== 0) return 'other';
  return new Intl.PluralRules(locale).select(s >= 60 ? s / 60 : s);
}

/** The English catalogue: the default. */
export const messagesEn: MfaMessages = {
  // The hooks' words (alt text), the same English whichever layer shows them.
  ...hookMessagesEn,
  title: 'Verify it’s you',
  progressTitle: 'Connecting to your institution',
  progressFallback: 'Please wait…',
  progressLabel: 'Sync progress',
  connecting: 'Connecting…',
  submit: 'Continue',
  submitting: 'Sending…',
  choiceFallbackLabel: 'Choose an option',
  categoryName: (category, raw) =>
    category === 'text' ? 'Text message' : category === 'voice' ? 'Voice call' : category === 'email' ? 'Email' : (raw ?? ''),
  pinHint: 'Enter the PIN we sent you. You can paste it.',
  captchaLabel: 'Type the characters in the image',
  captchaUnavailable: 'The security image can’t be shown. Get a new one to continue.',
  captchaNewImage: 'Get a new image',
  imageChoiceUnavailable: (index) => `Option ${index}: image unavailable`,
  questionFallbackLabel: 'Your answer',
  countdownLabel: 'Time left',
  countdownAnnouncement: (time) => `${time} left to answer.`,
  countdownExpired: 'Time is up.',
  countdownWarning: (seconds) => `Less than ${seconds} seconds left`,
  answerNotAccepted: 'That answer wasn’t accepted. Please try again.',
  askedAgain: 'Your bank asked another question.',
  refusalSummary: (count) => (new Intl.PluralRules('en').select(count) === 'one' ? 'One answer needs your attention.' : `${count} answers need your attention.`),
  cantSeeImages: 'I can’t see the images',
  cantSeeImagesHelp: 'This bank only offers a picture check here, and it can’t be swapped for another kind. Ask the people who gave you this app for another way to connect your account.',
  formatDuration: formatDurationIntl,
  expiredTitle: 'The PIN expired',
  expiredBody: 'For your security, a PIN only works for a short time.',
  resend: 'Send a new PIN',
  restartTitle: 'Let’s try that again',
  restartBody: 'The verification timed out. Start again to get a new challenge.',
  restart: 'Start again',
  credentialsTitle: 'Sign-in failed',
  credentialsBody: 'Your institution did not accept the username or password. Enter them again.',
  username: 'Username',
  passcode: 'Password',
  credentialsSubmit: 'Sign in',
  credentialsRequired: 'Enter both the username and the password.',
  configTitle: 'Action needed at your institution',
  configFallback: 'Sign in to your institution’s website and follow its instructions.',
  configDone: 'I’ve done this, try again',
  doneTitle: 'You’re verified',
  doneBody: 'Your account is connected.',
  configurationError: 'This page can’t reach the verification service. The site needs to fix its setup.',
  failedTitle: 'We couldn’t connect',
  failedBody: (status) => `The connection stopped (${status.replace(/_/g, ' ')}). Try again in a moment.`,
  retry: 'Try again',
  retrying: 'Connection trouble. Retrying…',
  offline: 'You’re offline. We’ll continue when you’re back online.',
  serverError: 'The bank’s service is having trouble. We’ll keep trying.',
  refusal: (reason) =>
    ({
      missing: 'Enter an answer.',
      empty: 'Enter an answer.',
      unknown_choice: 'Choose one of the options.',
      expired: 'This PIN has expired.',
      not_answerable: 'This question doesn’t need an answer.',
      wrong_type: 'This answer isn’t valid here.',
    })[reason],
  requestError: (kind) =>
    kind === 'challenge_expired'
      ? 'The PIN expired before it reached us.'
      : kind === 'answer_too_long'
        ? 'That answer is too long. Check it and enter it again.'
        : kind === 'network' || kind === 'timeout'
          ? 'We couldn’t reach the server. Check your connection and try again.'
          : 'Something went wrong. Try again.',
};
