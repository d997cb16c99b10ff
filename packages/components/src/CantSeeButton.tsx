import { useMfaMessages } from './MfaMessagesProvider';
import { partProps } from './partProps';

/** "I can't see the images", under a CAPTCHA or picture choices. Internal to the components. */
export function CantSeeButton({ onClick, unstyled }: { onClick: () => void; unstyled: boolean }) {
  const { messages } = useMfaMessages();
  return (
    <button type="button" onClick={onClick} {...partProps('cant-see', undefined, undefined, unstyled)}>
      {messages.cantSeeImages}
    </button>
  );
}
