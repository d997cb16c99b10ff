/**
 * Reading wire JSON into the model: `parseSync` and `parseAnswerBody` run core's lenient zod
 * schemas (schemas.ts) and never throw: whatever the input, they return a {@link ParseResult}
 * whose issues name the field and never repeat a value.
 */
import type { AnswerBody, Challenge, SyncState } from './model';
import { readAnswerBody, readSync, readSyncDraft } from './schemas';

/** One reason a payload was refused: where (a path into the payload as given) and why. */
export interface ParseIssue {
  /** Keys and indexes from the payload's root to the offending value, e.g. `["sync", "challenges", 0, "id"]`. */
  path: (string | number)[];
  /** What is wrong, in plain words. Never contains the offending value. */
  message: string;
}

/** The outcome of a parse: the data, or every issue found. */
export type ParseResult<T> = { success: true; data: T } | { success: false; issues: ParseIssue[] };

/** Runs a reader; any exception becomes one issue, since parsing never throws. */
function run<T>(read: (json: unknown) => ParseResult<T>, json: unknown): ParseResult<T> {
  try {
    return read(json);
  } catch {
    // A proxy or a throwing getter can make reading the input itself throw.
    return { success: false, issues: [{ path: [], message: 'the payload could not be read (inspecting it threw)' }] };
  }
}

/**
 * Reads a GET or POST /sync response into a {@link SyncState}. Never throws. It accepts what
 * `lenientSyncSchema` does: the three forms of the body, `questions` for `challenges`, unknown
 * fields and statuses, numeric strings for ids, the four image forms, `expires` with or without
 * an offset (none means UTC).
 *
 * A challenge without `connection_id` takes the sync's, else `context.connectionId`; when
 * none is known that is an issue. The sync's own `connectionId` is the payload's, else
 * `context.connectionId`, else `null`.
 *
 * @param json - the parsed JSON body, of any shape
 * @param context - what the caller knows from the request, e.g. the connection it asked about
 */
export function parseSync(json: unknown, context?: { connectionId?: number }): ParseResult<SyncState> {
  const fallback = context?.connectionId;
  if (!Number.isSafeInteger(fallback)) return run(readSync, json);
  const read = run(readSyncDraft, json);
  if (!read.success) return read;
  const { connectionId, challenges } = read.data;
  return {
    success: true,
    data: {
      ...read.data,
      connectionId: connectionId ?? fallback!,
      challenges: challenges.map((c) => ({ ...c, connectionId: c.connectionId ?? fallback! }) as Challenge),
    },
  };
}

/**
 * Reads the body of an answering POST /sync (or PUT /challenges), `{"answers": [{"challenge_id",
 * "answer"}]}`, into an {@link AnswerBody}, as `lenientAnswerBodySchema` does. Never throws.
 *
 * @param json - the parsed JSON body, of any shape
 */
export function parseAnswerBody(json: unknown): ParseResult<AnswerBody> {
  readAnswers ??= readAnswerBody();
  return run(readAnswers, json);
}

let readAnswers: ((json: unknown) => ParseResult<AnswerBody>) | undefined;
