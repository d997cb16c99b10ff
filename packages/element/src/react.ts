/**
 * `<mfa-flow>` in React's JSX: `import type {} from '@mfa-kit/element/react'` once, then write
 * `<mfa-flow connection-id="…" base-url="…" />` and listen to its events with a ref and
 * `addEventListener`. Types only; the module is empty. (A React app is better served by
 * `MfaFlow` from `@mfa-kit/components`, without a second React inside the element.)
 * @packageDocumentation
 */
import type { MfaFlowAttributes, MfaFlowElement } from './index';

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'mfa-flow': MfaFlowAttributes & React.HTMLAttributes<MfaFlowElement> & React.RefAttributes<MfaFlowElement>;
    }
  }
}

export {};
