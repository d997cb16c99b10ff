import { useId, type ReactNode } from 'react';
import { useMfaMessages } from './MfaMessagesProvider';
import { partProps } from './partProps';

/**
 * "I can't see the images", under a CAPTCHA or picture choices, and the help it brings: shown
 * under the button once given, and describing it (`aria-describedby`), so a screen reader
 * finds it again from the button. Internal to the components.
 */
export function CantSeeButton({ onClick, help, unstyled }: { onClick: () => void; help?: ReactNode; unstyled: boolean }) {
  const { messages } = useMfaMessages();
  const helpId = useId();
  const shown = !!help;
  return (
    <>
      <button type="button" onClick={onClick} aria-describedby={shown ? helpId : undefined} {...partProps('cant-see', undefined, undefined, unstyled)}>
        {messages.cantSeeImages}
      </button>
      {shown ? (
        <p id={helpId} {...partProps('cant-see-help', undefined, undefined, unstyled)}>
          {help}
        </p>
      ) : null}
    </>
  );
}
