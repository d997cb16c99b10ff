import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { messagesEn, type MfaMessages } from './messages';

/** What {@link useMfaMessages} returns. */
export interface MfaMessagesValue {
  /** The full catalogue: English, then each provider's overrides, key by key. */
  messages: MfaMessages;
  /** The BCP 47 locale for `Intl` formatting. */
  locale: string;
}

const MessagesContext = createContext<MfaMessagesValue>({ messages: messagesEn, locale: 'en' });

/** Props of {@link MfaMessagesProvider}. */
export interface MfaMessagesProviderProps {
  /** Messages to override, key by key; the rest come from the enclosing provider (English by default). @default {} */
  messages?: Partial<MfaMessages>;
  /** The locale for `Intl` formatting of times and numbers. @default the enclosing provider's, else 'en' */
  locale?: string;
  /** The parts that use these messages. */
  children?: ReactNode;
}

/**
 * Supplies the words of every part below it. Nested providers merge: each overrides only the
 * keys it names. Pass `messagesEs`, `messagesFr`, `messagesDe` or `messagesAr` (with its
 * `locale`) for another language.
 */
export function MfaMessagesProvider({ messages, locale, children }: MfaMessagesProviderProps) {
  const parent = useContext(MessagesContext);
  const value = useMemo<MfaMessagesValue>(
    () => ({ messages: messages ? { ...parent.messages, ...messages } : parent.messages, locale: locale ?? parent.locale }),
    [parent, messages, locale],
  );
  return <MessagesContext.Provider value={value}>{children}</MessagesContext.Provider>;
}

/** The messages and locale in effect. */
export function useMfaMessages(): MfaMessagesValue {
  return useContext(MessagesContext);
}
