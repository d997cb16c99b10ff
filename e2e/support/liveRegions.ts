import type { Page } from 'playwright-core';

/** One change of a live region, as a screen reader would hear it queued. */
export interface LiveChange {
  /** `polite` or `assertive` (an `alert` is assertive, a `status` polite). */
  politeness: string;
  /** The region's whole text after the change, whitespace collapsed. */
  text: string;
  /** The region's `data-part`, or its class name, to tell regions apart in a failure. */
  region: string;
  /** The region is inside the MFA flow (the drop-in's or a custom UI's `getRootProps` root). */
  inFlow: boolean;
}

/**
 * Logs every change of every live region on the page (`aria-live`, `role="status"`,
 * `role="alert"`) from the first paint, the way a screen reader queues them: a region's text
 * after each mutation, once per distinct text; a region emptied and refilled with the same words
 * logs them again. Read with {@link liveLog}.
 */
export async function recordLiveRegions(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const log: { politeness: string; text: string; region: string; inFlow: boolean }[] = [];
    (window as unknown as { __live: typeof log }).__live = log;
    const LIVE = '[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"]';
    const last = new WeakMap<Element, string>();
    const observer = new MutationObserver((records) => {
      const regions = new Set<Element>();
      for (const record of records) {
        const node = record.target.nodeType === 1 ? (record.target as Element) : record.target.parentElement;
        const region = node?.closest(LIVE);
        if (region) regions.add(region);
        for (const added of record.addedNodes) if (added.nodeType === 1 && (added as Element).matches(LIVE)) regions.add(added as Element);
      }
      for (const region of regions) {
        const text = (region.textContent ?? '').replace(/\s+/g, ' ').trim();
        if (text === (last.get(region) ?? '') && !(region.getAttribute('aria-live') && records.some((r) => r.target === region && r.addedNodes.length))) continue;
        last.set(region, text);
        if (!text) continue;
        const live = region.getAttribute('aria-live');
        const politeness = live ?? (region.getAttribute('role') === 'alert' ? 'assertive' : 'polite');
        const inFlow = region.closest('[data-scope="mfa"][data-part="flow"], [data-scope="mfa"][data-part="root"]') !== null;
        log.push({ politeness, text, region: (region as HTMLElement).dataset.part ?? region.className ?? region.tagName, inFlow });
      }
    });
    const start = () => observer.observe(document.documentElement, { subtree: true, childList: true, characterData: true });
    if (document.documentElement) start();
    else document.addEventListener('DOMContentLoaded', start);
  });
}

/** Every live-region change so far inside the MFA flow, oldest first, as `politeness: text`. */
export async function flowAnnouncements(page: Page): Promise<string[]> {
  const log = await page.evaluate(() => [...(window as unknown as { __live: LiveChange[] }).__live]);
  return log.filter((change) => change.inFlow).map((change) => `${change.politeness}: ${change.text}`);
}
