/**
 * Reading wire JSON into the model. These functions never throw: whatever the input, they
 * return a {@link ParseResult}.
 */
import type { AnswerBody, Challenge, SyncState } from './model';
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

interface SafeParseLike<T> {
  safeParse(
    input: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: readonly { path: PropertyKey[]; message: string }[] } };
}

function toPath(path: readonly PropertyKey[]): (string | number)[] {
  return path.map((key) => (typeof key === 'symbol' ? String(key) : key));
}

/** Runs a schema, turning zod's issues into {@link ParseIssue}s and any exception into one issue. */
function run<T>(schema: SafeParseLike<T>, json: unknown): ParseResult<T> {
  try {
    const result = schema.safeParse(json);
    if (result.success) return { success: true, data: result.data };
    return {
      success: false,
      issues: result.error.issues.map((issue) => ({ path: toPath(issue.path), message: issue.message })),
    };
  } catch {
    // A proxy or a throwing getter can make reading the input itself throw; the contract is
    // that parsing never does.
    return { success: false, issues: [{ path: [], message: 'the payload could not be read (inspecting it threw)' }] };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Where the payload keeps its challenges, for issues about a challenge (mirrors schemas.ts). */
function challengesPath(json: unknown): (string | number)[] {
  if (!isRecord(json)) return ['challenges'];
  const own = (o: Record<string, unknown>, key: string) => Object.prototype.hasOwnProperty.call(o, key);
  const envelope = own(json, 'sync') && !own(json, 'status') && !own(json, 'challenges') && !own(json, 'questions');
  const sync = envelope ? json.sync : json;
  const key = isRecord(sync) && (sync.challenges === undefined || sync.challenges === null) && Array.isArray(sync.questions)
    ? 'questions'
    : 'challenges';
  return envelope ? ['sync', key] : [key];
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
  const parsed = run(wireSyncSchema, json);
  if (!parsed.success) return parsed;
  const fallback =
    context !== undefined && context !== null && Number.isSafeInteger(context.connectionId)
      ? (context.connectionId as number)
      : null;
  const draft = parsed.data;
  const connectionId = draft.connectionId ?? fallback;
  const issues: ParseIssue[] = [];
  const challenges: Challenge[] = [];
  draft.challenges.forEach((challenge, index) => {
    const id = challenge.connectionId ?? connectionId;
    if (id === null) {
      issues.push({
        path: [...challengesPath(json), index, 'connection_id'],
        message: 'connection_id is missing on the challenge and the sync, and no context.connectionId was given',
      });
      return;
    }
    challenges.push({ ...challenge, connectionId: id } as Challenge);
  });
  if (issues.length > 0) return { success: false, issues };
  return {
    success: true,
    data: {
      connectionId,
      status: draft.status,
      progress: draft.progress,
      challenges,
      configInstructions: draft.configInstructions,
    },
  };
}

/**
 * Reads the body of an answering POST /sync (or PUT /challenges) into an {@link AnswerBody}.
 * Never throws. `challenge_id` may be a numeric string; answers are kept as sent.
 *
 * @param json - the parsed JSON body, of any shape
 */
export function parseAnswerBody(json: unknown): ParseResult<AnswerBody> {
  return run(wireAnswerBodySchema, json);
}
