/**
 * @mfa-kit/element: `<mfa-flow>`, the drop-in MFA flow as a custom element for any page: plain
 * HTML, Vue, Angular or server-rendered. Importing this module registers the element.
 * @packageDocumentation
 */
import { defineMfaFlowElement, MfaFlowElement } from './element';
import type { MfaFlowAttributes, MfaFlowElementEventMap } from './types';

export { MfaFlowElement, defineMfaFlowElement };
export type {
  MfaCompleteDetail,
  MfaErrorDetail,
  MfaEventDetail,
  MfaExpireDetail,
  MfaFlowAttributes,
  MfaFlowElementEventMap,
  MfaStepChangeDetail,
  MfaUpdates,
} from './types';
/** Core's types that the events' `detail` carries, re-exported so a page needs no other package for them. */
export type { Challenge, MfaError, MfaErrorKind, MfaEventMeta, MfaEventName, MfaStep, SyncState } from '@mfa-kit/core';
/** The words the `messages` property takes, key by key. */
export type { MfaMessages } from '@mfa-kit/components';

/** What JSX (Preact, Solid and other frameworks that read the global `JSX` namespace) accepts on `<mfa-flow>`. */
export type MfaFlowJsxProps = MfaFlowAttributes & { [attribute: `data-${string}`]: string | undefined; id?: string; class?: string; className?: string; hidden?: boolean };

declare global {
  interface HTMLElementTagNameMap {
    'mfa-flow': MfaFlowElement;
  }
  // The events bubble and are composed: `document.addEventListener('mfa-complete', …)` is typed too.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends MfaFlowElementEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'mfa-flow': MfaFlowJsxProps;
    }
  }
}

defineMfaFlowElement();
