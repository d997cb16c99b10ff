import type { ComponentProps } from 'react';
import { fn } from 'storybook/test';
import { MfaFlow } from '../packages/components/src/MfaFlow';
import { sandboxOf, STORY_POLL_POLICY } from './sandbox';

type MfaFlowProps = ComponentProps<typeof MfaFlow>;

/**
 * What the `MfaFlow` catalogue (`MfaFlow.stories.tsx`) and its walkthroughs
 * (`MfaFlowWalkthroughs.stories.tsx`) share: the args, with every callback a spy. The catalogue
 * opens a sandbox already at its moment (`autoStart: false`); a walkthrough starts the sync.
 */
export function mfaFlowArgs(autoStart: boolean) {
  return {
    // Placeholders: each story's render passes its own sandbox connection and base URL.
    connectionId: 0,
    baseUrl: '',
    autoStart,
    pollPolicy: STORY_POLL_POLICY,
    headingLevel: 2,
    maskPin: false,
    autoSubmitPin: true,
    unstyled: false,
    onComplete: fn(),
    onExpire: fn(),
    onError: fn(),
    onEvent: fn(),
  } satisfies MfaFlowProps;
}

/** The controls both files offer: none for what the sandbox supplies. */
export const mfaFlowArgTypes = {
  connectionId: { control: false },
  baseUrl: { control: false },
  pollPolicy: { control: false },
  clock: { control: false },
  transport: { control: false },
  messages: { control: false },
  theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
  pinFormat: { control: 'inline-radio', options: ['numeric', 'text'] },
  headingLevel: { control: { type: 'number', min: 2, max: 6 } },
} as const;

/** Renders the flow on the story's own sandbox (its connection, base URL and clock). */
export function renderMfaFlow(args: MfaFlowProps, context: { loaded: Record<string, unknown> }) {
  const sandbox = sandboxOf(context);
  return <MfaFlow key={sandbox.baseUrl} {...args} connectionId={sandbox.connectionId} baseUrl={sandbox.baseUrl} clock={sandbox.flowClock ?? args.clock} />;
}
