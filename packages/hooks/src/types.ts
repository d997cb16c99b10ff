import type {
  AnswerRefusalReason,
  AnswerValue,
  Challenge,
  Choice,
  ChoiceChallenge,
  Credentials,
  ImageChoice,
  ImageChoiceChallenge,
  MfaError,
  MfaErrorKind,
  PollPolicy,
  ServerClock,
  Step,
  SyncClient,
  SyncState,
} from '@mfa-kit/core';
import type { QueryClient } from '@tanstack/react-query';
import type * as React from 'react';
import type { MfaStrings } from './strings';

/** What the user must do now: core's {@link Step}, or `idle` before a sync has been read or started. */
export type MfaStep = Step | { type: 'idle' };

/** How the hook reaches the partner's backend. Never a Quovo token: the backend adds it. */
export interface MfaTransportOptions {
  /** A ready client (shares its server clock); when given, the other transport options are ignored. */
  client?: SyncClient;
  /** Base URL of the partner's backend proxy, e.g. `/api/quovo`. */
  baseUrl?: string;
  /** Extra headers for the partner's own backend (a CSRF token, a session header). */
  headers?: Record<string, string>;
  /** Headers computed per request; wins over `headers`. */
  getHeaders?: () => Record<string, string> | Promise<Record<string, string>>;
  /** A fetch implementation. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Where answers go. @default 'sync' */
  answerRoute?: 'sync' | 'challenges';
  /** Per-request timeout. @default 15000 */
  timeoutMs?: number;
}

/**
 * Stable event names for analytics. Events never carry answers, PINs or credentials.
 * The list is part of the public API: names are only added, never renamed.
 */
export type MfaEventName =
  | 'sync_started'
  | 'sync_restarted'
  | 'credentials_submitted'
  | 'step_changed'
  | 'challenge_shown'
  | 'answer_submitted'
  | 'answer_accepted'
  | 'answer_refused'
  | 'answer_failed'
  | 'challenge_expired'
  | 'resend_auto'
  | 'sync_completed'
  | 'sync_failed'
  | 'request_failed'
  | 'retrying'
  | 'offline'
  | 'online'
  | 'unauthorized';

/** Metadata sent with each event: identifiers and kinds only, never values. */
export interface MfaEventMeta {
  connectionId: number;
  /** The step type at the time of the event. */
  step: MfaStep['type'];
  /** Kinds of the challenges concerned, when any. */
  challengeKinds?: Challenge['kind'][];
  /** Ids of the challenges concerned, when any. */
  challengeIds?: number[];
  /** The sync status, when known. */
  status?: string;
  /** The error kind, for `*_failed`, `retrying`, `offline`, `unauthorized`. */
  errorKind?: MfaErrorKind;
  /** Refusal reasons by challenge id, for `answer_refused`. */
  reasons?: Record<number, AnswerRefusalReason>;
  /** Retry attempt number, for `retrying`. */
  attempt?: number;
}

/** Options of {@link UseMfaChallengeResult | useMfaChallenge}. */
export interface UseMfaChallengeOptions extends MfaTransportOptions {
  /** Start a sync (POST /sync) on mount instead of only reading it. @default false */
  autoStart?: boolean;
  /**
   * After `restart()` in a realtime PIN flow, answer stage one with the destination the user chose
   * before, when it is offered again. @default false (the drop-in `MfaFlow` turns it on)
   */
  autoResend?: boolean;
  /** Read and poll only while true. @default true */
  enabled?: boolean;
  /** A QueryClient to use when the tree has no QueryClientProvider. */
  queryClient?: QueryClient;
  /** Called when the step changes (not on every poll). */
  onStepChange?: (step: MfaStep, previous: MfaStep) => void;
  /** Called once when the sync reaches `good`. */
  onComplete?: (sync: SyncState) => void;
  /** Called once per expiry of a realtime challenge (here or by the server's `resync`). */
  onExpire?: (challenges: Challenge[]) => void;
  /** Called for every request that fails for good (after retries). */
  onError?: (error: MfaError) => void;
  /** One stream of analytics events; see {@link MfaEventName}. */
  onEvent?: (name: MfaEventName, meta: MfaEventMeta) => void;
  /** Called on a 401 so the partner can refresh its session; the request is retried once after it settles. */
  onUnauthorized?: () => void | Promise<void>;
  /**
   * A server clock to use instead of the hook's own, e.g. the one given to `createSyncClient({ clock })`,
   * so several hooks share one estimate. Every response's `Date` header is observed into it.
   */
  clock?: ServerClock;
  /** Replacements for the English strings the prop getters put in the DOM (alt text). */
  strings?: Partial<MfaStrings>;
  /** Overrides of core's polling policy (`defaultPollPolicy`); see the README table. */
  pollPolicy?: Partial<PollPolicy>;
  /**
   * Failed reads retried with backoff before `connectivity` reads `offline`, `error` is set and
   * `onError` is called; polling then goes on at the retry cap so the flow recovers by itself. @default 4
   */
  maxRetries?: number;
}

/** Network health as the polling sees it. */
export type MfaConnectivity = 'online' | 'retrying' | 'offline';

/** Props that can be spread on any element; callers' handlers and refs are merged, not replaced. */
export type PropsWithRef<E extends HTMLElement, P = React.HTMLAttributes<E>> = P & { ref?: React.Ref<E> };

/**
 * What a prop getter returns: `P`, with `ref` always a callback ref. Callback refs are
 * bivariant, so `getChoiceGroupProps(...)` (typed for `HTMLElement`) spreads onto a `<div>`,
 * a `<ul>` or any element. Assignable to {@link PropsWithRef}.
 */
export type GetterProps<E extends HTMLElement, P = React.HTMLAttributes<E>> = Omit<P, 'ref'> & { ref?: React.RefCallback<E> };

/** What {@link UseMfaChallengeResult.getChoiceGroupProps} takes. */
export interface ChoiceGroupPropsInput extends PropsWithRef<HTMLElement> {
  challenge: ChoiceChallenge | ImageChoiceChallenge;
}
/** What {@link UseMfaChallengeResult.getChoiceProps} takes. */
export interface ChoicePropsInput extends PropsWithRef<HTMLElement> {
  challenge: ChoiceChallenge | ImageChoiceChallenge;
  choice: Choice | ImageChoice;
}
/** What {@link UseMfaChallengeResult.getCodeInputProps} takes. */
export interface CodeInputPropsInput extends PropsWithRef<HTMLInputElement, React.InputHTMLAttributes<HTMLInputElement>> {
  challenge: Challenge;
  /** Expected length, when known (a 6-digit PIN). Sets `maxLength` and `pattern`. */
  length?: number;
  /** `numeric` keeps the numeric keypad and strips non-digits from paste. @default 'text' */
  format?: 'numeric' | 'text';
}
/** What {@link UseMfaChallengeResult.getChoiceImageProps} takes. */
export interface ChoiceImagePropsInput extends PropsWithRef<HTMLImageElement, React.ImgHTMLAttributes<HTMLImageElement>> {
  challenge: ImageChoiceChallenge;
  choice: ImageChoice;
}
/** What {@link UseMfaChallengeResult.getCaptchaImageProps} takes. */
export interface CaptchaImagePropsInput extends PropsWithRef<HTMLImageElement, React.ImgHTMLAttributes<HTMLImageElement>> {
  challenge: Challenge;
}

/** The result of `useMfaChallenge`. */
export interface UseMfaChallengeResult {
  /** What the user must do now. */
  step: MfaStep;
  /** The last sync read, or `null` before the first. */
  sync: SyncState | null;
  /** The challenges of the current step (empty outside `answer` / `expired`). */
  challenges: Challenge[];
  /** What the user has entered, by challenge id. Survives refetches and failed submits. */
  answers: Readonly<Record<number, AnswerValue | undefined>>;
  /** Record what the user entered for one challenge. */
  setAnswer: (challengeId: number, value: AnswerValue | undefined) => void;
  /** Why the last submit was refused locally, by challenge id (cleared when the answer changes). */
  refusals: Readonly<Record<number, AnswerRefusalReason>>;
  /** Post every answerable challenge at once. Never rejects; a second call while one is in flight sends nothing. */
  submit: () => Promise<void>;
  /** True while an answer POST is in flight. */
  isSubmitting: boolean;
  /** Start the sync (POST /sync). */
  start: () => void;
  /** Start again after `resync`, expiry, `user_config` or a failure. */
  restart: () => void;
  /** Restart with new credentials after `incorrect_credentials`. */
  submitCredentials: (credentials: Credentials) => void;
  /** True while a start, restart or credentials POST is in flight. */
  isStarting: boolean;
  /** The last error that stopped progress (after retries), or `null`. */
  error: MfaError | null;
  /** `retrying` while failed requests are retried with backoff; `offline` when the browser is offline or retries ran out. */
  connectivity: MfaConnectivity;
  /** The server-clock estimate, for `useCountdown`. */
  clock: ServerClock;
  /** Form props: `onSubmit` calls `submit()` (and prevents the default). */
  getFormProps: (props?: PropsWithRef<HTMLFormElement, React.FormHTMLAttributes<HTMLFormElement>>) => GetterProps<HTMLFormElement, React.FormHTMLAttributes<HTMLFormElement>>;
  /** `role="radiogroup"` with its label id. */
  getChoiceGroupProps: (input: ChoiceGroupPropsInput) => GetterProps<HTMLElement>;
  /** `role="radio"`, `aria-checked`, roving `tabIndex`, arrow keys, click and Space select. */
  getChoiceProps: (input: ChoicePropsInput) => GetterProps<HTMLElement>;
  /** One real input: `autocomplete="one-time-code"`, `inputMode`, sanitized paste, `maxLength`, aria-invalid/describedby. */
  getCodeInputProps: (input: CodeInputPropsInput) => GetterProps<HTMLInputElement, React.InputHTMLAttributes<HTMLInputElement>>;
  /** A safe `src` from core (or none, with `data-invalid`), and a meaningful `alt`. */
  getCaptchaImageProps: (input: CaptchaImagePropsInput) => GetterProps<HTMLImageElement, React.ImgHTMLAttributes<HTMLImageElement>>;
  /** `type="submit"`, `disabled` / `aria-disabled` while submitting or nothing to send. */
  getSubmitProps: (props?: PropsWithRef<HTMLButtonElement, React.ButtonHTMLAttributes<HTMLButtonElement>>) => GetterProps<HTMLButtonElement, React.ButtonHTMLAttributes<HTMLButtonElement>>;
  /** Stable ids for a challenge's parts: label, hint, error. */
  getIds: (challengeId: number) => { label: string; hint: string; error: string; input: string };
  /** The image of one `imageChoice` option: a safe `src` from core (or none, with `data-invalid`) and an `alt`. */
  getChoiceImageProps: (input: ChoiceImagePropsInput) => GetterProps<HTMLImageElement, React.ImgHTMLAttributes<HTMLImageElement>>;
  /** Read the sync now (a "Try again" button while `connectivity` is `offline`). */
  refresh: () => void;
  /**
   * The earliest deadline of the answerable challenges (server-clock epoch ms) in an `answer` or
   * `expired` step, else `null`: pass it to `useCountdown(deadline, { clock })`.
   */
  deadline: number | null;
  /** True when `submit()` has something to send: an `answer` step with an answerable challenge. */
  canSubmit: boolean;
}

/** The key of one option of {@link UseChoiceGroupOptions}. */
export type ChoiceKey = string | number;

/** Options of `useChoiceGroup`. */
export interface UseChoiceGroupOptions<K extends ChoiceKey = number> {
  /** The options' keys, in the order the arrow keys walk them. */
  keys: readonly K[];
  /** The checked key (controlled); `null`, `undefined` or a key not in `keys` checks none. */
  value: K | null | undefined;
  /** Called with the key the user checks (by click, arrow keys, Home/End or Space), only when it changes. */
  onChange?: (key: K) => void;
  /** Sets `aria-orientation`; every arrow key works either way, as with native radios. */
  orientation?: 'horizontal' | 'vertical';
  /** No selection changes; `aria-disabled` and `data-disabled` on the group's parts. @default false */
  disabled?: boolean;
  /** No selection changes, but the arrow keys still move focus to read the options. `aria-readonly` on the group. @default false */
  readOnly?: boolean;
  /** The id of the element that names the group (`aria-labelledby`). */
  labelledBy?: string;
}

/** What `useChoiceGroup().getChoiceProps` takes: the option's key and your props. */
export interface ChoiceItemPropsInput<K extends ChoiceKey = number> extends PropsWithRef<HTMLElement> {
  /** The option, one of `keys`. */
  key: K;
}

/** The result of `useChoiceGroup`. */
export interface UseChoiceGroupResult<K extends ChoiceKey = number> {
  /** `role="radiogroup"`, `aria-labelledby`, `aria-orientation`, `aria-disabled`, `aria-readonly`, merged with yours. */
  getGroupProps: (props?: PropsWithRef<HTMLElement>) => GetterProps<HTMLElement>;
  /**
   * `role="radio"`, `aria-checked`, roving `tabIndex`, `data-state` (`checked`/`unchecked`),
   * `data-selected`, a ref for focus, click and key handlers, merged with yours.
   */
  getChoiceProps: (input: ChoiceItemPropsInput<K>) => GetterProps<HTMLElement>;
}

/** Options of `useCodeInput`. */
export interface UseCodeInputOptions {
  /** The text so far (controlled). */
  value: string;
  /** Called with the cleaned text on every edit and paste. */
  onChange: (value: string) => void;
  /** Expected length, when known (a 6-digit PIN): `maxLength`, `pattern`, and the cut of typed and pasted text. */
  length?: number;
  /** `numeric` keeps the numeric keypad and drops non-digits. @default 'text' */
  format?: 'numeric' | 'text';
  /**
   * A one-time code: `autocomplete="one-time-code"`, and typed or pasted spaces and dashes are
   * dropped. `false` for a free-text answer (a security question), kept as typed. @default true
   */
  oneTimeCode?: boolean;
  /**
   * Set the input's `maxLength` to `length`. Turn it off to let text that arrives without a paste
   * event (a keyboard's clipboard suggestion, a drop) in whole, so its separators are dropped
   * before it is cut to `length`. @default true
   */
  nativeMaxLength?: boolean;
  /** `readOnly`; paste changes nothing. @default false */
  readOnly?: boolean;
  /** `disabled`; paste changes nothing. @default false */
  disabled?: boolean;
  /** `aria-required`. @default false */
  required?: boolean;
  /** `aria-invalid` and `data-invalid`. @default false */
  invalid?: boolean;
  /** Ids of the hint and error (`aria-describedby`). */
  describedBy?: string;
}

/** The props `useCodeInput().getInputProps` returns. */
export type CodeInputProps = GetterProps<HTMLInputElement, React.InputHTMLAttributes<HTMLInputElement>>;

/** The result of `useCodeInput`. */
export interface UseCodeInputResult {
  /** The one real input's props, merged with yours (your handlers first; refs composed). */
  getInputProps: (props?: PropsWithRef<HTMLInputElement, React.InputHTMLAttributes<HTMLInputElement>>) => CodeInputProps;
}

/** What a countdown shows and says. */
export type CountdownStatus = 'running' | 'warning' | 'expired';

/** Options of `useCountdown`. */
export interface UseCountdownOptions {
  /** The server clock (from `useMfaChallenge().clock`); without it the local clock is used. */
  clock?: ServerClock;
  /** Warning state from this many ms before expiry (WCAG 2.2.1 asks for at least 20 s). @default 20000 */
  warningMs?: number;
  /** Announce when this much time is left, in ms. @default [60000, 30000] */
  announceAt?: number[];
  /** Build the announced text; default English. */
  formatAnnouncement?: (event: CountdownAnnouncementEvent) => string;
}

/** Why a countdown announces. */
export interface CountdownAnnouncementEvent {
  /** `appeared` when the countdown first shows, `threshold` at an `announceAt` mark, `expired` at the end. */
  reason: 'appeared' | 'threshold' | 'expired';
  /**
   * Whole seconds left (0 when expired). For `appeared` it is rounded for speaking: to the
   * nearest second, and to the nearest 5 s above one minute, so a 2-minute window read a
   * moment late (or with the server clock's half-second uncertainty) says "2 minutes", not
   * "2 minutes, 1 second". The visible `formatted` time is exact.
   */
  secondsLeft: number;
}

/** The result of `useCountdown`. */
export interface UseCountdownResult {
  /** Ms left, from the deadline and the corrected clock (never by counting ticks). */
  timeLeftMs: number;
  /** `running`, `warning` (from `warningMs` before expiry) or `expired`. */
  status: CountdownStatus;
  /** `m:ss`, e.g. `1:05`. */
  formatted: string;
  /** The last announcement to put in a live region (polite, except `expired`), or `null`. */
  announcement: (CountdownAnnouncementEvent & { text: string }) | null;
}
