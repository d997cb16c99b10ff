import type { UseMfaChallengeOptions } from '@mfa-kit/hooks';
import type { ComponentProps } from 'react';
import { describe, expectTypeOf, it } from 'vitest';
import type { MfaFlow, MfaFlowProps, MfaMessages, messagesEs } from './index';

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
});
