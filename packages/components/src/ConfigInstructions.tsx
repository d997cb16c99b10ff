import { ActionButton } from './ActionButton';
import { useMfaMessages } from './MfaMessagesProvider';
import { Panel, type PanelBaseProps } from './Panel';
import { partProps } from './partProps';
import { useUnstyled } from './UnstyledProvider';

/** Props of {@link ConfigInstructions}. */
export interface ConfigInstructionsProps extends PanelBaseProps {
  /** The institution's instructions, as text (never HTML); `null` shows a generic line. @default null */
  instructions?: string | null;
  /** Starts the sync again once the user has acted. */
  onRestart: () => void;
  /** A restart is in flight. @default false */
  busy?: boolean;
}

/** `user_config`: the user must act on the institution's own site. Shows what to do, then a restart. */
export function ConfigInstructions({ instructions = null, onRestart, busy = false, ...base }: ConfigInstructionsProps) {
  const unstyled = useUnstyled(base.unstyled);
  const { messages } = useMfaMessages();
  return (
    <Panel part="config" state={busy ? 'busy' : 'idle'} title={messages.configTitle} {...base}>
      <p {...partProps('instructions', undefined, undefined, unstyled)}>{instructions ?? messages.configFallback}</p>
      <ActionButton onClick={onRestart} busy={busy} unstyled={unstyled}>
        {messages.configDone}
      </ActionButton>
    </Panel>
  );
}
