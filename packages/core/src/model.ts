/**
 * The normalized model of a Quovo v3 sync. Every wire quirk (three envelopes, `questions` for
 * `challenges`, `type: "question"` carrying choices, four image forms, `expires` with or without
 * an offset) is resolved by the lenient schemas (schemas.ts); everything above core sees only
 * these types. The types that describe the wire itself are inferred from the zod schemas there,
 * and re-exported here.
 */
import type { ImageInput } from './schemas';

export type { AnswerBody, ImageInput, WireAnswer } from './schemas';

/** The statuses Quovo documents. Any other string is kept verbatim in {@link SyncState.status}. */
export type KnownSyncStatus =
  | 'syncing'
  | 'challenges'
  | 'good'
  | 'resync'
  | 'incorrect_credentials'
  | 'user_config';

/**
 * A sync status: a documented one, or an unknown string kept exactly as the server sent it
 * (`"maintenance"`, `"postponed"`, …). `questions` from older material is read as `challenges`.
 */
export type SyncStatus = KnownSyncStatus | (string & {});

/** Where the sync is, as far as the server told us. */
export interface SyncProgress {
  /** The server's own stage name (`queued`, `authenticating`, …), or `null` when absent. */
  state: string | null;
  /** 0–100, clamped; `null` when the server did not say. */
  percent: number | null;
  /** A human message from the server, as text; `null` when absent. */
  message: string | null;
}

/**
 * An option's key, in the type the server sent it: a number (`0`), or an integer written as a
 * string (`"0"`), which is answered as that same string.
 */
export type ChoiceKey = number | string;

/** One option of a `choice` challenge: a PIN destination or an ordinary answer. */
export interface Choice {
  /** The key to send back as the answer, as the server sent it. */
  key: ChoiceKey;
  /** What to show: a masked destination (`xxx-xxx-0695`) or an answer option. Text, never HTML. */
  value: string;
  /** `Voice`, `Text`, an e-mail style category, another string, or `null`. */
  category: string | null;
}

/** One option of an `imageChoice` challenge. */
export interface ImageChoice {
  /** The key to send back as the answer, as the server sent it. */
  key: ChoiceKey;
  /** The image as received (see {@link ImageInput}); run it through `toSafeImageSrc` before rendering. */
  image: ImageInput;
  /** Optional caption text supplied with the option. */
  label: string | null;
}

/** Fields every challenge shares. */
interface ChallengeBase {
  /** The challenge id to answer with. */
  id: number;
  /** The connection the challenge belongs to. */
  connectionId: number;
  /** The question text, as text (never HTML). */
  prompt: string;
  /**
   * When the answer is due, in the **server's** clock, as epoch milliseconds; `null` when the
   * challenge is not time-sensitive. Compare with `serverNow(offset)`, never with `Date.now()`.
   */
  deadline: number | null;
  /** `false`: show it read-only and send no answer for it. */
  shouldAnswer: boolean;
  /** The wire `type` exactly as received (for diagnostics; render by `kind`). */
  wireType: string;
}

/** Pick one of several choices (also the realtime PIN's stage one, which Quovo sends as `type: "question"`). */
export interface ChoiceChallenge extends ChallengeBase {
  kind: 'choice';
  choices: Choice[];
}

/** Type an answer (security question, realtime PIN). Unknown wire types land here too. */
export interface TextChallenge extends ChallengeBase {
  kind: 'text';
}

/** Type the characters an image shows. */
export interface CaptchaChallenge extends ChallengeBase {
  kind: 'captcha';
  image: ImageInput;
}

/** Pick the right image. */
export interface ImageChoiceChallenge extends ChallengeBase {
  kind: 'imageChoice';
  choices: ImageChoice[];
}

/** A challenge, discriminated by `kind`. */
export type Challenge = ChoiceChallenge | TextChallenge | CaptchaChallenge | ImageChoiceChallenge;

/** The kinds of {@link Challenge}. */
export type ChallengeKind = Challenge['kind'];

/** A sync, normalized. */
export interface SyncState {
  /** The connection id (from the payload, or from the request when the payload omits it). */
  connectionId: number | null;
  /** See {@link SyncStatus}. */
  status: SyncStatus;
  /** See {@link SyncProgress}. */
  progress: SyncProgress;
  /** Pending challenges, in server order. Always an array. */
  challenges: Challenge[];
  /** What the user must do on the institution's site (`user_config`), as text; `null` otherwise. */
  configInstructions: string | null;
}

/** The value a user gives for one challenge: a choice key, or typed text. */
export type AnswerValue = number | string;
