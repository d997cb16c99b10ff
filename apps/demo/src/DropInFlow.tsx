import { MfaFlow } from '@mfa-kit/components';
import type { SyncTransport } from '@mfa-kit/core';

/** Props of {@link DropInFlow}. */
export interface DropInFlowProps {
  connectionId: number;
  onComplete: () => void;
  /** Push (server-sent events) or polling, from the page's switch. */
  transport: SyncTransport;
}

/** The drop-in: one component, pointed at the app's own backend (which holds the Quovo token). */
export function DropInFlow({ connectionId, onComplete, transport }: DropInFlowProps) {
  return (
    <MfaFlow
      connectionId={connectionId}
      transport={transport}
      autoStart
      theme="light"
      headingLevel={3}
      className="tally-mfa"
      onComplete={onComplete}
    />
  );
}
