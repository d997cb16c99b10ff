import { toSafeImageSrc } from '@mfa-kit/core';
import type { AnswerRefusalReason, AnswerValue, ChoiceChallenge, ImageChoiceChallenge, ImageInput } from '@mfa-kit/core';
import type * as React from 'react';
import { mergeProps } from './mergeProps';
import { flag, part } from './parts';
import { choiceGroup, createChoiceNodes, type ChoiceNodes } from './useChoiceGroup';
import { codeInputProps } from './useCodeInput';
import type { MfaStrings } from './strings';
import type { PropsWithRef, UseMfaChallengeResult } from './types';

/** What the prop getters read from `useMfaChallenge`. */
export interface PropGetterState {
  baseId: string;
  answers: Readonly<Record<number, AnswerValue | undefined>>;
  refusals: Readonly<Record<number, AnswerRefusalReason>>;
  setAnswer: (challengeId: number, value: AnswerValue | undefined) => void;
  submit: () => Promise<void>;
  isSubmitting: boolean;
  canSubmit: boolean;
  strings: MfaStrings;
  /** Each choice challenge's option elements, by challenge id, for roving focus. */
  choiceNodes: Map<number, ChoiceNodes<number>>;
}

type Getters = Pick<
  UseMfaChallengeResult,
  | 'getFormProps'
  | 'getChoiceGroupProps'
  | 'getChoiceProps'
  | 'getCodeInputProps'
  | 'getCaptchaImageProps'
  | 'getChoiceImageProps'
  | 'getSubmitProps'
  | 'getIds'
>;

const sameKey = (value: AnswerValue | undefined, key: number) =>
  value !== undefined && (value === key || (typeof value === 'string' && value.trim() !== '' && Number(value) === key));

function imageProps(image: ImageInput | undefined, alt: string, name: string): Record<string, unknown> {
  const safe = image === undefined ? { ok: false as const, reason: 'invalid' } : toSafeImageSrc(image);
  // Refused (javascript:, http: on https, malformed): no src at all, and say so for styling.
  return { ...part(name), alt, ...(safe.ok ? { src: safe.src } : { 'data-invalid': '', 'data-reason': safe.reason }) };
}

/** Builds the prop getters of {@link useMfaChallenge}. Pure over its state; called on every render. */
export function createPropGetters(state: PropGetterState): Getters {
  const { baseId, answers, refusals, setAnswer, submit, isSubmitting, canSubmit, strings, choiceNodes } = state;

  const getIds: Getters['getIds'] = (challengeId) => {
    const id = (name: string) => `${baseId}-${challengeId}-${name}`;
    return { label: id('label'), hint: id('hint'), error: id('error'), input: id('input') };
  };
  /** A refused challenge's error id, for `aria-describedby`; `undefined` while it is not refused. */
  const errorId = (challengeId: number) => (refusals[challengeId] === undefined ? undefined : getIds(challengeId).error);

  const getFormProps: Getters['getFormProps'] = (props) =>
    mergeProps(
      {
        ...part('form'),
        // The hook validates (and explains) answers itself; native validation would block that.
        noValidate: true,
        'aria-busy': isSubmitting || undefined,
        onSubmit: (event: React.FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          void submit();
        },
      },
      props,
    );

  /** The challenge's radiogroup, on the one implementation `useChoiceGroup` uses. */
  const group = (challenge: ChoiceChallenge | ImageChoiceChallenge) => {
    let nodes = choiceNodes.get(challenge.id);
    if (!nodes) choiceNodes.set(challenge.id, (nodes = createChoiceNodes()));
    const keys = challenge.choices.map((c) => c.key);
    return choiceGroup(
      {
        keys,
        value: keys.find((key) => sameKey(answers[challenge.id], key)),
        onChange: (key) => setAnswer(challenge.id, key),
        readOnly: !challenge.shouldAnswer,
        labelledBy: getIds(challenge.id).label,
      },
      nodes,
    );
  };

  const getChoiceGroupProps: Getters['getChoiceGroupProps'] = ({ challenge, ...props }) => {
    const error = errorId(challenge.id);
    return group(challenge).getGroupProps(
      mergeProps(
        {
          ...part('choice-group'),
          'data-invalid': flag(!!error),
          id: `${getIds(challenge.id).input}-group`,
          'aria-describedby': error,
          'aria-invalid': !!error || undefined,
          'aria-required': challenge.shouldAnswer || undefined,
        },
        props,
      ),
    );
  };

  const getChoiceProps: Getters['getChoiceProps'] = ({ challenge, choice, ...props }) => {
    const readOnly = !challenge.shouldAnswer;
    return group(challenge).getChoiceProps({
      key: choice.key,
      ...mergeProps<PropsWithRef<HTMLElement>>(
        {
          ...part('choice'),
          'data-disabled': flag(readOnly),
          id: `${getIds(challenge.id).input}-${choice.key}`,
          'aria-disabled': readOnly || undefined,
        },
        props,
      ),
    });
  };

  const getCodeInputProps: Getters['getCodeInputProps'] = ({ challenge, length, format = 'text', ...props }) => {
    const value = answers[challenge.id];
    const error = errorId(challenge.id);
    return codeInputProps(
      {
        value: value === undefined ? '' : String(value),
        onChange: (text) => setAnswer(challenge.id, text),
        length,
        format,
        // A PIN (digits, a known length, a realtime text challenge) is a one-time code; a
        // security question's answer keeps its spaces.
        oneTimeCode: format === 'numeric' || length !== undefined || (challenge.kind === 'text' && challenge.deadline !== null),
        readOnly: !challenge.shouldAnswer,
        required: challenge.shouldAnswer,
        invalid: !!error,
        describedBy: error,
      },
      mergeProps({ ...part('code-input'), id: getIds(challenge.id).input, name: `mfa-challenge-${challenge.id}` }, props),
    );
  };

  const getCaptchaImageProps: Getters['getCaptchaImageProps'] = ({ challenge, ...props }) =>
    mergeProps(
      { ...imageProps(challenge.kind === 'captcha' ? challenge.image : undefined, strings.captchaAlt, 'captcha-image'), id: `${getIds(challenge.id).input}-image` },
      props,
    );

  const getChoiceImageProps: Getters['getChoiceImageProps'] = ({ challenge, choice, ...props }) => {
    const position = challenge.choices.findIndex((c) => c.key === choice.key) + 1;
    const alt = choice.label ?? strings.imageChoiceAlt(position, challenge.choices.length);
    return mergeProps(imageProps(choice.image, alt, 'choice-image'), props);
  };

  const getSubmitProps: Getters['getSubmitProps'] = (props) => {
    const disabled = isSubmitting || !canSubmit;
    return mergeProps(
      {
        ...part('submit'),
        'data-state': isSubmitting ? 'submitting' : 'idle',
        type: 'submit',
        // aria-disabled keeps the button focusable (and announced) while a submit is in flight.
        'aria-disabled': disabled || undefined,
        onClick: (event: React.MouseEvent<HTMLButtonElement>) => {
          if (disabled) event.preventDefault();
        },
      },
      props,
    );
  };

  return {
    getIds,
    getFormProps,
    getChoiceGroupProps,
    getChoiceProps,
    getCodeInputProps,
    getCaptchaImageProps,
    getChoiceImageProps,
    getSubmitProps,
  };
}
