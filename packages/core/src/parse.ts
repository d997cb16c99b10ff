/**
 * Reading wire JSON into the model. These functions never throw: whatever the input, they
 * return a {@link ParseResult}.
 */
import type * as z from 'zod/mini';
import type { AnswerBody, Challenge, SyncState } from './model';
import { isEnvelope, isRecord } from './envelope';
import { wireAnswerBodySchema, wireSyncSchema } from './schemas';

/** One reason a payload was refused: where (a path into the payload as given) and why. */
export interface ParseIssue {
  /** Keys and indexes from the payload's root to the offending value, e.g. `["sync", "challenges", 0, "id"]`. */
  path: (string | number)[];
  /** What is wrong, in plain words. Never contains the offending value. */
  message: string;
}

/** The outcome of a parse: the data, or every issue found. */
export type ParseResult<T> = { success: true; data: T } | { success: false; issues: ParseIssue[] };

/**
 * Runs a schema and hands its data to `then`; zod's issues become {@link ParseIssue}s and any
 * exception one issue, since parsing never throws.
 */
function run<D, T>(schema: z.ZodMiniType<D, unknown>, json: unknown, then: (data: D) => ParseResult<T>): ParseResult<T> {
  try {
    const result = schema.safeParse(json);
    if (result.success) return then(result.data);
    // Our schemas name only string keys and array indexes, never symbols.
    return { success: false, issues: result.error.issues.map(({ path, message }) => ({ path: path as (string | number)[], message })) };
  } catch {
    // A proxy or a throwing getter can make reading the input itself throw.
    return { success: false, issues: [{ path: [], message: 'the payload could not be read (inspecting it threw)' }] };
  }
}

/**
 * Reads a GET or POST /sync response into a {@link SyncState}. Never throws.
 *
 * Accepts the `{"sync": {...}}` envelope, a bare sync object and the documentation's bare
 * `{"challenges": [...]}`; `questions` for `challenges`; unknown fields and statuses; numeric
 * strings for ids; the four image forms; `expires` as `null` or ISO-8601 with or without an
 * offset (none means UTC), read into `deadline` epoch ms in the server's clock.
 *
 * A challenge without `connection_id` takes the sync's, else `context.connectionId`; when
 * none is known that is an issue. The sync's own `connectionId` is the payload's, else
 * `context.connectionId`, else `null`.
 *
 * @param json - the parsed JSON body, of any shape
 * @param context - what the caller knows from the request, e.g. the connection it asked about
 */
export function parseSync(json: unknown, context?: { connectionId?: number }): ParseResult<SyncState> {
  return run(wireSyncSchema, json, (draft) => {
    const fallback = context?.connectionId;
    const connectionId = draft.connectionId ?? (Number.isSafeInteger(fallback) ? fallback! : null);
    const challenges = draft.challenges.map((c) => ({ ...c, connectionId: c.connectionId ?? connectionId }) as Challenge);
    // Issues point into the payload as given: through the envelope or not, at `challenges` or `questions`.
    const listPath = () => {
      const envelope = isEnvelope(json);
      const sync = envelope ? json.sync : json;
      return [...(envelope ? ['sync'] : []), isRecord(sync) && sync.challenges == null ? 'questions' : 'challenges'];
    };
    const issues = challenges.flatMap((c, index) =>
      c.connectionId === null
        ? [{ path: [...listPath(), index, 'connection_id'], message: 'connection_id is missing on the challenge, on the sync and in context.connectionId' }]
        : [],
    );
    return issues.length > 0 ? { success: false, issues } : { success: true, data: { ...draft, connectionId, challenges } };
  });
}

/**
 * Reads the body of an answering POST /sync (or PUT /challenges) into an {@link AnswerBody}.
 * Never throws. `challenge_id` may be a numeric string; answers are kept as sent.
 *
 * @param json - the parsed JSON body, of any shape
 */
export function parseAnswerBody(json: unknown): ParseResult<AnswerBody> {
  return run(wireAnswerBodySchema, json, (data) => ({ success: true, data }));
}
