import type * as Core from '@mfa-kit/core';
import type { UseMfaChallengeOptions } from '@mfa-kit/hooks';
import type * as Components from './index';
import type { ComponentProps } from 'react';
import { describe, expectTypeOf, it } from 'vitest';
import type { durationPlural, MfaFlow, MfaFlowProps, MfaMessages, messagesAr, messagesDe, messagesEs, messagesFr } from './index';

describe('MfaFlow props', () => {
  it('requires a numeric connectionId and takes baseUrl as a string', () => {
    expectTypeOf<ComponentProps<typeof MfaFlow>>().toEqualTypeOf<MfaFlowProps>();
    expectTypeOf<MfaFlowProps['connectionId']>().toEqualTypeOf<number>();
    expectTypeOf<MfaFlowProps['baseUrl']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<{ connectionId: number; baseUrl: string }>().toExtend<MfaFlowProps>();
    expectTypeOf<{ baseUrl: string }>().not.toExtend<MfaFlowProps>();
    expectTypeOf<{ connectionId: string; baseUrl: string }>().not.toExtend<MfaFlowProps>();
    // Every hook option passes through.
    expectTypeOf<MfaFlowProps>().toExtend<UseMfaChallengeOptions>();
  });

  it('takes a partial, typed override of the messages', () => {
    expectTypeOf<MfaFlowProps['messages']>().toEqualTypeOf<Partial<MfaMessages> | undefined>();
    expectTypeOf<{ connectionId: 1; messages: { submit: string } }>().toExtend<MfaFlowProps>();
    expectTypeOf<{ connectionId: 1; messages: typeof messagesEs }>().toExtend<MfaFlowProps>();
    expectTypeOf<{ connectionId: 1; messages: { submit: number } }>().not.toExtend<MfaFlowProps>();
    expectTypeOf<{ connectionId: 1; messages: { countdownAnnouncement: (time: string) => string } }>().toExtend<MfaFlowProps>();
  });

  it('exports every catalogue as a complete MfaMessages', () => {
    expectTypeOf<typeof messagesFr>().toEqualTypeOf<MfaMessages>();
    expectTypeOf<typeof messagesDe>().toEqualTypeOf<MfaMessages>();
    expectTypeOf<typeof messagesAr>().toEqualTypeOf<MfaMessages>();
    expectTypeOf<{ connectionId: 1; messages: typeof messagesAr; locale: 'ar' }>().toExtend<MfaFlowProps>();
    // A catalogue may make its verb agree with the count, and may ignore it.
    expectTypeOf<{ connectionId: 1; messages: { countdownAnnouncement: (time: string, seconds?: number, locale?: string) => string } }>().toExtend<MfaFlowProps>();
    expectTypeOf<ReturnType<typeof durationPlural>>().toEqualTypeOf<Intl.LDMLPluralRule>();
  });
});

describe('the types of the components’ props, from the components alone (issue 21)', () => {
  it('re-exports them as hooks and core define them', () => {
    expectTypeOf<Components.UseMfaChallengeOptions>().toEqualTypeOf<UseMfaChallengeOptions>();
    expectTypeOf<Components.Challenge>().toEqualTypeOf<Core.Challenge>();
    expectTypeOf<Components.MfaErrorKind>().toEqualTypeOf<Core.MfaErrorKind>();
    expectTypeOf<Components.Choice>().toEqualTypeOf<Core.Choice>();
  });
});
