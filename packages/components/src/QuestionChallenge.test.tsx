import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './expectAccessible';
import { QuestionChallenge } from './QuestionChallenge';

function Controlled({ label }: { label: string }) {
  const [value, setValue] = useState('');
  return <QuestionChallenge label={label} value={value} onChange={setValue} />;
}

describe('QuestionChallenge', () => {
  it('labels one text field with the question and records what is typed', async () => {
    const user = userEvent.setup();
    const { container } = render(<Controlled label="What was the name of your first pet?" />);
    const input = screen.getByRole('textbox', { name: 'What was the name of your first pet?' });
    await user.type(input, 'Rex');
    expect(input).toHaveValue('Rex');
    expect(container.firstElementChild).toHaveAttribute('data-state', 'filled');
    await expectAccessible(container);
  });

  it('renders the question as text, never HTML, and keeps long questions', () => {
    const long = `<script>alert(1)</script> ${'In which city did your maternal grandmother live when you were ten years old? '.repeat(4)}`;
    const { container } = render(<Controlled label={long} />);
    expect(container.querySelector('script')).toBeNull();
    expect(screen.getByText(long.trim(), { normalizer: (s) => s.trim() })).toBeInTheDocument();
  });

  it('is read-only for a challenge that needs no answer, with an explanation', async () => {
    const { container } = render(<QuestionChallenge label="Your bank says hello" value="" readOnly hint="For information only; no answer needed." />);
    expect(screen.getByRole('textbox')).toHaveAttribute('readonly');
    expect(screen.getByRole('textbox')).toHaveAccessibleDescription('For information only; no answer needed.');
    await expectAccessible(container);
  });

  it('links an error', () => {
    render(<QuestionChallenge label="Pet?" value="" error="Enter an answer." />);
    expect(screen.getByRole('textbox')).toBeInvalid();
    expect(screen.getByRole('textbox')).toHaveAccessibleDescription('Enter an answer.');
  });
});
