import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { workspaceAliases } from './aliases.ts';

/**
 * Screenshot baselines in Chromium (Vitest browser mode's `toMatchScreenshot`): the kit right to
 * left. `pnpm test:screenshots`; after an intended visual change, `pnpm test:screenshots -u`
 * rewrites the baselines (`packages/components/test/__screenshots__/`), to be reviewed and
 * committed. Debian's Chromium and fonts (fonts-liberation, DejaVu for Arabic) at a fixed
 * viewport keep the pixels the same from run to run.
 */
export default defineConfig({
  plugins: [react()],
  resolve: { alias: workspaceAliases },
  test: {
    name: 'screenshots',
    include: ['packages/components/test/**/*.screenshot.tsx'],
    // The actual and diff images of a failed comparison go with the other test artifacts.
    attachmentsDir: 'test-results/screenshots',
    browser: {
      enabled: true,
      headless: true,
      viewport: { width: 480, height: 720 },
      provider: playwright({
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        },
        contextOptions: { reducedMotion: 'reduce' },
      }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
