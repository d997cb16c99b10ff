import type { ImageChoice } from '@mfa-kit/core';
import { mergeProps, toSafeImageSrc, type PropsWithRef } from '@mfa-kit/hooks';
import { useState, type ImgHTMLAttributes, type ReactNode } from 'react';
import { partProps } from './partProps';
import { useChoiceField } from './useChoiceField';
import type { FieldProps } from './useFieldIds';

/** Props of {@link ImageChoicePicker}. */
export interface ImageChoicePickerProps extends FieldProps {
  /** The image options, in order. Images go through `toSafeImageSrc`; captions render as text. */
  choices: ImageChoice[];
  /** The selected key (controlled). @default null */
  value?: number | null;
  /** Called with the key the user selects. */
  onChange?: (key: number) => void;
  /** The question, naming the radiogroup. @default messages.choiceFallbackLabel */
  label?: ReactNode;
  /** Props for the radiogroup from `useMfaChallenge().getChoiceGroupProps`, merged with ours. */
  groupProps?: PropsWithRef<HTMLElement>;
  /** Props for each option from `useMfaChallenge().getChoiceProps`, merged with ours. */
  getChoiceProps?: (choice: ImageChoice) => PropsWithRef<HTMLElement>;
  /** Props for each option's image from `useMfaChallenge().getChoiceImageProps` (its safe `src`, or `data-invalid`). */
  getImageProps?: (choice: ImageChoice) => PropsWithRef<HTMLImageElement, ImgHTMLAttributes<HTMLImageElement>>;
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
  className,
  unstyled: unstyledProp,
}: ImageChoicePickerProps) {
  const { unstyled, messages, optionProps, frame } = useChoiceField({ choices, value, onChange, label, hint, error, readOnly, disabled, ids, groupProps, getChoiceProps, className, unstyled: unstyledProp });
  const [broken, setBroken] = useState<ReadonlySet<number>>(() => new Set());

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
      return (
        <div key={choice.key} {...optionProps(choice, 'image-choice')}>
          {usable ? (
            <img
              {...mergeProps<Record<string, unknown>>({}, given)}
              {...partProps('image-choice-image', undefined, undefined, unstyled)}
              src={src}
              alt={caption ?? messages.imageChoiceAlt(index + 1, choices.length)}
              onError={() => setBroken((prev) => new Set(prev).add(choice.key))}
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
  );
}
