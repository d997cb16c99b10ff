// @vitest-environment node
import { dehydrate, HydrationBoundary, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { CustomMfa } from './example.testkit';
import { mfaSyncQueryKey, useCountdown, useMfaChallenge } from './index';

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

  it('renders a prefetched sync, hydrated from a dehydrated server client, with no request', () => {
    const fetch = vi.spyOn(globalThis, 'fetch');
    const server = new QueryClient();
    server.setQueryData(mfaSyncQueryKey(12), {
      connectionId: 12,
      status: 'questions',
      progress: { state: 'authenticating', percent: 40, message: null },
      challenges: [{ id: 3, connectionId: 12, kind: 'text', prompt: 'Name of your first pet?', deadline: null, shouldAnswer: true, wireType: 'question' }],
      configInstructions: null,
    });
    const state = JSON.parse(JSON.stringify(dehydrate(server)));
    const html = renderToString(
      <QueryClientProvider client={new QueryClient()}>
        <HydrationBoundary state={state}>
          <CustomMfa connectionId={12} options={{ baseUrl: '/api/quovo', autoStart: 'auto' }} />
        </HydrationBoundary>
      </QueryClientProvider>,
    );
    expect(html).toContain('Name of your first pet?');
    expect(fetch).not.toHaveBeenCalled();
  });
});
