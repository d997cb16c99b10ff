/**
 * Global setup of the screenshot projects: which Chromium drew the baselines and which one runs
 * (scripts/chromium-version.mjs), handed to the tests as `inject('chromium')`. Pixels are exact
 * only within one Chromium build, and `.ci/run` installs whatever Debian's security archive has
 * that day. So `-u` records the running build beside the baselines; on another build the tests
 * compare within a small tolerance and say so in a skipped test's name (screenshotComparison.ts),
 * and `pnpm test` ends with a one-line warning naming both builds and `pnpm test:screenshots -u`.
 * On the baselines' own build one changed pixel fails. See docs/decisions.md, "Visual regression".
 */
import type { TestProject } from 'vitest/node';
import { baselineChromium, recordBaselineChromium, runningChromium } from '../../scripts/chromium-version.mjs';

export default function setup(project: TestProject): void {
  const running = runningChromium();
  // `-u` (or `--update`) turns the config's `update: 'none'` into rewriting what differs.
  if (project.config.snapshotOptions.updateSnapshot === 'all') recordBaselineChromium(running);
  project.provide('chromium', { running, baseline: baselineChromium() });
}
