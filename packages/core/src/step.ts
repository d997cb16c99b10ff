import { pendingChallenges } from './answers';
import { isExpired } from './clock';
import type { Challenge, SyncProgress, SyncState, SyncStatus } from './model';

/**
 * What the user must do now, derived from a sync. One case per situation the UI must handle:
 *
 * - `wait`: the sync is running (`syncing`, or `challenges` with none listed yet); show progress.
 * - `answer`: challenges are pending. `challenges` holds all of them, read-only ones included;
 *   `deadline` is the earliest deadline (server-clock epoch ms) among the answerable ones, or
 *   `null` when none is time-sensitive.
 * - `expired`: an answerable challenge's deadline passed (server clock) while the server still
 *   reads `challenges`; it will soon read `resync`. Offer to start again. (The session keeps this
 *   step through that `resync`: see `MfaStep`.)
 * - `restart`: `resync`, a realtime challenge expired; a new sync starts again at stage one.
 * - `credentials`: `incorrect_credentials`; ask for username and passcode again.
 * - `config`: `user_config`; show the instructions, then start again.
 * - `done`: `good`.
 * - `failed`: any other status, unknown ones included, kept verbatim in `status`.
 */
export type Step =
  | { type: 'wait'; progress: SyncProgress }
  | { type: 'answer'; challenges: Challenge[]; deadline: number | null }
  | { type: 'expired'; challenges: Challenge[] }
  | { type: 'restart' }
  | { type: 'credentials' }
  | { type: 'config'; instructions: string | null }
  | { type: 'done' }
  | { type: 'failed'; status: string };

/** The kinds of {@link Step}. */
export type StepType = Step['type'];

/**
 * Derives the {@link Step} for a sync at a moment. Pure: pass the local time and the server
 * clock's offset (`ServerClock.offsetMs`), so deadlines are read in server time.
 *
 * @param localNow local epoch ms (`Date.now()`).
 * @param offsetMs `serverNow - localNow`.
 */
export function deriveStep(state: SyncState, localNow: number, offsetMs: number): Step {
  switch (state.status) {
    case 'syncing':
      return { type: 'wait', progress: state.progress };
    // The parser maps `questions` to `challenges`; accept it here too for hand-built states.
    case 'challenges':
    case 'questions': {
      if (state.challenges.length === 0) return { type: 'wait', progress: state.progress };
      const answerable = pendingChallenges(state.challenges);
      if (answerable.some((challenge) => isExpired(challenge.deadline, localNow, offsetMs))) {
        return { type: 'expired', challenges: state.challenges };
      }
      let deadline: number | null = null;
      for (const challenge of answerable) {
        if (challenge.deadline !== null && (deadline === null || challenge.deadline < deadline)) {
          deadline = challenge.deadline;
        }
      }
      return { type: 'answer', challenges: state.challenges, deadline };
    }
    case 'good':
      return { type: 'done' };
    case 'resync':
      return { type: 'restart' };
    case 'incorrect_credentials':
      return { type: 'credentials' };
    case 'user_config':
      return { type: 'config', instructions: state.configInstructions };
    default:
      return { type: 'failed', status: state.status };
  }
}

/**
 * True when a sync with this status has ended and polling should stop until the user acts:
 * `good`, `resync`, `incorrect_credentials`, `user_config` and every unknown status. Only
 * `syncing` and `challenges` (or its older name `questions`) are in progress.
 */
export function isFinalStatus(status: SyncStatus): boolean {
  return status !== 'syncing' && status !== 'challenges' && status !== 'questions';
}
