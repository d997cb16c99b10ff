import { RestartPanel, type RestartPanelProps } from './RestartPanel';

/** Props of {@link ExpiredPanel}. */
export type ExpiredPanelProps = Omit<RestartPanelProps, 'reason'>;

/** A realtime challenge ran out of time: "The code expired" and a one-click "Send a new code". */
export function ExpiredPanel(props: ExpiredPanelProps) {
  return <RestartPanel {...props} reason="expired" />;
}
