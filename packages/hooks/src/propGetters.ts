import { toSafeImageSrc } from '@mfa-kit/core';
import type { AnswerRefusalReason, AnswerValue, Challenge, ImageInput } from '@mfa-kit/core';
import type * as React from 'react';
import { mergeProps } from './mergeProps';
import { sanitizeCode } from './sanitizeCode';
import type { MfaStrings } from './strings';
import type { UseMfaChallengeResult } from './types';

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
  /** Choice elements by `${challengeId}:${key}`, for roving focus. */
  choiceElements: Map<string, HTMLElement>;
  /** Stable ref callbacks by the same key. */
  choiceRefs: Map<string, React.RefCallback<HTMLElement>>;
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

const scope = { 'data-scope': 'mfa' } as const;
const flag = (on: boolean) => (on ? '' : undefined);
const sameKey = (value: AnswerValue | undefined, key: number) =>
  value !== undefined && (value === key || (typeof value === 'string' && value.trim() !== '' && Number(value) === key));

function imageProps(image: ImageInput | undefined, alt: string, part: string): Record<string, unknown> {
  const safe = image === undefined ? null : toSafeImageSrc(image);
  if (safe?.ok) return { ...scope, 'data-part': part, alt, src: safe.src };
  // Refused (javascript:, http: on https, malformed): no src at all, and say so for styling.
  return { ...scope, 'data-part': part, alt, 'data-invalid': '', 'data-reason': safe ? safe.reason : 'invalid' };
}

/** Builds the prop getters of {@link useMfaChallenge}. Pure over its state; called on every render. */
export function createPropGetters(state: PropGetterState): Getters {
  const { baseId, answers, refusals, setAnswer, submit, isSubmitting, canSubmit, strings, choiceElements, choiceRefs } = state;

  const getIds: Getters['getIds'] = (challengeId) => ({
    label: `${baseId}-${challengeId}-label`,
    hint: `${baseId}-${challengeId}-hint`,
    error: `${baseId}-${challengeId}-error`,
    input: `${baseId}-${challengeId}-input`,
  });

  const choiceRef = (challengeId: number, key: number): React.RefCallback<HTMLElement> => {
    const id = `${challengeId}:${key}`;
    let ref = choiceRefs.get(id);
    if (!ref) {
      ref = (node) => {
        if (node) choiceElements.set(id, node);
        else choiceElements.delete(id);
      };
      choiceRefs.set(id, ref);
    }
    return ref;
  };

  const getFormProps: Getters['getFormProps'] = (props) =>
    mergeProps(
      {
        ...scope,
        'data-part': 'form',
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

  const getChoiceGroupProps: Getters['getChoiceGroupProps'] = ({ challenge, ...props }) => {
    const ids = getIds(challenge.id);
    const refused = refusals[challenge.id] !== undefined;
    return mergeProps(
      {
        ...scope,
        'data-part': 'choice-group',
        'data-invalid': flag(refused),
        role: 'radiogroup',
        id: `${ids.input}-group`,
        'aria-labelledby': ids.label,
        'aria-describedby': refused ? ids.error : undefined,
        'aria-invalid': refused || undefined,
        'aria-required': challenge.shouldAnswer || undefined,
        'aria-readonly': !challenge.shouldAnswer || undefined,
      },
      props,
    );
  };

  const getChoiceProps: Getters['getChoiceProps'] = ({ challenge, choice, ...props }) => {
    const choices: { key: number }[] = challenge.choices;
    const index = choices.findIndex((c) => c.key === choice.key);
    const selectedIndex = choices.findIndex((c) => sameKey(answers[challenge.id], c.key));
    const selected = index !== -1 && index === selectedIndex;
    // Roving tabindex: the checked radio is the one tab stop, or the first when none is checked.
    const tabStop = selectedIndex === -1 ? index === 0 : selected;
    const readOnly = !challenge.shouldAnswer;

    const select = (target: number) => {
      const next = choices[target];
      if (readOnly || !next) return;
      setAnswer(challenge.id, next.key);
      choiceElements.get(`${challenge.id}:${next.key}`)?.focus();
    };

    return mergeProps(
      {
        ...scope,
        'data-part': 'choice',
        'data-state': selected ? 'checked' : 'unchecked',
        'data-selected': flag(selected),
        'data-disabled': flag(readOnly),
        role: 'radio',
        id: `${getIds(challenge.id).input}-${choice.key}`,
        'aria-checked': selected,
        'aria-disabled': readOnly || undefined,
        tabIndex: tabStop ? 0 : -1,
        ref: choiceRef(challenge.id, choice.key),
        onClick: () => select(index),
        onKeyDown: (event: React.KeyboardEvent<HTMLElement>) => {
          const last = choices.length - 1;
          let target: number | null = null;
          switch (event.key) {
            case 'ArrowDown':
            case 'ArrowRight':
              target = index >= last ? 0 : index + 1;
              break;
            case 'ArrowUp':
            case 'ArrowLeft':
              target = index <= 0 ? last : index - 1;
              break;
            case 'Home':
              target = 0;
              break;
            case 'End':
              target = last;
              break;
            case ' ':
              target = index;
              break;
            default:
              return;
          }
          // Arrow keys move and select, like native radios; Space selects the focused one.
          event.preventDefault();
          select(target);
        },
      },
      props,
    );
  };

  const getCodeInputProps: Getters['getCodeInputProps'] = ({ challenge, length, format = 'text', ...props }) => {
    const ids = getIds(challenge.id);
    const value = answers[challenge.id];
    const text = value === undefined ? '' : String(value);
    const refused = refusals[challenge.id] !== undefined;
    const numeric = format === 'numeric';
    // A code (a PIN, anything with a known length or digits only, a realtime text challenge) gets
    // one-time-code autofill and paste cleaning; a security question's answer keeps its spaces.
    const isCode = numeric || length !== undefined || (challenge.kind === 'text' && challenge.deadline !== null);
    const clean = (raw: string) => (isCode ? sanitizeCode(raw, { format, length }) : raw);

    return mergeProps(
      {
        ...scope,
        'data-part': 'code-input',
        'data-invalid': flag(refused),
        id: ids.input,
        name: `mfa-challenge-${challenge.id}`,
        type: 'text',
        value: text,
        autoComplete: isCode ? 'one-time-code' : 'off',
        inputMode: numeric ? 'numeric' : 'text',
        pattern: numeric ? '[0-9]*' : undefined,
        maxLength: length,
        spellCheck: false,
        autoCapitalize: 'off',
        autoCorrect: 'off',
        enterKeyHint: 'done',
        readOnly: !challenge.shouldAnswer || undefined,
        'aria-required': challenge.shouldAnswer || undefined,
        'aria-invalid': refused || undefined,
        'aria-describedby': refused ? ids.error : undefined,
        onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
          const raw = event.currentTarget.value;
          setAnswer(challenge.id, numeric ? raw.replace(/\D+/g, '').slice(0, length) : raw);
        },
        onPaste: (event: React.ClipboardEvent<HTMLInputElement>) => {
          if (!isCode) return;
          const pasted = event.clipboardData?.getData('text') ?? '';
          event.preventDefault();
          const input = event.currentTarget;
          const start = input.selectionStart ?? text.length;
          const end = input.selectionEnd ?? text.length;
          const next = clean(text.slice(0, start) + clean(pasted) + text.slice(end));
          setAnswer(challenge.id, next);
        },
      },
      props,
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
        ...scope,
        'data-part': 'submit',
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

/** The challenge's kinds and ids, for event metadata. */
export function describeChallenges(challenges: Challenge[]): { challengeIds: number[]; challengeKinds: Challenge['kind'][] } {
  return { challengeIds: challenges.map((c) => c.id), challengeKinds: challenges.map((c) => c.kind) };
}
