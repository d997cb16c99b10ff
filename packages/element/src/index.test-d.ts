import type { MfaErrorKind, MfaEventName, MfaStep, SyncState } from '@mfa-kit/core';
import { describe, expectTypeOf, it } from 'vitest';
import type { MfaCompleteDetail, MfaFlowElement, MfaMessages } from './index';

describe('<mfa-flow> types', () => {
  it('is in HTMLElementTagNameMap: querySelector and createElement know it', () => {
    expectTypeOf(document.querySelector('mfa-flow')).toEqualTypeOf<MfaFlowElement | null>();
    expectTypeOf(document.createElement('mfa-flow')).toEqualTypeOf<MfaFlowElement>();
  });

  it('types each event’s detail, on the element and on the document', () => {
    const flow = document.createElement('mfa-flow');
    flow.addEventListener('mfa-complete', (event) => {
      expectTypeOf(event.detail).toEqualTypeOf<MfaCompleteDetail>();
      expectTypeOf(event.detail.sync).toEqualTypeOf<SyncState>();
    });
    flow.addEventListener('mfa-error', (event) => expectTypeOf(event.detail.error.kind).toEqualTypeOf<MfaErrorKind>());
    // `null` when the element's own connection-id attribute is not a connection id.
    flow.addEventListener('mfa-error', (event) => expectTypeOf(event.detail.connectionId).toEqualTypeOf<number | null>());
    flow.addEventListener('mfa-event', (event) => expectTypeOf(event.detail.name).toEqualTypeOf<MfaEventName>());
    document.addEventListener('mfa-step-change', (event) => expectTypeOf(event.detail.step).toEqualTypeOf<MfaStep>());
    document.addEventListener('mfa-expire', (event) => expectTypeOf(event.detail.connectionId).toEqualTypeOf<number>());
  });

  it('types the attributes’ properties and the properties-only options', () => {
    const flow = document.createElement('mfa-flow');
    expectTypeOf(flow.connectionId).toEqualTypeOf<number | null>();
    expectTypeOf(flow.updates).toEqualTypeOf<'push' | 'polling'>();
    expectTypeOf(flow.autoStart).toEqualTypeOf<boolean | 'auto'>();
    expectTypeOf(flow.messages).toEqualTypeOf<Partial<MfaMessages> | undefined>();
    expectTypeOf<{ theme: 'blue' }>().not.toMatchTypeOf<Pick<JSX.IntrinsicElements['mfa-flow'], 'theme'>>();
    expectTypeOf<{ 'connection-id': string; 'base-url': string; updates: 'push' }>().toMatchTypeOf<JSX.IntrinsicElements['mfa-flow']>();
  });
});
