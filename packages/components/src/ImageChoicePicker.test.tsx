import type { ChoiceKey, ImageChoice } from '@mfa-kit/core';
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './expectAccessible';
import { ImageChoicePicker } from './ImageChoicePicker';

const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const choices: ImageChoice[] = [
  { key: 10, image: png, label: 'A lighthouse' },
  { key: 11, image: png, label: null },
  { key: 12, image: 'javascript:alert(1)', label: null },
];

function Controlled() {
  const [value, setValue] = useState<ChoiceKey | null>(null);
  return <ImageChoicePicker label="Which is your security image?" choices={choices} value={value} onChange={setValue} />;
}

describe('ImageChoicePicker', () => {
  it('renders a radiogroup of images with captions or positional alt text, and text for unusable ones', async () => {
    const { container } = render(<Controlled />);
    expect(screen.getByRole('radiogroup', { name: 'Which is your security image?' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'A lighthouse' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Image option 2 of 3' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Option 3: image unavailable' })).toBeInTheDocument();
    expect(container.querySelectorAll('img')).toHaveLength(2);
    await expectAccessible(container);
  });

  it('selects with click and arrow keys', async () => {
    const user = userEvent.setup();
    render(<Controlled />);
    await user.click(screen.getByRole('radio', { name: 'A lighthouse' }));
    expect(screen.getByRole('radio', { name: 'A lighthouse' })).toHaveAttribute('aria-checked', 'true');
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('radio', { name: 'Image option 2 of 3' })).toHaveFocus();
    expect(screen.getByRole('radio', { name: 'Image option 2 of 3' })).toHaveAttribute('aria-checked', 'true');
  });

  it('replaces an image that fails to load with text', () => {
    const { container } = render(<Controlled />);
    fireEvent.error(container.querySelectorAll('img')[1]!);
    expect(screen.getByRole('radio', { name: 'Option 2: image unavailable' })).toBeInTheDocument();
  });
});
