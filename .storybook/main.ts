import type { StorybookConfig } from '@storybook/react-vite';
import { workspaceAliases } from '../tooling/aliases.ts';

const config: StorybookConfig = {
  framework: '@storybook/react-vite',
  stories: ['./*.mdx', '../packages/*/src/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  staticDirs: ['./public'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(viteConfig) {
    viteConfig.resolve ??= {};
    const existing = viteConfig.resolve.alias;
    const list = Array.isArray(existing)
      ? existing
      : Object.entries(existing ?? {}).map(([find, replacement]) => ({ find, replacement: String(replacement) }));
    viteConfig.resolve.alias = [...workspaceAliases, ...list];
    // react-query ships "use client" directives, which Vite 8 warns about one by one in builds.
    viteConfig.build ??= {};
    const options = (viteConfig.build.rolldownOptions ??= {});
    const previous = options.onwarn;
    options.onwarn = (warning, warn) => {
      if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
      if (previous) previous(warning, warn);
      else warn(warning);
    };
    return viteConfig;
  },
};

export default config;
