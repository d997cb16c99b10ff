import type {
  Challenge,
  Choice,
  ChoiceChallenge,
  ChoiceKey as CoreChoiceKey,
  ImageChoice,
  ImageChoiceChallenge,
  MfaSession,
  MfaSessionOptions,
  MfaSnapshot,
  ServerClock,
} from '@mfa-kit/core';
import type * as React from 'react';
import type { MfaHookMessages } from './strings';

/** Options of {@link UseMfaChallengeResult | useMfaChallenge}: every option of core's `createMfaSession` but the connection id, and the getters' words. */
export interface UseMfaChallengeOptions extends Omit<MfaSessionOptions, 'connectionId'> {
  /** Replacements for the English words the prop getters put in the DOM (alt text). */
  messages?: Partial<MfaHookMessages>;
}

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
  /** Set `maxLength` to `length`; turn off to let a clipboard suggestion in whole before it is cleaned and cut. @default true */
  nativeMaxLength?: boolean;
}
/** What {@link UseMfaChallengeResult.getChoiceImageProps} takes. */
export interface ChoiceImagePropsInput extends PropsWithRef<HTMLImageElement, React.ImgHTMLAttributes<HTMLImageElement>> {
  /** The picker the image belongs to (either kind, so one `choices.map` can serve both pickers). */
  challenge: ChoiceChallenge | ImageChoiceChallenge;
  choice: ImageChoice;
}
/** What {@link UseMfaChallengeResult.getCaptchaImageProps} takes. */
export interface CaptchaImagePropsInput extends PropsWithRef<HTMLImageElement, React.ImgHTMLAttributes<HTMLImageElement>> {
  challenge: Challenge;
}

/** What {@link MfaGetters.getLabelProps} and {@link MfaGetters.getErrorProps} take. */
export interface ChallengePartInput extends PropsWithRef<HTMLElement> {
  challenge: Challenge;
}

/** The prop getters of `useMfaChallenge`: spread them on your own markup; your props are merged, not replaced. */
export interface MfaGetters {
  /**
   * The flow's root: a ref for focus management (on every step change focus moves to an element
   * marked `data-autofocus`, else the new field, else the heading, when it was inside the flow or
   * lost to `<body>`; after a refused submit to
   * the first invalid field), `data-scope="mfa"`, `data-part="root"` and `data-state` (the step type).
   */
  getRootProps: (props?: PropsWithRef<HTMLElement>) => GetterProps<HTMLElement>;
  /** A step's heading: `tabIndex={-1}` so focus can land on it when the step has no field. */
  getHeadingProps: (props?: PropsWithRef<HTMLElement>) => GetterProps<HTMLElement>;
  /** A challenge's label: its id (which the field or radiogroup is labelled by) and `htmlFor` for text fields. */
  getLabelProps: (input: ChallengePartInput) => GetterProps<HTMLElement, React.LabelHTMLAttributes<HTMLElement>>;
  /** A challenge's error message: its id (which the field is described by while refused), `hidden` while it is not. */
  getErrorProps: (input: ChallengePartInput) => GetterProps<HTMLElement>;
  /** Form props: `onSubmit` calls `submit()` (and prevents the default); `noValidate`; `aria-busy` while sending. */
  getFormProps: (props?: PropsWithRef<HTMLFormElement, React.FormHTMLAttributes<HTMLFormElement>>) => GetterProps<HTMLFormElement, React.FormHTMLAttributes<HTMLFormElement>>;
  /** `role="radiogroup"` with its label id. */
  getChoiceGroupProps: (input: ChoiceGroupPropsInput) => GetterProps<HTMLElement>;
  /** `role="radio"`, `aria-checked`, roving `tabIndex`, arrow keys, click and Space select, Enter submits. */
  getChoiceProps: (input: ChoicePropsInput) => GetterProps<HTMLElement>;
  /** One real input: `autocomplete="one-time-code"` for PINs, `inputMode`, sanitized paste, `maxLength`, aria-invalid/describedby. */
  getCodeInputProps: (input: CodeInputPropsInput) => GetterProps<HTMLInputElement, React.InputHTMLAttributes<HTMLInputElement>>;
  /** A safe `src` from core (or none, with `data-invalid`), and a meaningful `alt`. */
  getCaptchaImageProps: (input: CaptchaImagePropsInput) => GetterProps<HTMLImageElement, React.ImgHTMLAttributes<HTMLImageElement>>;
  /** The image of one `imageChoice` option: a safe `src` from core (or none, with `data-invalid`) and an `alt`. */
  getChoiceImageProps: (input: ChoiceImagePropsInput) => GetterProps<HTMLImageElement, React.ImgHTMLAttributes<HTMLImageElement>>;
  /** `type="submit"`, `aria-disabled` while nothing can be sent (a write in flight, an answer in doubt, nothing to answer). */
  getSubmitProps: (props?: PropsWithRef<HTMLButtonElement, React.ButtonHTMLAttributes<HTMLButtonElement>>) => GetterProps<HTMLButtonElement, React.ButtonHTMLAttributes<HTMLButtonElement>>;
  /** Stable ids for a challenge's parts: label, hint, error, input. */
  getIds: (challengeId: number) => { label: string; hint: string; error: string; input: string };
}

/**
 * The result of `useMfaChallenge`: the session's snapshot (see core's `MfaSnapshot`: step,
 * challenges, answers, refusals, request, error, connectivity, deadline…), its actions, its
 * server clock, and the prop getters. Pass the whole result to `useCountdown(mfa)`.
 */
export interface UseMfaChallengeResult
  extends MfaSnapshot,
    MfaGetters,
    Pick<MfaSession, 'setAnswer' | 'submit' | 'start' | 'restart' | 'requestAlternative' | 'submitCredentials' | 'refresh' | 'clock'> {}

/** The key of one option of {@link UseChoiceGroupOptions}: a number or a string. */
export type ChoiceKey = CoreChoiceKey;

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

/** What `useCountdown` can count down from besides a bare deadline: `useMfaChallenge`'s result, or anything with a deadline and a clock. */
export interface CountdownSource {
  /** Server-clock epoch ms, or `null` when nothing is timed. */
  deadline: number | null;
  /** The server clock the deadline is read by. */
  clock?: ServerClock;
}

/** Options of `useCountdown`. */
export interface UseCountdownOptions {
  /** The server clock; taken from the source when it is `useMfaChallenge`'s result; else the local clock is used. */
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
