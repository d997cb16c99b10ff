import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { ImageInput } from '@mfa-kit/core';
import { CaptchaChallenge } from './CaptchaChallenge';
import { expectAccessible } from './expectAccessible';

const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

function Controlled({ image, onRequestNewImage }: { image: ImageInput; onRequestNewImage?: () => void }) {
  const [value, setValue] = useState('');
  return <CaptchaChallenge image={image} value={value} onChange={setValue} onRequestNewImage={onRequestNewImage} label="Type the characters" />;
}

describe('CaptchaChallenge', () => {
  it('shows a safe image with meaningful alt text, an answer field, and a way to get a new image', async () => {
    const user = userEvent.setup();
    const onNew = vi.fn();
    const { container } = render(<Controlled image={png} onRequestNewImage={onNew} />);
    expect(screen.getByRole('img', { name: 'Security image: type the characters it shows' })).toHaveAttribute('src', png);
    await user.type(screen.getByRole('textbox', { name: 'Type the characters' }), 'x7Kp');
    expect(screen.getByRole('textbox')).toHaveValue('x7Kp');
    await user.click(screen.getByRole('button', { name: 'Get a new image' }));
    expect(onNew).toHaveBeenCalledTimes(1);
    await expectAccessible(container);
  });

  it('refuses an unsafe image with a clear fallback and the restart, never a broken image', async () => {
    const { container } = render(<Controlled image="javascript:alert(1)" onRequestNewImage={() => {}} />);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText(/can’t be shown/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Get a new image' })).toBeInTheDocument();
    expect(container.firstElementChild).toHaveAttribute('data-state', 'unavailable');
    await expectAccessible(container);
  });

  it('falls back when the image fails to load', () => {
    const { container } = render(<Controlled image="https://captcha.example/broken.png" onRequestNewImage={() => {}} />);
    fireEvent.error(container.querySelector('img')!);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText(/can’t be shown/)).toBeInTheDocument();
  });

  it('uses only the source of the old {source, html} form and never renders its html', () => {
    const { container } = render(<Controlled image={{ source: png, html: '<b id="evil">hi</b>' }} />);
    expect(container.querySelector('img')).toHaveAttribute('src', png);
    expect(container.querySelector('#evil')).toBeNull();
  });
});
