import type { ChoiceKey, ImageChoice } from '@mfa-kit/core';
import { imageText, mergeProps, toSafeImageSrc, type GetterProps, type PropsWithRef } from '@mfa-kit/hooks';
import { CantSeeButton } from './CantSeeButton';
import { CheckMark } from './CheckMark';
import { useState, type ImgHTMLAttributes, type ReactNode } from 'react';
import { partProps } from './partProps';
import { useChoiceField } from './useChoiceField';
import type { FieldProps } from './useFieldIds';

/** Props of {@link ImageChoicePicker}. */
export interface ImageChoicePickerProps extends FieldProps {
  /** The image options, in order. Images go through `toSafeImageSrc`; captions render as text. */
  choices: ImageChoice[];
  /** The selected key (controlled). @default null */
  value?: ChoiceKey | null;
  /** Called with the key the user selects. */
  onChange?: (key: ChoiceKey) => void;
  /** The question, naming the radiogroup. @default messages.choiceFallbackLabel */
  label?: ReactNode;
  /** Props for the radiogroup from `useMfaChallenge().getChoiceGroupProps`; with `getChoiceProps`, used as they are. */
  groupProps?: PropsWithRef<HTMLElement>;
  /**
   * Props for each option from `useMfaChallenge().getChoiceProps`. When given, the getters drive
   * the picker (selection, keys, read-only) and `value`/`onChange` are not used.
   */
  getChoiceProps?: (choice: ImageChoice) => GetterProps<HTMLElement>;
  /** Props for each option's image from `useMfaChallenge().getChoiceImageProps` (its safe `src`, or `data-invalid`). */
  getImageProps?: (choice: ImageChoice) => PropsWithRef<HTMLImageElement, ImgHTMLAttributes<HTMLImageElement>>;
  /** "I can't see the images": shown as a button when given (in `MfaFlow`: `requestAlternative()` and a note on what is possible). */
  onCantSee?: () => void;
  /**
   * What "I can't see the images" brought, once pressed: shown under the button, which it
   * describes (`aria-describedby`). Announce it yourself; `MfaFlow` says it through its live region.
   */
  cantSeeHelp?: ReactNode;
}

/** Pick the right image: a radiogroup of image cards with roving focus; unusable images show a text fallback. */
export function ImageChoicePicker({
  choices,
  value = null,
  onChange,
  label,
  hint,
  error,
  readOnly = false,
  disabled = false,
  ids,
  groupProps,
  getChoiceProps,
  getImageProps,
  onCantSee,
  cantSeeHelp,
  className,
  unstyled: unstyledProp,
}: ImageChoicePickerProps) {
  const { unstyled, messages, optionProps, frame } = useChoiceField({ choices, value, onChange, label, hint, error, readOnly, disabled, ids, groupProps, getChoiceProps, className, unstyled: unstyledProp });
  const [broken, setBroken] = useState<ReadonlySet<ChoiceKey>>(() => new Set());

  return frame(
    'image-choice-picker',
    {},
    choices.map((choice, index) => {
      const given = getImageProps?.(choice);
      const safe = given ? null : toSafeImageSrc(choice.image);
      // The hook marks a refused image with `data-invalid` and gives no `src`.
      const src = given ? ('data-invalid' in given ? undefined : given.src) : safe?.ok ? safe.src : undefined;
      const usable = typeof src === 'string' && src !== '' && !broken.has(choice.key);
      const caption = choice.label;
      const option = optionProps(choice, 'image-choice');
      return (
        <div key={choice.key} {...option}>
          {option['aria-checked'] === true ? (
            <span {...partProps('image-choice-check', undefined, undefined, unstyled)}>
              <CheckMark />
            </span>
          ) : null}
          {usable ? (
            <img
              {...partProps('image-choice-image', undefined, undefined, unstyled)}
              // The getter's src and alt as they are; ours only without one.
              {...mergeProps<Record<string, unknown>>(
                { src, alt: caption ?? imageText(choice.image) ?? messages.imageChoiceAlt(index + 1, choices.length), onError: () => setBroken((prev) => new Set(prev).add(choice.key)) },
                given,
              )}
            />
          ) : (
            <span {...partProps('image-choice-fallback', undefined, undefined, unstyled)}>{messages.imageChoiceUnavailable(index + 1)}</span>
          )}
          {caption && usable ? (
            <span {...partProps('image-choice-caption', undefined, undefined, unstyled)} aria-hidden="true">
              {caption}
            </span>
          ) : null}
        </div>
      );
    }),
    onCantSee ? <CantSeeButton onClick={onCantSee} help={cantSeeHelp} unstyled={unstyled} /> : null,
  );
}
