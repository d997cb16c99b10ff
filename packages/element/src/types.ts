import type { Challenge, MfaError, MfaEventMeta, MfaEventName, MfaStep, SyncState } from '@mfa-kit/core';

/** `detail` of `mfa-complete`: the sync reached `good`. Fired once per connection. */
export interface MfaCompleteDetail {
  /** The connection that completed. */
  connectionId: number;
  /** The final sync, as the partner's backend relayed it. */
  sync: SyncState;
}

/**
 * `detail` of `mfa-error`: a request failed for good (after retries, or once an answer's fate is
 * known), or the element's own attributes cannot run a flow (`error.kind` `configuration`, its
 * message naming the attribute and the fix; also on the console).
 */
export interface MfaErrorDetail {
  /** The connection concerned; `null` when the `connection-id` attribute is not a connection id. */
  connectionId: number | null;
  /** The typed error (`kind`: `network`, `timeout`, `unauthorized`, `challenge_expired`…). Never carries answers or headers. */
  error: MfaError;
}

/** `detail` of `mfa-expire`: a realtime challenge's deadline passed (here or by the server's `resync`). */
export interface MfaExpireDetail {
  /** The connection concerned. */
  connectionId: number;
  /** The challenges that expired (questions and choices, never the user's answers). */
  challenges: Challenge[];
}

/** `detail` of `mfa-event`: one analytics event (names and kinds only, never values). */
export interface MfaEventDetail {
  /** The stable event name (`sync_started`, `answer_accepted`, `sync_completed`…). */
  name: MfaEventName;
  /** Identifiers and kinds: connection, step, challenge ids and kinds, error kind. */
  meta: MfaEventMeta;
}

/** `detail` of `mfa-step-change`: what the user must do changed (not on every read). */
export interface MfaStepChangeDetail {
  /** The connection concerned. */
  connectionId: number;
  /** The new step (`idle`, `wait`, `answer`, `expired`, `restart`, `credentials`, `config`, `done`, `failed`). */
  step: MfaStep;
  /** The step before. */
  previous: MfaStep;
}

/** The element's events by name, each a bubbling, composed `CustomEvent` fired on the element. */
export interface MfaFlowElementEventMap {
  'mfa-complete': CustomEvent<MfaCompleteDetail>;
  'mfa-error': CustomEvent<MfaErrorDetail>;
  'mfa-expire': CustomEvent<MfaExpireDetail>;
  'mfa-event': CustomEvent<MfaEventDetail>;
  'mfa-step-change': CustomEvent<MfaStepChangeDetail>;
}

/** How the element hears about the sync: a pushed event stream (`@mfa-kit/server`'s route) or polling. */
export type MfaUpdates = 'push' | 'polling';

/** The attributes of `<mfa-flow>`, as a template or JSX writes them (all strings). */
export interface MfaFlowAttributes {
  /** The Quovo connection to sync (a non-negative integer). Changing it switches connections. */
  'connection-id'?: string | number;
  /** The partner's backend proxy, e.g. `/api/quovo`. Never a Quovo URL with a token. */
  'base-url'?: string;
  /** `light` or `dark`; otherwise `prefers-color-scheme` decides. */
  theme?: 'light' | 'dark';
  /** `en`, `es`, `fr`, `de` or `ar` (with any region): the built-in words, `Intl` formatting and direction. @default en */
  locale?: string;
  /** Length of the realtime PIN when known (draws slots, auto-submits). */
  'pin-length'?: string | number;
  /** `auto` (default), `true` (start at once) or `false` (only follow). */
  'auto-start'?: 'auto' | 'true' | 'false' | '';
  /** `polling` (default) or `push`. */
  updates?: MfaUpdates;
}
