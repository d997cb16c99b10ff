/**
 * @mfa-kit/hooks: headless React hooks for Quovo v3 MFA over @mfa-kit/core's MFA session.
 * Build any MFA UI with `useMfaChallenge`, `useCountdown` and their prop getters, or put a
 * radiogroup or a code input on your own markup alone with `useChoiceGroup` and `useCodeInput`.
 * @packageDocumentation
 */
export { useMfaChallenge } from './useMfaChallenge';
export { useCountdown } from './useCountdown';
export { useChoiceGroup } from './useChoiceGroup';
export { useCodeInput } from './useCodeInput';
export { mergeProps, composeRefs } from './mergeProps';
export { sanitizeCode } from './sanitizeCode';
export { hookMessagesEn, defaultCountdownAnnouncement, describeSeconds } from './strings';
export type { MfaHookMessages } from './strings';
export type * from './types';
/**
 * Core's image check, re-exported so that markup built on these hooks needs nothing else:
 * any image form to a safe `src` (`data:image/…;base64,`, `https:`, bare base64) or a refusal.
 */
export { toSafeImageSrc } from '@mfa-kit/core';
/** Core's reading of the text an image carries (an SVG's title, an `alt`), for naming picture choices on your own markup. */
export { imageText } from '@mfa-kit/core';
/** Core's reading of a code length from a question ("the 6-digit code"), re-exported for markup built on these hooks. */
export { codeLengthFromPrompt } from '@mfa-kit/core';
/**
 * Core's query key and read-only query options of a connection's sync: `useQuery(mfaSyncQueryOptions(id))`
 * reads the sync `useMfaChallenge` drives, from the same `QueryClient`, with no second poll loop.
 */
export { mfaSyncQueryKey, mfaSyncQueryOptions } from '@mfa-kit/core';
/** Core's one decision of how a challenge is shown and answered (`pin`, `question`, `choice`, `imageChoice`, `captcha`, `notice`), re-exported for markup built on these hooks. */
export { challengeField } from '@mfa-kit/core';
/**
 * Core's types that the hooks' API uses, re-exported so that a partner on the hooks never
 * installs `@mfa-kit/core` for a type (under pnpm's strict layout it is not importable
 * unless installed): the challenges and choices the snapshot holds, its error and error kind
 * (`mfa.error.kind === 'configuration'`: the backend refused this page), and the rest.
 */
export type {
  Challenge,
  ChallengeKind,
  ChoiceChallenge,
  TextChallenge,
  CaptchaChallenge,
  ImageChoiceChallenge,
  Choice,
  ImageChoice,
  ImageInput,
  SyncState,
  SyncStatus,
  SyncProgress,
  Credentials,
  AnswerValue,
  AnswerRefusalReason,
  ServerClock,
  MfaError,
  MfaErrorKind,
  MfaSession,
  MfaSessionOptions,
  MfaSessionBehaviour,
  SafeImageResult,
  ImageRefusalReason,
  ChallengeField,
  MfaStep,
  MfaConnectivity,
  MfaRequestState,
  MfaEventName,
  MfaEventMeta,
  MfaSnapshot,
  MfaTransportOptions,
  MfaSyncQueryKey,
} from '@mfa-kit/core';
