import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { baselineChromium, mismatchWarning, REFRESH_COMMAND } from './chromium-version.mjs';

const SCRIPT = fileURLToPath(new URL('./chromium-version.mjs', import.meta.url));

/** Runs the script with a stand-in `chromium` that reports `version`, as Debian's does. */
function runWithChromium(version: string) {
  const fake = join(mkdtempSync(join(tmpdir(), 'mfa-chromium-')), 'chromium');
  writeFileSync(fake, `#!/bin/sh\necho "Chromium ${version} built on Debian GNU/Linux 12 (bookworm)"\n`);
  chmodSync(fake, 0o755);
  return spawnSync(process.execPath, [SCRIPT], { env: { ...process.env, CHROMIUM_PATH: fake }, encoding: 'utf8' });
}

describe('the Chromium warning at the end of pnpm test', () => {
  it('says nothing when the baselines were taken with the running build', () => {
    expect(mismatchWarning({ running: '156.0.8078.129', baseline: '156.0.8078.129' })).toBeNull();
  });

  it('names both builds and the refresh command, on one line, when they differ', () => {
    const warning = mismatchWarning({ running: '156.0.8078.140', baseline: '156.0.8078.129' });
    expect(warning).toContain('Chromium 156.0.8078.129');
    expect(warning).toContain('Chromium 156.0.8078.140');
    expect(warning).toContain(`\`${REFRESH_COMMAND}\``);
    expect(warning).not.toContain('\n');
  });

  it('prints the line, and still succeeds, when the installed Chromium is another build', () => {
    const run = runWithChromium('99.0.1.2');
    expect(run.status).toBe(0);
    expect(run.stderr.trim().split('\n')).toEqual([mismatchWarning({ running: '99.0.1.2', baseline: baselineChromium() })]);
  });

  it('prints nothing on the baselines’ build', () => {
    const run = runWithChromium(baselineChromium());
    expect(run.status).toBe(0);
    expect(run.stdout + run.stderr).toBe('');
  });
});
