import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { visuallyHidden } from './visuallyHidden';

/** How urgently a screen reader should speak: `polite` waits its turn, `assertive` interrupts. */
export type Politeness = 'polite' | 'assertive';

/** Speaks a message through the nearest {@link Announcer}'s live regions. */
export type Announce = (text: string, politeness?: Politeness) => void;

const AnnounceContext = createContext<Announce | null>(null);

/** The nearest {@link Announcer}'s `announce`, or `null` outside one (a part used on its own). */
export function useAnnounce(): Announce | null {
  return useContext(AnnounceContext);
}

/**
 * Says `words` once each time `key` changes to a truthy value: the moment something happens, not
 * each time the words are rebuilt (a partner's inline `messages` object is new on every render).
 * Outside an {@link Announcer} it does nothing.
 */
export function useAnnounceOnChange(key: unknown, words: string | null | undefined, politeness?: Politeness): void {
  const announce = useAnnounce();
  const latest = useRef(words);
  useEffect(() => {
    latest.current = words;
  });
  useEffect(() => {
    if (announce && key && latest.current) announce(latest.current, politeness);
  }, [announce, key, politeness]);
}

/** How long a message stays in its region: long enough to be read, short enough not to go stale. */
const CLEAR_AFTER_MS = 7000;

interface Message {
  text: string;
  id: number;
}

/**
 * One polite and one assertive live region, rendered before anything is said (a region
 * inserted together with its text is not spoken by most screen readers). Each message is a new
 * node, so saying the same words twice (a second refused submit) is spoken twice; it is cleared
 * after a few seconds so no stale text lingers ("2 minutes left" beside a timer at 1:54).
 */
export function Announcer({ children }: { children: ReactNode }) {
  const [messages, setMessages] = useState<Record<Politeness, Message | null>>({ polite: null, assertive: null });
  const next = useRef(0);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  const announce = useCallback<Announce>((text, politeness = 'polite') => {
    const message = { text, id: ++next.current };
    setMessages((current) => ({ ...current, [politeness]: message }));
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      setMessages((current) => (current[politeness] === message ? { ...current, [politeness]: null } : current));
    }, CLEAR_AFTER_MS);
    timers.current.add(timer);
  }, []);
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      {(['polite', 'assertive'] as const).map((politeness) => (
        <div key={politeness} aria-live={politeness} aria-atomic="true" style={visuallyHidden} data-scope="mfa" data-part={`announcer-${politeness}`}>
          {messages[politeness] ? <p key={messages[politeness].id}>{messages[politeness].text}</p> : null}
        </div>
      ))}
    </AnnounceContext.Provider>
  );
}
