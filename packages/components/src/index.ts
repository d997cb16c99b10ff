/**
 * @mfa-kit/components: styled, accessible, translatable React components for Quovo v3 MFA,
 * and the drop-in `MfaFlow`. Import the styles once: `import '@mfa-kit/components/styles.css'`.
 * @packageDocumentation
 */
export { MfaFlow, type MfaFlowProps } from './MfaFlow';
export { ChoicePicker, type ChoicePickerProps } from './ChoicePicker';
export { ImageChoicePicker, type ImageChoicePickerProps } from './ImageChoicePicker';
export { PinInput, type PinInputProps } from './PinInput';
export { Countdown, type CountdownProps } from './Countdown';
export { CaptchaChallenge, type CaptchaChallengeProps } from './CaptchaChallenge';
export { QuestionChallenge, type QuestionChallengeProps } from './QuestionChallenge';
export { ProgressPanel, type ProgressPanelProps } from './ProgressPanel';
export { ExpiredPanel, type ExpiredPanelProps } from './ExpiredPanel';
export { RestartPanel, type RestartPanelProps } from './RestartPanel';
export { CredentialsForm, type CredentialsFormProps } from './CredentialsForm';
export { ConfigInstructions, type ConfigInstructionsProps } from './ConfigInstructions';
export { DonePanel, type DonePanelProps } from './DonePanel';
export { FailedPanel, type FailedPanelProps } from './FailedPanel';
export { ConnectivityNotice, type ConnectivityNoticeProps } from './ConnectivityNotice';
export { ActionButton, type ActionButtonProps } from './ActionButton';
export { CategoryIcon, toDestinationCategory, type CategoryIconProps, type DestinationCategory } from './CategoryIcon';
export type { HeadingLevel, PanelBaseProps } from './Panel';
export { MfaMessagesProvider, useMfaMessages, type MfaMessagesProviderProps, type MfaMessagesValue } from './MfaMessagesProvider';
export { UnstyledProvider, useUnstyled, type UnstyledProviderProps } from './UnstyledProvider';
export { messagesEn, formatDurationIntl, durationPlural, type MfaMessages } from './messages';
export { messagesEs } from './messagesEs';
export { messagesFr } from './messagesFr';
export { messagesDe } from './messagesDe';
export { messagesAr } from './messagesAr';
export type { FieldIds, FieldProps } from './useFieldIds';
/**
 * The types the components' props use, from `@mfa-kit/hooks` and `@mfa-kit/core`, re-exported
 * so that a partner on the components never installs either just for a type.
 */
export type {
  Challenge,
  ChallengeKind,
  Choice,
  ChoiceKey,
  ImageChoice,
  ImageInput,
  SyncState,
  SyncProgress,
  Credentials,
  ServerClock,
  MfaError,
  MfaErrorKind,
  MfaStep,
  MfaSnapshot,
  MfaConnectivity,
  MfaEventName,
  MfaEventMeta,
  MfaHookMessages,
  UseMfaChallengeOptions,
  UseMfaChallengeResult,
  PropsWithRef,
  GetterProps,
  CountdownStatus,
  CountdownAnnouncementEvent,
} from '@mfa-kit/hooks';

