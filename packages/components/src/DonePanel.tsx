import { useAnnounce, useAnnounceOnChange } from './Announcer';
import { useMfaMessages } from './MfaMessagesProvider';
import { Panel, type PanelBaseProps } from './Panel';
import { partProps } from './partProps';
import { useUnstyled } from './UnstyledProvider';

/** Props of {@link DonePanel}. */
export type DonePanelProps = PanelBaseProps;

/**
 * The sync reached `good`: verified. Inside `MfaFlow` (an announcer) focus moves to the heading,
 * which says the title, and the flow's polite region says the body, so nothing is said twice; on
 * its own the panel is a `status` region.
 */
export function DonePanel(props: DonePanelProps) {
  const unstyled = useUnstyled(props.unstyled);
  const { messages } = useMfaMessages();
  const inAnnouncer = useAnnounce();
  useAnnounceOnChange(true, messages.doneBody);
  return (
    <Panel part="done" state="done" title={messages.doneTitle} role={inAnnouncer ? undefined : 'status'} {...props}>
      <p {...partProps('body', undefined, undefined, unstyled)}>{messages.doneBody}</p>
    </Panel>
  );
}
