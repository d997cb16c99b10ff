import { useMfaMessages } from './MfaMessagesProvider';
import { Panel, type PanelBaseProps } from './Panel';
import { partProps } from './partProps';
import { useUnstyled } from './UnstyledProvider';

/** Props of {@link DonePanel}. */
export type DonePanelProps = PanelBaseProps;

/** The sync reached `good`: verified. */
export function DonePanel(props: DonePanelProps) {
  const unstyled = useUnstyled(props.unstyled);
  const { messages } = useMfaMessages();
  return (
    <Panel part="done" state="done" title={messages.doneTitle} role="status" {...props}>
      <p {...partProps('body', undefined, undefined, unstyled)}>{messages.doneBody}</p>
    </Panel>
  );
}
