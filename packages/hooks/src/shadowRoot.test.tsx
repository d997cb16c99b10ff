/**
 * Focus management inside a shadow root (`@mfa-kit/element` renders the flow in one): the
 * document sees only the host as focused, so the hook asks the shadow root what has focus.
 */
import { render, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { CustomMfa } from './example.testkit';
import { BASE_URL, startSandbox, until, setupSandboxServer } from './sandbox.testkit';

setupSandboxServer();
vi.setConfig({ testTimeout: 20_000 });

function inShadowRoot() {
  const host = document.createElement('div');
  document.body.append(host);
  const shadow = host.attachShadow({ mode: 'open' });
  const container = document.createElement('div');
  shadow.append(container);
  return { host, shadow, container };
}

describe('useMfaChallenge in a shadow root', () => {
  it('moves focus from the submitted step to the next one, inside the shadow root', async () => {
    const sb = startSandbox();
    const id = sb.create('realtime_pin');
    const { shadow, container, host } = inShadowRoot();
    render(<CustomMfa connectionId={id} options={{ baseUrl: BASE_URL }} />, { container });
    const ui = within(container);
    await until(() => ui.queryByRole('radiogroup', { name: 'Where should we send your pin?' }) !== null);
    const radio = ui.getAllByRole('radio')[0]!;
    expect(shadow.activeElement).toBe(radio);
    expect(document.activeElement).toBe(host);
    radio.click();
    const submit = ui.getByRole('button', { name: 'Continue' });
    submit.focus();
    submit.click();
    await until(() => ui.queryByLabelText('Enter your pin:') !== null);
    // Focus was inside the flow (on Continue): it follows the step to the PIN field.
    await until(() => shadow.activeElement === ui.getByLabelText('Enter your pin:'));
    host.remove();
  });

  it('leaves focus where the user is when that is outside the flow', async () => {
    const sb = startSandbox();
    const id = sb.create('realtime_pin');
    const elsewhere = document.createElement('button');
    document.body.append(elsewhere);
    elsewhere.focus();
    const { shadow, container, host } = inShadowRoot();
    render(<CustomMfa connectionId={id} options={{ baseUrl: BASE_URL }} />, { container });
    await until(() => within(container).queryByRole('radiogroup', { name: 'Where should we send your pin?' }) !== null);
    expect(document.activeElement).toBe(elsewhere);
    expect(shadow.activeElement).toBeNull();
    host.remove();
    elsewhere.remove();
  });
});
