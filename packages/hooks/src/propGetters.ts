import { challengeField, findChoice, imageText, toSafeImageSrc } from '@mfa-kit/core';
import type { Challenge, ChoiceChallenge, ChoiceKey, ImageChoiceChallenge, ImageInput } from '@mfa-kit/core';
import type * as React from 'react';
import { mergeProps } from './mergeProps';
import { fieldState, flag, part } from './parts';
import type { MfaHookMessages } from './strings';
import { choiceGroup, createChoiceNodes, type ChoiceNodes } from './useChoiceGroup';
import { codeInputProps } from './useCodeInput';
import type { MfaGetters, PropsWithRef, UseMfaChallengeResult } from './types';

/** What the prop getters read of `useMfaChallenge`'s result. */
export type PropGetterState = Pick<UseMfaChallengeResult, 'step' | 'answers' | 'refusals' | 'setAnswer' | 'submit' | 'isSubmitting' | 'canSubmit' | 'error'>;

/** How the getters are wired to one hook instance. */
export interface PropGetterContext {
  /** Prefix of every id (from `useId`). */
  baseId: string;
  /** The words the getters put in the DOM. */
  messages: MfaHookMessages;
  /** Each choice challenge's option elements, by challenge id, for roving focus. */
  choiceNodes: Map<number, ChoiceNodes<ChoiceKey>>;
  /** Receives the root element, for focus management. */
  root: React.RefCallback<HTMLElement>;
  /** Told when the form is submitted, so focus can go to what needs fixing once the outcome is known. */
  onSubmit: () => void;
}

/**
 * Builds the prop getters of {@link useMfaChallenge}. Pure over its state; called on every render.
 */
export function createPropGetters(
  { step, answers, refusals, setAnswer, submit, isSubmitting, canSubmit, error }: PropGetterState,
  { baseId, messages, choiceNodes, root, onSubmit }: PropGetterContext,
): MfaGetters {
  const idOf = (challengeId: number, name: string) => `${baseId}-${challengeId}-${name}`;
  /** A refused challenge's error id, for `aria-describedby`; `undefined` while it is not refused. */
  const errorId = (challengeId: number) => (refusals[challengeId] ? idOf(challengeId, 'error') : undefined);
  /** Our props for one part (`data-scope="mfa"`, `data-part`), merged with the caller's. */
  const own = <T extends object>(name: string, ours: Record<string, unknown>, theirs: object | undefined) => mergeProps<T>({ ...part(name), ...ours }, theirs);
  /** An image part: a safe `src`, or none at all (`javascript:`, `http:` on https, malformed) and the reason, for styling. */
  const image = <T extends object>(name: string, input: ImageInput | undefined, alt: string, theirs: object, id?: string) => {
    // No image at all is refused as `invalid`, like an empty one.
    const safe = toSafeImageSrc(input);
    return own<T>(name, { id, alt, ...(safe.ok ? { src: safe.src } : { 'data-invalid': '', 'data-reason': safe.reason }) }, theirs);
  };

  /** The challenge's radiogroup, on the one implementation `useChoiceGroup` uses. */
  const group = (challenge: ChoiceChallenge | ImageChoiceChallenge) => {
    let nodes = choiceNodes.get(challenge.id);
    if (!nodes) choiceNodes.set(challenge.id, (nodes = createChoiceNodes()));
    return choiceGroup<ChoiceKey>(
      {
        keys: challenge.choices.map((c) => c.key),
        // Core's one reading of a key: what shows as chosen is exactly what would be sent.
        value: findChoice<{ key: ChoiceKey }>(challenge.choices, answers[challenge.id])?.key,
        onChange: (key) => setAnswer(challenge.id, key),
        // Locked while its answer is on the way; still focusable, so focus is not lost.
        readOnly: !challenge.shouldAnswer || isSubmitting,
        labelledBy: idOf(challenge.id, 'label'),
      },
      nodes,
    );
  };
  const takesText = (challenge: Challenge) => challenge.kind === 'text' || challenge.kind === 'captcha';

  return {
    getIds: (challengeId) => ({
      label: idOf(challengeId, 'label'),
      hint: idOf(challengeId, 'hint'),
      error: idOf(challengeId, 'error'),
      input: idOf(challengeId, 'input'),
    }),

    getRootProps: (props) => own('root', { ref: root, tabIndex: -1, 'data-state': step.type }, props),

    getHeadingProps: (props) => own('heading', { tabIndex: -1 }, props),

    getLabelProps: ({ challenge, ...props }) =>
      own('label', { id: idOf(challenge.id, 'label'), htmlFor: takesText(challenge) ? idOf(challenge.id, 'input') : undefined }, props),

    getErrorProps: ({ challenge, ...props }) => own('error', { id: idOf(challenge.id, 'error'), hidden: !refusals[challenge.id] || undefined }, props),

    getFormProps: (props) =>
      own(
        'form',
        {
          // The session checks (and explains) answers itself; native validation would block that.
          noValidate: true,
          'aria-busy': isSubmitting || undefined,
          'data-state': isSubmitting ? 'submitting' : error ? 'error' : 'idle',
          onSubmit: (event: React.FormEvent) => {
            event.preventDefault();
            onSubmit();
            void submit();
          },
        },
        props,
      ),

    getChoiceGroupProps: ({ challenge, ...props }) => {
      const error = errorId(challenge.id);
      return group(challenge).getGroupProps(own('choice-group', { id: idOf(challenge.id, 'input-group'), ...fieldState(challenge.shouldAnswer, error, error) }, props));
    },

    getChoiceProps: ({ challenge, choice, ...props }) => {
      const readOnly = !challenge.shouldAnswer;
      return group(challenge).getChoiceProps({
        key: choice.key,
        ...own<PropsWithRef<HTMLElement>>(
          'choice',
          {
            'data-disabled': flag(readOnly),
            id: idOf(challenge.id, `input-${choice.key}`),
            'aria-disabled': readOnly || undefined,
            // Enter submits the form, as it does from a native radio or a text field.
            onKeyDown: (event: React.KeyboardEvent<HTMLElement>) => {
              if (event.key !== 'Enter') return;
              event.preventDefault();
              event.currentTarget.closest('form')?.requestSubmit();
            },
          },
          props,
        ),
      });
    },

    getCodeInputProps: ({ challenge, length, format, nativeMaxLength, ...props }) => {
      const value = answers[challenge.id];
      const error = errorId(challenge.id);
      return codeInputProps(
        {
          value: value === undefined ? '' : String(value),
          onChange: (text) => setAnswer(challenge.id, text === '' ? undefined : text),
          length,
          format,
          nativeMaxLength,
          // A PIN is a one-time code (core decides which challenges are); a security question's answer keeps its spaces.
          oneTimeCode: format === 'numeric' || length !== undefined || challengeField(challenge) === 'pin',
          // Read-only rather than disabled while sending: a disabled field would drop the user's focus.
          readOnly: !challenge.shouldAnswer || isSubmitting,
          required: challenge.shouldAnswer,
          invalid: !!error,
          describedBy: error,
        },
        own('code-input', { id: idOf(challenge.id, 'input'), name: `mfa-challenge-${challenge.id}` }, props),
      );
    },

    getCaptchaImageProps: ({ challenge, ...props }) =>
      image('captcha-image', challenge.kind === 'captcha' ? challenge.image : undefined, messages.captchaAlt, props, idOf(challenge.id, 'input-image')),

    getChoiceImageProps: ({ challenge: { choices }, choice, ...props }) =>
      // The caption, else the text the image carries (an SVG's title), else its position.
      image('choice-image', choice.image, choice.label ?? imageText(choice.image) ?? messages.imageChoiceAlt(choices.findIndex((c) => c.key === choice.key) + 1, choices.length), props),

    getSubmitProps: (props) => {
      const disabled = !canSubmit;
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
