import type { Challenge, ImageChoice, ImageChoiceChallenge, MfaError, ServerClock, SyncState } from '@mfa-kit/core';
import type * as React from 'react';
import { describe, expectTypeOf, it } from 'vitest';
import { QueryClient, useQuery } from '@tanstack/react-query';
import { mfaSyncQueryKey, mfaSyncQueryOptions, useCountdown, useMfaChallenge } from './index';
import type * as Hooks from './index';
import type { CountdownSource, CountdownStatus, MfaConnectivity, MfaEventName, MfaStep, UseCountdownResult, UseMfaChallengeResult } from './index';

// Hooks are only type-checked here, never called.
declare const mfa: UseMfaChallengeResult;
declare const challenge: Challenge;
declare const imageChallenge: ImageChoiceChallenge;
declare const image: ImageChoice;

describe('useMfaChallenge', () => {
  it('takes a connection id and options, and returns UseMfaChallengeResult', () => {
    expectTypeOf(useMfaChallenge).parameter(0).toEqualTypeOf<number>();
    expectTypeOf(useMfaChallenge).returns.toEqualTypeOf<UseMfaChallengeResult>();
    expectTypeOf(mfa.step).toEqualTypeOf<MfaStep>();
    expectTypeOf(mfa.sync).toEqualTypeOf<SyncState | null>();
    expectTypeOf(mfa.error).toEqualTypeOf<MfaError | null>();
    expectTypeOf(mfa.deadline).toEqualTypeOf<number | null>();
    expectTypeOf(mfa.clock).toEqualTypeOf<ServerClock>();
    expectTypeOf(mfa.submit).returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf(mfa.connectivity).toEqualTypeOf<MfaConnectivity>();
    expectTypeOf<MfaConnectivity>().toEqualTypeOf<'online' | 'retrying' | 'offline' | 'server_error'>();
    expectTypeOf(mfa.request).toEqualTypeOf<'idle' | 'starting' | 'submitting' | 'confirming'>();
    expectTypeOf<MfaStep['type']>().toEqualTypeOf<'idle' | 'wait' | 'answer' | 'expired' | 'restart' | 'credentials' | 'config' | 'done' | 'failed'>();
  });

  it('prop getters return props that spread on div, input, img, button and form', () => {
    expectTypeOf(mfa.getChoiceGroupProps({ challenge: imageChallenge })).toExtend<React.ComponentProps<'div'>>();
    expectTypeOf(mfa.getChoiceProps({ challenge: imageChallenge, choice: image })).toExtend<React.ComponentProps<'div'>>();
    expectTypeOf(mfa.getChoiceProps({ challenge: imageChallenge, choice: image })).toExtend<React.ComponentProps<'li'>>();
    expectTypeOf(mfa.getCodeInputProps({ challenge })).toExtend<React.ComponentProps<'input'>>();
    expectTypeOf(mfa.getCaptchaImageProps({ challenge })).toExtend<React.ComponentProps<'img'>>();
    expectTypeOf(mfa.getChoiceImageProps({ challenge: imageChallenge, choice: image })).toExtend<React.ComponentProps<'img'>>();
    expectTypeOf(mfa.getSubmitProps()).toExtend<React.ComponentProps<'button'>>();
    expectTypeOf(mfa.getFormProps()).toExtend<React.ComponentProps<'form'>>();
    // An input's props are not a button's: the getters are typed per element.
    expectTypeOf(mfa.getCodeInputProps({ challenge }).ref).toEqualTypeOf<React.RefCallback<HTMLInputElement> | undefined>();
    expectTypeOf(mfa.getIds(1)).toEqualTypeOf<{ label: string; hint: string; error: string; input: string }>();
    expectTypeOf(mfa.getRootProps()).toExtend<React.ComponentProps<'section'>>();
    expectTypeOf(mfa.getHeadingProps()).toExtend<React.ComponentProps<'h2'>>();
    expectTypeOf(mfa.getLabelProps({ challenge })).toExtend<React.ComponentProps<'label'>>();
    expectTypeOf(mfa.getErrorProps({ challenge })).toExtend<React.ComponentProps<'p'>>();
  });

  it('getChoiceGroupProps accepts only choice challenges', () => {
    // @ts-expect-error a text challenge has no choices
    mfa.getChoiceGroupProps({ challenge: { ...challenge, kind: 'text' } });
  });
});

describe('MfaEventName', () => {
  it('is the closed union of stable event names', () => {
    expectTypeOf<MfaEventName>().toEqualTypeOf<
      | 'sync_started'
      | 'sync_restarted'
      | 'credentials_submitted'
      | 'step_changed'
      | 'challenge_shown'
      | 'answer_submitted'
      | 'answer_accepted'
      | 'answer_refused'
      | 'answer_failed'
      | 'answer_in_doubt'
      | 'challenge_expired'
      | 'resend_auto'
      | 'sync_completed'
      | 'sync_failed'
      | 'request_failed'
      | 'retrying'
      | 'offline'
      | 'server_error'
      | 'online'
      | 'unauthorized'
      | 'push_failed'
      | 'alternative_requested'
    >();
    expectTypeOf<'sync_done'>().not.toExtend<MfaEventName>();
  });
});

describe('useCountdown', () => {
  it('returns a status union and formatted time', () => {
    expectTypeOf(useCountdown).parameter(0).toEqualTypeOf<number | null | CountdownSource>();
    expectTypeOf(mfa).toExtend<CountdownSource>();
    expectTypeOf(useCountdown).returns.toEqualTypeOf<UseCountdownResult>();
    expectTypeOf<UseCountdownResult['status']>().toEqualTypeOf<CountdownStatus>();
    expectTypeOf<CountdownStatus>().toEqualTypeOf<'running' | 'warning' | 'expired'>();
    expectTypeOf<UseCountdownResult['formatted']>().toEqualTypeOf<string>();
    expectTypeOf<NonNullable<UseCountdownResult['announcement']>['reason']>().toEqualTypeOf<'appeared' | 'threshold' | 'expired'>();
  });
});

describe('core types a partner needs, from the hooks alone (issue 21: pnpm’s strict layout)', () => {
  it('re-exports the types of the hooks’ API as core defines them', () => {
    expectTypeOf<Hooks.Challenge>().toEqualTypeOf<Challenge>();
    expectTypeOf<Hooks.SyncState>().toEqualTypeOf<SyncState>();
    expectTypeOf<Hooks.MfaError>().toEqualTypeOf<MfaError>();
    expectTypeOf<Hooks.MfaErrorKind>().toEqualTypeOf<MfaError['kind']>();
    expectTypeOf<Hooks.ImageChoice>().toEqualTypeOf<ImageChoice>();
    expectTypeOf<Hooks.ServerClock>().toEqualTypeOf<ServerClock>();
  });
});

describe('the sync in React Query', () => {
  it('types the sync read with mfaSyncQueryOptions, and the key for getQueryData', () => {
    const useBadge = () => useQuery(mfaSyncQueryOptions(1)).data;
    expectTypeOf(useBadge).returns.toEqualTypeOf<SyncState | undefined>();
    expectTypeOf(new QueryClient().getQueryData(mfaSyncQueryKey(1))).toEqualTypeOf<SyncState | undefined>();
  });
});
