// @vitest-environment node
/** A server that renders the partner's page may import the element's module: no DOM there, and nothing may throw. */
import { describe, expect, it } from 'vitest';

describe('@mfa-kit/element without a DOM', () => {
  it('imports, and defines nothing', async () => {
    expect(typeof HTMLElement).toBe('undefined');
    const { defineMfaFlowElement, MfaFlowElement } = await import('./index');
    expect(typeof MfaFlowElement).toBe('function');
    expect(defineMfaFlowElement()).toBeUndefined();
  });
});
