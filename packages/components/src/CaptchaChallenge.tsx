import type { ImageInput } from '@mfa-kit/core';
import { mergeProps, toSafeImageSrc, type PropsWithRef } from '@mfa-kit/hooks';
import { useState, type ChangeEvent, type ImgHTMLAttributes, type InputHTMLAttributes, type ReactNode } from 'react';
import { FieldMessages } from './FieldMessages';
import { useMfaMessages } from './MfaMessagesProvider';
import { partProps } from './partProps';
import { useUnstyled } from './UnstyledProvider';
import { describedBy, useFieldIds, type FieldProps } from './useFieldIds';

/** Props of {@link CaptchaChallenge}. */
export interface CaptchaChallengeProps extends FieldProps {
  /** The image as received; it is checked by `toSafeImageSrc` (ignored when `imageProps` gives a `src`). */
  image?: ImageInput;
  /** The characters typed so far (controlled). */
  value: string;
  /** Called with the new text. */
  onChange?: (value: string) => void;
  /** Asks for a new image (in a Quovo flow: restart the sync). Shown as a button; always shown when the image is unusable. */
  onRequestNewImage?: () => void;
  /** The instruction, labelling the answer field. @default messages.captchaLabel */
  label?: ReactNode;
  /** The image's alternative text. @default messages.captchaAlt */
  alt?: string;
  /** Props for the image from `useMfaChallenge().getCaptchaImageProps`, merged with ours. */
  imageProps?: PropsWithRef<HTMLImageElement, ImgHTMLAttributes<HTMLImageElement>>;
  /** Props for the input from `useMfaChallenge().getCodeInputProps`, merged with ours. */
  inputProps?: PropsWithRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>;
}

/**
 * A CAPTCHA: the image (only from a safe source), a field for its characters, and a way to get
 * a new image. An unsafe, malformed or broken image shows a clear fallback, never a broken icon.
 */
export function CaptchaChallenge({
  image,
  value,
  onChange,
  onRequestNewImage,
  label,
  alt,
  hint,
  error,
  readOnly = false,
  disabled = false,
  ids: givenIds,
  imageProps,
  inputProps,
  className,
  unstyled: unstyledProp,
}: CaptchaChallengeProps) {
  const unstyled = useUnstyled(unstyledProp);
  const { messages } = useMfaMessages();
  const ids = useFieldIds(givenIds);
  const safe = image === undefined ? null : toSafeImageSrc(image);
  // The hook marks a refused image with `data-invalid` and gives no `src`.
  const src = imageProps ? ('data-invalid' in imageProps ? undefined : imageProps.src) : safe?.ok ? safe.src : undefined;
  const [brokenSrc, setBrokenSrc] = useState<string | null>(null);
  const usable = typeof src === 'string' && src !== '' && brokenSrc !== src;
  const state = !usable ? 'unavailable' : error ? 'invalid' : value ? 'filled' : 'empty';
  const mergedInput = mergeProps<Record<string, unknown>>({
    type: 'text',
    autoComplete: 'off',
    autoCapitalize: 'off',
    autoCorrect: 'off',
    spellCheck: false,
    onChange: (event: ChangeEvent<HTMLInputElement>) => onChange?.(event.target.value),
  }, inputProps);

  return (
    <div {...partProps('captcha', state, className, unstyled)}>
      <div {...partProps('captcha-frame', usable ? 'ready' : 'unavailable', undefined, unstyled)}>
        {usable ? (
          <img
            {...mergeProps<Record<string, unknown>>({ onError: () => setBrokenSrc(src) }, imageProps)}
            {...partProps('captcha-image', undefined, undefined, unstyled)}
            src={src}
            alt={alt ?? messages.captchaAlt}
            data-invalid={undefined}
          />
        ) : (
          <p {...partProps('captcha-fallback', undefined, undefined, unstyled)} role="status">
            {messages.captchaUnavailable}
          </p>
        )}
        {onRequestNewImage ? (
          <button
            type="button"
            onClick={onRequestNewImage}
            disabled={disabled}
            {...partProps('captcha-refresh', undefined, undefined, unstyled)}
          >
            {messages.captchaNewImage}
          </button>
        ) : null}
      </div>
      <label id={ids.label} htmlFor={ids.input} {...partProps('label', undefined, undefined, unstyled)}>
        {label ?? messages.captchaLabel}
      </label>
      <input
        {...mergedInput}
        {...partProps('input', state, undefined, unstyled)}
        id={ids.input}
        value={value}
        readOnly={readOnly || !usable}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, hint, error)}
      />
      <FieldMessages ids={ids} hint={hint} error={error} unstyled={unstyled} />
    </div>
  );
}
