import { MfaFlow } from '@mfa-kit/components';

/** Props of {@link DropInFlow}. */
export interface DropInFlowProps {
  connectionId: number;
  onComplete: () => void;
}

/** The drop-in: one component, pointed at the app's own backend (which holds the Quovo token). */
export function DropInFlow({ connectionId, onComplete }: DropInFlowProps) {
  return (
    <MfaFlow
      connectionId={connectionId}
      baseUrl="/api/quovo"
      autoStart
      theme="light"
      headingLevel={3}
      className="tally-mfa"
      onComplete={onComplete}
    />
  );
}
