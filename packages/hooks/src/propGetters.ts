import { toSafeImageSrc } from '@mfa-kit/core';
import type { ChoiceChallenge, ImageChoiceChallenge, ImageInput } from '@mfa-kit/core';
import type * as React from 'react';
import { mergeProps } from './mergeProps';
import { fieldState, flag, part } from './parts';
import { choiceGroup, createChoiceNodes, type ChoiceNodes } from './useChoiceGroup';
import { codeInputProps } from './useCodeInput';
import type { MfaStrings } from './strings';
import type { PropsWithRef, UseMfaChallengeResult } from './types';

/** What the prop getters read of `useMfaChallenge`'s result. */
export type PropGetterState = Pick<UseMfaChallengeResult, 'answers' | 'refusals' | 'setAnswer' | 'submit' | 'isSubmitting' | 'canSubmit'>;

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

/**
 * Builds the prop getters of {@link useMfaChallenge}. Pure over its state; called on every render.
 * `choiceNodes` keeps each choice challenge's option elements, by challenge id, for roving focus.
 */
export function createPropGetters(
  { answers, refusals, setAnswer, submit, isSubmitting, canSubmit }: PropGetterState,
  baseId: string,
  strings: MfaStrings,
  choiceNodes: Map<number, ChoiceNodes<number>>,
): Getters {
  const idOf = (challengeId: number, name: string) => `${baseId}-${challengeId}-${name}`;
  /** A refused challenge's error id, for `aria-describedby`; `undefined` while it is not refused. */
  const errorId = (challengeId: number) => (refusals[challengeId] ? idOf(challengeId, 'error') : undefined);
  /** Our props for one part (`data-scope="mfa"`, `data-part`), merged with the caller's. */
  const own = <T extends object>(name: string, ours: Record<string, unknown>, theirs: object | undefined) =>
    mergeProps<T>({ ...part(name), ...ours }, theirs);
  /** An image part: a safe `src`, or none at all (`javascript:`, `http:` on https, malformed) and the reason, for styling. */
  const image = <T extends object>(name: string, input: ImageInput | undefined, alt: string, theirs: object, id?: string) => {
    const safe = input === undefined ? { ok: false as const, reason: 'invalid' } : toSafeImageSrc(input);
    return own<T>(name, { id, alt, ...(safe.ok ? { src: safe.src } : { 'data-invalid': '', 'data-reason': safe.reason }) }, theirs);
  };

  /** The challenge's radiogroup, on the one implementation `useChoiceGroup` uses. */
  const group = (challenge: ChoiceChallenge | ImageChoiceChallenge) => {
    let nodes = choiceNodes.get(challenge.id);
    if (!nodes) choiceNodes.set(challenge.id, (nodes = createChoiceNodes()));
    const keys = challenge.choices.map((c) => c.key);
    const value = answers[challenge.id];
    return choiceGroup(
      {
        keys,
        // A choice answer is its key, or the key as a (non-blank) numeric string.
        value: keys.find((key) => value === key || (typeof value === 'string' && value.trim() !== '' && Number(value) === key)),
        onChange: (key) => setAnswer(challenge.id, key),
        readOnly: !challenge.shouldAnswer,
        labelledBy: idOf(challenge.id, 'label'),
      },
      nodes,
    );
  };

  return {
    getIds: (challengeId) => ({
      label: idOf(challengeId, 'label'),
      hint: idOf(challengeId, 'hint'),
      error: idOf(challengeId, 'error'),
      input: idOf(challengeId, 'input'),
    }),

    getFormProps: (props) =>
      own(
        'form',
        {
          // The hook validates (and explains) answers itself; native validation would block that.
          noValidate: true,
          'aria-busy': isSubmitting || undefined,
          onSubmit: (event: React.FormEvent) => {
            event.preventDefault();
            void submit();
          },
        },
        props,
      ),

    getChoiceGroupProps: ({ challenge, ...props }) => {
      const error = errorId(challenge.id);
      return group(challenge).getGroupProps(
        own('choice-group', { id: idOf(challenge.id, 'input-group'), ...fieldState(challenge.shouldAnswer, error, error) }, props),
      );
    },

    getChoiceProps: ({ challenge, choice, ...props }) => {
      const readOnly = !challenge.shouldAnswer;
      return group(challenge).getChoiceProps({
        key: choice.key,
        ...own<PropsWithRef<HTMLElement>>(
          'choice',
          { 'data-disabled': flag(readOnly), id: idOf(challenge.id, `input-${choice.key}`), 'aria-disabled': readOnly || undefined },
          props,
        ),
      });
    },

    getCodeInputProps: ({ challenge, length, format, ...props }) => {
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
        own('code-input', { id: idOf(challenge.id, 'input'), name: `mfa-challenge-${challenge.id}` }, props),
      );
    },

    getCaptchaImageProps: ({ challenge, ...props }) =>
      image('captcha-image', challenge.kind === 'captcha' ? challenge.image : undefined, strings.captchaAlt, props, idOf(challenge.id, 'input-image')),

    getChoiceImageProps: ({ challenge: { choices }, choice, ...props }) =>
      image('choice-image', choice.image, choice.label ?? strings.imageChoiceAlt(choices.findIndex((c) => c.key === choice.key) + 1, choices.length), props),

    getSubmitProps: (props) => {
      const disabled = isSubmitting || !canSubmit;
      return own(
        'submit',
        {
          'data-state': isSubmitting ? 'submitting' : 'idle',
          type: 'submit',
          // aria-disabled keeps the button focusable (and announced) while a submit is in flight.
          'aria-disabled': disabled || undefined,
          onClick: (event: React.MouseEvent) => {
            if (disabled) event.preventDefault();
          },
        },
        props,
      );
    },
  };
}
