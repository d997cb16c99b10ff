import type { Preview } from '@storybook/react-vite';

const preview: Preview = {
  parameters: {
    controls: { matchers: { color: /(background|color)$/i, date: /Date$/i } },
    // Fail story tests on accessibility violations, not just report them.
    a11y: { test: 'error' },
  },
  tags: ['autodocs'],
};

export default preview;
