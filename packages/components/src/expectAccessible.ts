import { act } from '@testing-library/react';
import { axe } from 'vitest-axe';
import { expect } from 'vitest';

/**
 * Test helper: axe finds no violations in `node`. Colour contrast is off because jsdom has no
 * layout or canvas, and `region` because parts are rendered outside a page's landmarks.
 */
export async function expectAccessible(node: Element): Promise<void> {
  // Inside act(): a flow keeps polling while axe runs, and what it renders meanwhile is part of the test.
  let results!: Awaited<ReturnType<typeof axe>>;
  await act(async () => {
    results = await axe(node, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
  });
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
}
