import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { createRef } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { CustomMfa } from './example.testkit';
import { useMfaChallenge } from './index';
import { BASE_URL, settle, startSandbox, until, setupSandboxServer } from './sandbox.testkit';

setupSandboxServer();
// user-event walks take a few hundred ms of real time each; give slow CI machines room.
vi.setConfig({ testTimeout: 20_000 });

const user = () => userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
const found = (get: () => unknown) => () => {
  try {
    return Boolean(get());
  } catch {
    return false;
  }
};

describe('a custom UI built from the prop getters alone (the README example)', () => {
  it('walks the realtime PIN flow with the keyboard, paste and a refused empty submit', async () => {
    const sb = startSandbox();
    const id = sb.create('realtime_pin');
    render(<CustomMfa connectionId={id} options={{ baseUrl: BASE_URL }} />);
    const u = user();
    await until(found(() => screen.getByRole('radiogroup', { name: 'Where should we send your pin?' })));
    const radios = screen.getAllByRole('radio');
    expect(radios.map((r) => r.getAttribute('tabindex'))).toEqual(['0', '-1', '-1', '-1']);
    expect(radios.every((r) => r.getAttribute('aria-checked') === 'false')).toBe(true);

    // The adapter moved focus into the new step: no Tab needed, nothing left on <body>.
    expect(radios[0]).toHaveFocus();
    await u.keyboard(' ');
    expect(radios[0]).toHaveAttribute('aria-checked', 'true');
    await u.keyboard('{ArrowDown}');
    expect(radios[1]).toHaveFocus();
    expect(radios[1]).toHaveAttribute('aria-checked', 'true');
    expect(radios[0]).toHaveAttribute('aria-checked', 'false');
    expect(radios.map((r) => r.getAttribute('tabindex'))).toEqual(['-1', '0', '-1', '-1']);
    await u.keyboard('{End}');
    expect(radios[3]).toHaveFocus();
    expect(radios[3]).toHaveAttribute('aria-checked', 'true');
    await u.keyboard('{ArrowRight}');
    expect(radios[0]).toHaveAttribute('aria-checked', 'true');
    await u.keyboard('{ArrowUp}');
    expect(radios[3]).toHaveAttribute('aria-checked', 'true');
    await u.keyboard('{Home}');
    expect(radios[0]).toHaveAttribute('aria-checked', 'true');
    await u.keyboard('{ArrowLeft}{ArrowLeft}');
    expect(radios[2]).toHaveAttribute('aria-checked', 'true');
    expect(radios[2]).toHaveTextContent('Voice call xxx-xxx-5309');
    // Enter on a radio submits the form, as on a native radio.
    await u.keyboard('{Enter}');

    await until(found(() => screen.getByLabelText('Enter your pin:')));
    const input = screen.getByLabelText('Enter your pin:');
    // On to the PIN: focus follows the step, it never drops to <body>.
    expect(input).toHaveFocus();
    expect(input).toHaveAttribute('autocomplete', 'one-time-code');
    expect(input).toHaveAttribute('inputmode', 'numeric');
    expect(input).toHaveAttribute('maxlength', '6');
    expect(input).not.toHaveAttribute('aria-invalid');
    expect(screen.getByText(/^\d:\d\d$/)).toHaveAttribute('data-state', 'running');
    // (the Date header's 1 s resolution may add a second to the estimate)
    expect(screen.getByText(/^You have (2 minutes|1 minute 59 seconds|2 minutes 1 second) to answer\.$/)).toBeInTheDocument();

    // Submitting nothing is refused here, and the input says why.
    await u.click(screen.getByRole('button', { name: 'Continue' }));
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription('Choose or type an answer.');
    // Focus goes to what needs fixing.
    expect(input).toHaveFocus();

    // Paste is cleaned (spaces, dashes, letters) and cut to length; typing clears the refusal.
    const pin = sb.engine.outbox(id).at(-1)!.pin;
    await u.click(input);
    await u.paste(`PIN ${pin.slice(0, 3)}-${pin.slice(3)} 99`);
    expect(input).toHaveValue(pin);
    expect(input).not.toHaveAttribute('aria-invalid');
    await u.keyboard('{Enter}');
    await until(found(() => screen.getByText('Your account is connected.')));
  });

  it('answers a free-text question and keeps its spaces on paste', async () => {
    const sb = startSandbox();
    const id = sb.create('question');
    render(<CustomMfa connectionId={id} options={{ baseUrl: BASE_URL }} />);
    const u = user();
    await until(found(() => screen.getByRole('textbox')));
    const input = screen.getByRole('textbox');
    expect(input).toHaveAttribute('autocomplete', 'off');
    expect(input).toHaveAttribute('inputmode', 'text');
    await u.click(input);
    await u.paste('Peri scope');
    expect(input).toHaveValue('Peri scope');
    await u.clear(input);
    await u.type(input, 'Periscope{Enter}');
    await until(found(() => screen.getByText('Your account is connected.')));
  });

  it('shows a CAPTCHA with a safe src and a meaningful alt', async () => {
    const sb = startSandbox();
    const id = sb.create('captcha');
    render(<CustomMfa connectionId={id} options={{ baseUrl: BASE_URL, messages: { captchaAlt: 'Image de sécurité' } }} />);
    await until(found(() => screen.getByRole('img')));
    const img = screen.getByRole('img', { name: 'Image de sécurité' });
    expect(img.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(img).not.toHaveAttribute('data-invalid');
    const u = user();
    await u.type(screen.getByRole('textbox'), `${sb.engine.captcha(id)!.answer}{Enter}`);
    await until(found(() => screen.getByText('Your account is connected.')));
  });

  it('refuses an unsafe image: no src, data-invalid', async () => {
    const sync = {
      sync: {
        connection_id: 5,
        status: 'challenges',
        challenges: [{ id: 9, connection_id: 5, type: 'image', question: 'Type the characters', image: 'javascript:alert(1)', should_answer: true, expires: null }],
      },
    };
    const { server } = startSandbox();
    server.use(http.get(`${BASE_URL}/connections/5/sync`, () => HttpResponse.json(sync)));
    render(<CustomMfa connectionId={5} options={{ baseUrl: BASE_URL, autoStart: false }} />);
    await until(found(() => screen.getByRole('img')));
    const img = screen.getByRole('img', { name: 'Security image: type the characters it shows' });
    expect(img).not.toHaveAttribute('src');
    expect(img).toHaveAttribute('data-invalid', '');
    expect(img).toHaveAttribute('data-reason', 'unsafe_scheme');
  });

  it('names each picture by the words it carries (its SVG title), so the star is found without sight', async () => {
    const sb = startSandbox();
    const id = sb.create('image_choices');
    render(<CustomMfa connectionId={id} options={{ baseUrl: BASE_URL }} />);
    await until(found(() => screen.getAllByRole('radio')));
    const names = screen.getAllByRole('img').map((i) => i.getAttribute('alt'));
    expect(names).toHaveLength(4);
    expect(names).toContain('star');
    expect(names.every((name) => name && !/^Image option/.test(name))).toBe(true);
    const u = user();
    await u.click(screen.getByRole('radio', { name: 'star' }));
    await u.keyboard('{Enter}');
    await until(found(() => screen.getByText('Your account is connected.')));
  });
});

describe('prop getters merge the caller\'s props', () => {
  it('runs the caller\'s handler first, skips ours after preventDefault, and composes refs', async () => {
    const sb = startSandbox();
    const id = sb.create('choices');
    const groupRef = createRef<HTMLElement>();
    const seen: string[] = [];
    function Choices() {
      const mfa = useMfaChallenge(id, { baseUrl: BASE_URL, autoStart: true });
      const challenge = mfa.challenges[0];
      if (!challenge || challenge.kind !== 'choice') return <p>waiting</p>;
      return (
        <div {...mfa.getChoiceGroupProps({ challenge, ref: groupRef, 'aria-label': 'Answer' })}>
          {challenge.choices.map((choice) => (
            <div
              key={choice.key}
              {...mfa.getChoiceProps({
                challenge,
                choice,
                className: 'mine',
                onKeyDown: (e) => {
                  seen.push(e.key);
                  if (e.key === 'ArrowDown') e.preventDefault();
                },
              })}
            >
              {choice.value}
            </div>
          ))}
          <button {...mfa.getSubmitProps({ onClick: () => seen.push('submit-click') })}>Go</button>
        </div>
      );
    }
    render(<Choices />);
    await until(found(() => screen.getAllByRole('radio')));
    expect(groupRef.current).toBe(screen.getByRole('radiogroup', { name: 'Answer' }));
    const radios = screen.getAllByRole('radio');
    expect(radios[0]).toHaveClass('mine');
    const u = user();
    await u.click(radios[0]!);
    expect(radios[0]).toHaveAttribute('aria-checked', 'true');
    await u.keyboard('{ArrowDown}');
    expect(radios[0]).toHaveAttribute('aria-checked', 'true');
    await u.keyboard('{ArrowRight}');
    expect(radios[1]).toHaveAttribute('aria-checked', 'true');
    expect(seen).toEqual(['ArrowDown', 'ArrowRight']);
    const submit = screen.getByRole('button', { name: 'Go' });
    expect(submit).toHaveAttribute('type', 'submit');
    expect(submit).not.toHaveAttribute('aria-disabled');
    await settle();
  });
});
