// @vitest-environment node
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { CustomMfa } from './example.testkit';
import { useCountdown, useMfaChallenge } from './index';

describe('server rendering', () => {
  it('renders without window, document or a request, with a relative base URL and no provider', () => {
    expect(typeof window).toBe('undefined');
    const fetch = vi.spyOn(globalThis, 'fetch');
    let seen: ReturnType<typeof useMfaChallenge> | null = null;
    function Probe() {
      const mfa = useMfaChallenge(4224865, { baseUrl: '/api/quovo', autoStart: true });
      const countdown = useCountdown(Date.now() + 60_000, { clock: mfa.clock });
      seen = mfa;
      return (
        <form {...mfa.getFormProps()}>
          <p>{mfa.step.type}</p>
          <p>{countdown.formatted}</p>
          <button {...mfa.getSubmitProps()}>Go</button>
        </form>
      );
    }
    const html = renderToString(<Probe />);
    expect(html).toContain('idle');
    expect(html).toContain('1:00');
    expect(html).toContain('aria-disabled="true"');
    expect(seen!.connectivity).toBe('online');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('renders the README example', () => {
    const html = renderToString(<CustomMfa connectionId={1} options={{ baseUrl: '/api/quovo' }} />);
    expect(html).toContain('Starting…');
  });
});
