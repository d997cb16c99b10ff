import '@mfa-kit/components/styles.css';
import type { Decorator, Preview } from '@storybook/react-vite';
import { startWorker, worker } from './msw';

/** The kit's default background and text colours (styles.css): the frame a partner page would give. */
const FRAME = { light: { background: '#fff', color: '#1a1d23' }, dark: { background: '#15171c', color: '#eef0f3' } } as const;

/**
 * The theme toolbar: the components' light and dark tokens, chosen the way a partner does it
 * (`data-theme` on an ancestor), on a frame painted like the kit's own background so contrast
 * is checked against what a partner would see. The kit's tokens exist only on its own elements,
 * so the frame cannot read them.
 */
const withTheme: Decorator = (Story, context) => {
  const theme = context.globals.theme === 'dark' ? 'dark' : 'light';
  return (
    <div data-theme={theme} style={{ ...FRAME[theme], padding: '1rem', minHeight: '100%' }}>
      <Story />
    </div>
  );
};

const preview: Preview = {
  parameters: {
    controls: { matchers: { color: /(background|color)$/i, date: /Date$/i } },
    // Fail story tests on accessibility violations, not just report them.
    a11y: { test: 'error' },
    layout: 'fullscreen',
  },
  globalTypes: {
    theme: {
      description: 'The components’ colour scheme (data-theme)',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light' },
  decorators: [withTheme],
  loaders: [
    // The sandbox's MSW worker (./msw.ts), started once, by the first story that talks to the
    // sandbox (`parameters.sandbox: true`); handlers are per story (./sandbox.ts). Stories of
    // plain components never pay for the service worker's registration.
    async ({ parameters }) => {
      if (parameters.sandbox) await startWorker();
      return {};
    },
  ],
  beforeEach({ parameters }) {
    if (parameters.sandbox) return () => worker.resetHandlers();
  },
  tags: ['autodocs'],
};

export default preview;
