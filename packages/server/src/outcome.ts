import type { MfaErrorKind, SyncState } from '@mfa-kit/core/protocol';
import { API_HEADERS, errorResponse } from './http';

/** What one upstream call came to, before it becomes a response or an event. */
export type SyncOutcome =
  | {
      ok: true;
      /** The sync, parsed by core. */
      state: SyncState;
      /** `JSON.stringify(emitSync(state))`: what the browser gets. */
      text: string;
      /** The upstream's `Date`, when it sent a valid one. */
      date: string | null;
    }
  | {
      ok: false;
      /** The status the browser gets. */
      status: number;
      /** The kit's error slug. */
      id: string;
      /** A safe message, the kit's own. */
      message: string;
      /** How core's client would read it (for the poll loop). */
      kind: MfaErrorKind;
      /** A validated `Retry-After`, for 429 and 503 only. */
      retryAfter: string | null;
      /** The upstream's `Date`, when it sent a valid one. */
      date: string | null;
    };

/** The browser's response for an outcome: the re-emitted sync, or the kit's error body. */
export function outcomeResponse(outcome: SyncOutcome): Response {
  const date: Record<string, string> = outcome.date ? { date: outcome.date } : {};
  if (outcome.ok) {
    return new Response(outcome.text, { status: 200, headers: { ...API_HEADERS, ...date, 'content-type': 'application/json; charset=utf-8' } });
  }
  const retry: Record<string, string> = outcome.retryAfter ? { 'retry-after': outcome.retryAfter } : {};
  return errorResponse(outcome.status, outcome.id, outcome.message, { ...date, ...retry });
}
