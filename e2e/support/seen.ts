import type { Locator, Page } from 'playwright-core';

/** A moment focus was seen on `<body>` (or nowhere) while the watch was on. */
export interface LostFocus {
  /** What was checked: `mutation` (right after a DOM change), `frame` (a painted frame) or `focusout`. */
  when: string;
  /** The flow's `data-state` (its step) at that moment, or `-` outside a flow. */
  step: string;
  /** The page's first `h2` (the card's heading), to say where in the demo it happened. */
  card: string;
  /** The element that had focus before it was lost (its tag and text). */
  after: string;
}

/**
 * Watches, from the first paint, whether focus ever rests on `<body>`: after every DOM change
 * (a MutationObserver callback, before the next paint), on every animation frame and after every
 * `focusout`. Only while {@link watchBodyFocus} is on: a page that has just loaded has nothing
 * focused yet, which is fine. Read with {@link lostFocus}.
 */
export async function recordBodyFocus(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const state = { on: false, lost: [] as { when: string; step: string; card: string; after: string }[] };
    let last = '';
    (window as unknown as { __bodyFocus: typeof state }).__bodyFocus = state;
    const check = (when: string) => {
      if (!state.on) return;
      const active = document.activeElement;
      if (active && active !== document.body) return;
      state.lost.push({
        when,
        step: document.querySelector('[data-scope="mfa"][data-state]')?.getAttribute('data-state') ?? '-',
        card: document.querySelector('h2')?.textContent ?? '',
        after: last,
      });
    };
    const start = () => {
      new MutationObserver(() => check('mutation')).observe(document.documentElement, { subtree: true, childList: true, attributes: true });
      const frame = () => {
        check('frame');
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
      // After the focus change settles (a focusout followed at once by a focusin is a move, not a loss).
      document.addEventListener('focusout', () => setTimeout(() => check('focusout'), 0), true);
      document.addEventListener('focusin', (event) => {
        const el = event.target as HTMLElement;
        last = `${el.tagName.toLowerCase()} ${(el.textContent ?? '').trim().slice(0, 40)}`;
      }, true);
    };
    if (document.documentElement) start();
    else document.addEventListener('DOMContentLoaded', start);
  });
}

/** Starts (or stops) counting focus on `<body>` as lost. */
export async function watchBodyFocus(page: Page, on = true): Promise<void> {
  await page.evaluate((value) => {
    (window as unknown as { __bodyFocus: { on: boolean } }).__bodyFocus.on = value;
  }, on);
}

/** Every moment focus rested on `<body>` while watched, oldest first. */
export async function lostFocus(page: Page): Promise<LostFocus[]> {
  return page.evaluate(() => [...(window as unknown as { __bodyFocus: { lost: LostFocus[] } }).__bodyFocus.lost]);
}

/**
 * A picture of one element as it is drawn, with focus put elsewhere and the pointer away from it,
 * so the picture shows its state only (not a focus ring or a hover).
 */
export async function pictureOf(page: Page, element: Locator, focusElsewhere: Locator): Promise<Buffer> {
  await focusElsewhere.focus();
  await page.mouse.move(0, 0);
  return element.screenshot({ animations: 'disabled', caret: 'hide' });
}

/** A live region inserted with its text already in it (most screen readers skip such a region). */
export interface FilledRegion {
  text: string;
  /** The region's `data-part`, else its class name. */
  region: string;
  /** It is inside an MFA flow's root. */
  inFlow: boolean;
}

/**
 * Logs, from the first paint, every live region (`aria-live`, `status`, `alert`) that arrives in
 * the page already holding text. Read with {@link filledRegions}.
 */
export async function recordFilledRegions(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const log: { text: string; region: string; inFlow: boolean }[] = [];
    (window as unknown as { __filled: typeof log }).__filled = log;
    const LIVE = '[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"]';
    const start = () =>
      new MutationObserver((records) => {
        for (const record of records) {
          for (const added of record.addedNodes) {
            if (added.nodeType !== 1) continue;
            const element = added as Element;
            for (const region of [...(element.matches(LIVE) ? [element] : []), ...element.querySelectorAll(LIVE)]) {
              const text = (region.textContent ?? '').replace(/\s+/g, ' ').trim();
              if (!text) continue;
              const inFlow = region.closest('[data-scope="mfa"][data-part="flow"], [data-scope="mfa"][data-part="root"]') !== null;
              log.push({ text, region: (region as HTMLElement).dataset.part ?? region.className ?? region.tagName, inFlow });
            }
          }
        }
      }).observe(document.documentElement, { subtree: true, childList: true });
    if (document.documentElement) start();
    else document.addEventListener('DOMContentLoaded', start);
  });
}

/** Every live region inside an MFA flow that arrived already filled, oldest first. */
export async function filledRegions(page: Page): Promise<string[]> {
  const log = await page.evaluate(() => [...(window as unknown as { __filled: FilledRegion[] }).__filled]);
  return log.filter((entry) => entry.inFlow).map((entry) => `${entry.region}: ${entry.text}`);
}

/** How many lines an element's own text takes (text inside `skip` left out), as laid out now. */
export async function linesOf(element: Locator, skip?: string): Promise<number> {
  return element.evaluate((el, skipSelector) => {
    const tops: number[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.trim()) continue;
      if (skipSelector && node.parentElement?.closest(skipSelector)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) if (rect.width > 0) tops.push(rect.top);
    }
    // Text of two sizes on one line starts a few px apart; a new line starts a line height lower.
    tops.sort((a, b) => a - b);
    return tops.filter((top, i) => i === 0 || top - tops[i - 1]! > 8).length;
  }, skip);
}
