import type { ImageChoice } from '@mfa-kit/core';
import { mergeProps, toSafeImageSrc, useChoiceGroup, type PropsWithRef } from '@mfa-kit/hooks';
import { useState, type ImgHTMLAttributes, type ReactNode } from 'react';
import { FieldMessages } from './FieldMessages';
import { useMfaMessages } from './MfaMessagesProvider';
import { partProps } from './partProps';
import { useUnstyled } from './UnstyledProvider';
import { describedBy, useFieldIds, type FieldProps } from './useFieldIds';

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
  ids: givenIds,
  groupProps,
  getChoiceProps,
  getImageProps,
  className,
  unstyled: unstyledProp,
}: ImageChoicePickerProps) {
  const unstyled = useUnstyled(unstyledProp);
  const { messages } = useMfaMessages();
  const ids = useFieldIds(givenIds);
  const locked = readOnly || disabled;
  const group = useChoiceGroup({ keys: choices.map((c) => c.key), value, onChange, readOnly, disabled });
  const [broken, setBroken] = useState<ReadonlySet<number>>(() => new Set());
  const state = error ? 'invalid' : value === null || value === undefined ? 'empty' : 'selected';

  return (
    <div {...partProps('image-choice-picker', state, className, unstyled)}>
      <div id={ids.label} {...partProps('label', undefined, undefined, unstyled)}>
        {label ?? messages.choiceFallbackLabel}
      </div>
      <div
        {...group.getGroupProps(groupProps)}
        {...partProps('image-choice-group', undefined, undefined, unstyled)}
        aria-labelledby={ids.label}
        aria-describedby={describedBy(ids, hint, error)}
        aria-invalid={error ? true : undefined}
      >
        {choices.map((choice, index) => {
          const checked = choice.key === value;
          const given = getImageProps?.(choice);
          const safe = given ? null : toSafeImageSrc(choice.image);
          // The hook marks a refused image with `data-invalid` and gives no `src`.
          const src = given ? ('data-invalid' in given ? undefined : given.src) : safe?.ok ? safe.src : undefined;
          const usable = typeof src === 'string' && src !== '' && !broken.has(choice.key);
          const caption = choice.label;
          return (
            <div
              key={choice.key}
              {...group.getChoiceProps({ key: choice.key, ...(locked ? undefined : getChoiceProps?.(choice)) })}
              {...partProps('image-choice', checked ? 'checked' : 'unchecked', undefined, unstyled)}
              aria-checked={checked}
              aria-disabled={disabled || undefined}
            >
              {usable ? (
                <img
                  {...mergeProps<Record<string, unknown>>({}, given)}
                  {...partProps('image-choice-image', undefined, undefined, unstyled)}
                  src={src}
                  alt={caption ?? messages.imageChoiceAlt(index + 1, choices.length)}
                  onError={() => setBroken((prev) => new Set(prev).add(choice.key))}
                />
              ) : (
                <span {...partProps('image-choice-fallback', undefined, undefined, unstyled)}>
                  {messages.imageChoiceUnavailable(index + 1)}
                </span>
              )}
              {caption && usable ? (
                <span {...partProps('image-choice-caption', undefined, undefined, unstyled)} aria-hidden="true">
                  {caption}
                </span>
              ) : null}
            </div>
          );
        })}
      </div>
      <FieldMessages ids={ids} hint={hint} error={error} unstyled={unstyled} />
    </div>
  );
}
