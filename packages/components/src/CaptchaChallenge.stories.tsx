import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, waitFor } from 'storybook/test';
import { CaptchaChallenge, type CaptchaChallengeProps } from './CaptchaChallenge';

/** A CAPTCHA-like SVG as a `data:` URI, the form the sandbox sends. */
const captchaSvg = `data:image/svg+xml;base64,${btoa(
  '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="64" viewBox="0 0 200 64"><rect width="200" height="64" fill="#f1f1f1"/>' +
    '<path d="M0 40 C 50 10, 150 70, 200 20" stroke="#888" fill="none"/>' +
    '<text x="20" y="44" font-family="monospace" font-size="34" fill="#333" transform="rotate(-4 100 32)">7KQ2M</text></svg>',
)}`;

function StatefulCaptcha(props: CaptchaChallengeProps) {
  const [value, setValue] = useState(props.value);
  return (
    <CaptchaChallenge
      {...props}
      value={value}
      onChange={(next) => {
        setValue(next);
        props.onChange?.(next);
      }}
    />
  );
}

const meta = {
  title: 'Components/CaptchaChallenge',
  component: CaptchaChallenge,
  args: {
    image: captchaSvg,
    value: '',
    label: 'Type the characters you see in the picture.',
    onChange: fn(),
    onRequestNewImage: fn(),
    readOnly: false,
    disabled: false,
  },
  argTypes: { image: { control: 'text' }, imageProps: { control: false }, inputProps: { control: false }, ids: { control: false } },
  render: (args) => <StatefulCaptcha key={`${String(args.image)}:${args.value}`} {...args} />,
} satisfies Meta<typeof CaptchaChallenge>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A safe `data:` image, the answer field and "Get a new image". */
export const SafeImage: Story = {
  play: async ({ canvas, userEvent, args }) => {
    await expect(canvas.getByRole('img', { name: 'Security image: type the characters it shows' })).toHaveAttribute('src', captchaSvg);
    await userEvent.type(canvas.getByRole('textbox', { name: 'Type the characters you see in the picture.' }), '7kq2m');
    await expect(args.onChange).toHaveBeenLastCalledWith('7kq2m');
    await userEvent.click(canvas.getByRole('button', { name: 'Get a new image' }));
    await expect(args.onRequestNewImage).toHaveBeenCalledTimes(1);
  },
};

/** Characters typed. */
export const Filled: Story = { args: { value: '7KQ2M' } };

/** A wrong answer, linked to the field. */
export const WithError: Story = { args: { value: '7KQ2N', error: 'Those characters did not match. Try this new image.' } };

/** An unsafe source (`javascript:`) is never rendered: a clear fallback and a way on. */
export const UnsafeImage: Story = {
  args: { image: 'javascript:alert(1)' },
  play: async ({ canvas }) => {
    await expect(canvas.queryByRole('img')).toBeNull();
    await expect(canvas.getByRole('status')).toHaveTextContent('The security image can’t be shown. Get a new one to continue.');
    await expect(canvas.getByRole('textbox')).toHaveAttribute('readonly');
  },
};

/** `http:` on an https page is refused too. */
export const InsecureImage: Story = { args: { image: 'http://bank.example/captcha.png' } };

/** A safe-looking source that fails to load falls back the same way, never a broken-image icon. */
export const BrokenImage: Story = {
  args: { image: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB' },
  play: async ({ canvas }) => {
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('The security image can’t be shown.'));
    await expect(canvas.queryByRole('img')).toBeNull();
  },
};

/** Older Quovo's `{source, html}` object: `source` is used, `html` never rendered. */
export const LegacyImageObject: Story = { args: { image: { source: captchaSvg, html: '<img src=x onerror=alert(1)>' } } };
