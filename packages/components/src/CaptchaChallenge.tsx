import type { ImageInput } from '@mfa-kit/core';
import { mergeProps, toSafeImageSrc, type PropsWithRef } from '@mfa-kit/hooks';
import { useState, type ChangeEvent, type ImgHTMLAttributes, type InputHTMLAttributes, type ReactNode } from 'react';
import { CantSeeButton } from './CantSeeButton';
import { FieldMessages } from './FieldMessages';
import { useMfaMessages } from './MfaMessagesProvider';
import { partProps } from './partProps';
import { useUnstyled } from './UnstyledProvider';
import { fieldInputProps, useFieldIds, type FieldProps } from './useFieldIds';

/** Props of {@link CaptchaChallenge}. */
export interface CaptchaChallengeProps extends FieldProps {
  /** The image as received; it is checked by `toSafeImageSrc` (ignored when `imageProps` gives a `src`). */
  image?: ImageInput;
  /** The characters typed so far (controlled); not used with `inputProps`, which carry the value. */
  value?: string;
  /** Called with the new text. */
  onChange?: (value: string) => void;
  /** Asks for a new image (in a Quovo flow: restart the sync). Shown as a button; always shown when the image is unusable. */
  onRequestNewImage?: () => void;
  /** The instruction, labelling the answer field. @default messages.captchaLabel */
  label?: ReactNode;
  /** The image's alternative text (not used with `imageProps`, which carry it). @default messages.captchaAlt */
  alt?: string;
  /** Props for the image from `useMfaChallenge().getCaptchaImageProps`, merged with ours. */
  imageProps?: PropsWithRef<HTMLImageElement, ImgHTMLAttributes<HTMLImageElement>>;
  /** "I can't see the images": shown as a button when given (in `MfaFlow`: `requestAlternative()` and a note on what is possible). */
  onCantSee?: () => void;
  /**
   * What "I can't see the images" brought, once pressed: shown under the button, which it
   * describes (`aria-describedby`). Announce it yourself; `MfaFlow` says it through its live region.
   */
  cantSeeHelp?: ReactNode;
  /** Props for the input from `useMfaChallenge().getCodeInputProps`; when given, they drive the input as they are. */
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
  onCantSee,
  cantSeeHelp,
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
  const input = fieldInputProps(
    inputProps,
    { type: 'text', autoCapitalize: 'off', autoCorrect: 'off', spellCheck: false },
    () => ({ value, autoComplete: 'off', onChange: (event: ChangeEvent<HTMLInputElement>) => onChange?.(event.target.value) }),
    { ids, hint, error, readOnly: readOnly || !usable, disabled },
  );
  const state = !usable ? 'unavailable' : error ? 'invalid' : input.value ? 'filled' : 'empty';

  return (
    <div {...partProps('captcha', state, className, unstyled)}>
      <div {...partProps('captcha-frame', usable ? 'ready' : 'unavailable', undefined, unstyled)}>
        {usable ? (
          <img
            {...partProps('captcha-image', undefined, undefined, unstyled)}
            // The getter's src and alt as they are; ours only without them.
            {...mergeProps<Record<string, unknown>>({ src, alt: alt ?? messages.captchaAlt, onError: () => setBrokenSrc(src) }, imageProps)}
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
      <input {...input} {...partProps('input', state, undefined, unstyled)} />
      <FieldMessages ids={ids} hint={hint} error={error} unstyled={unstyled} />
      {onCantSee ? <CantSeeButton onClick={onCantSee} help={cantSeeHelp} unstyled={unstyled} /> : null}
    </div>
  );
}
