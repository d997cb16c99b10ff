import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { DonePanel } from './DonePanel';

const meta = {
  title: 'Panels/DonePanel',
  component: DonePanel,
  args: { headingLevel: 2 },
} satisfies Meta<typeof DonePanel>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The sync reached `good`; a polite status region. */
export const Default: Story = {
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent('You’re verified');
  },
};

/** Under an `h1` of the partner's page. */
export const HeadingLevel3: Story = { args: { headingLevel: 3 } };
