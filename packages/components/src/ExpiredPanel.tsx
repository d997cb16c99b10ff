import { RestartPanel, type RestartPanelProps } from './RestartPanel';

/** Props of {@link ExpiredPanel}. */
export type ExpiredPanelProps = Omit<RestartPanelProps, 'reason'>;

/** A realtime challenge ran out of time: "The PIN expired" and a one-click "Send a new PIN". */
export function ExpiredPanel(props: ExpiredPanelProps) {
  return <RestartPanel {...props} reason="expired" />;
}
