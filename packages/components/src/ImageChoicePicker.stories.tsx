import type { ImageChoice } from '@mfa-kit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, waitFor } from 'storybook/test';
import { ImageChoicePicker, type ImageChoicePickerProps } from './ImageChoicePicker';

const shapes: Record<string, string> = {
  star: '<polygon points="32,6 39,24 58,24 43,36 49,55 32,44 15,55 21,36 6,24 25,24" fill="#f4a261" stroke="#9c4a00" stroke-width="2"/>',
  house: '<polygon points="10,30 32,10 54,30" fill="#e63946"/><rect x="16" y="30" width="32" height="24" fill="#f1faee" stroke="#1d3557" stroke-width="2"/>',
  tree: '<rect x="28" y="38" width="8" height="18" fill="#7f5539"/><circle cx="32" cy="26" r="18" fill="#2a9d8f"/>',
  boat: '<path d="M8 40 H56 L48 52 H16 Z" fill="#457b9d"/><polygon points="32,8 32,38 50,38" fill="#f1faee" stroke="#1d3557" stroke-width="2"/>',
};

const picture = (name: string) =>
  `data:image/svg+xml;base64,${btoa(`<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><rect width="64" height="64" rx="8" fill="#fdfcdc"/>${shapes[name] ?? ''}</svg>`)}`;

const pictures: ImageChoice[] = ['house', 'star', 'tree', 'boat'].map((name, key) => ({ key, image: picture(name), label: null }));

function StatefulImageChoicePicker(props: ImageChoicePickerProps) {
  const [value, setValue] = useState(props.value ?? null);
  return (
    <ImageChoicePicker
      {...props}
      value={value}
      onChange={(key) => {
        setValue(key);
        props.onChange?.(key);
      }}
    />
  );
}

const meta = {
  title: 'Components/ImageChoicePicker',
  component: ImageChoicePicker,
  args: { choices: pictures, label: 'Select your security image.', value: null, onChange: fn(), readOnly: false, disabled: false },
  argTypes: {
    value: { control: 'number' },
    groupProps: { control: false },
    getChoiceProps: { control: false },
    getImageProps: { control: false },
    ids: { control: false },
  },
  render: (args) => <StatefulImageChoicePicker key={String(args.value)} {...args} />,
} satisfies Meta<typeof ImageChoicePicker>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Four pictures as radio cards; without captions each is named by its position. */
export const Default: Story = {
  play: async ({ canvas, userEvent, args }) => {
    const second = canvas.getByRole('radio', { name: 'Image option 2 of 4' });
    await userEvent.click(second);
    await expect(second).toHaveAttribute('aria-checked', 'true');
    await expect(args.onChange).toHaveBeenLastCalledWith(1);
    await userEvent.keyboard('{ArrowRight}');
    await expect(canvas.getByRole('radio', { name: 'Image option 3 of 4' })).toHaveAttribute('aria-checked', 'true');
  },
};

/** One picture chosen. */
export const Selected: Story = { args: { value: 1 } };

/** Captions supplied with the options name them. */
export const WithCaptions: Story = {
  args: { choices: pictures.map((c, i) => ({ ...c, label: ['House', 'Star', 'Tree', 'Boat'][i] ?? null })) },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('radio', { name: 'Star' })).toBeVisible();
  },
};

/** An unsafe and a broken picture: text fallbacks, the options stay choosable. */
export const UnusableImages: Story = {
  args: {
    choices: [
      pictures[0] as ImageChoice,
      { key: 1, image: 'javascript:alert(1)', label: null },
      { key: 2, image: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB', label: null },
      pictures[3] as ImageChoice,
    ],
  },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('radio', { name: 'Option 2: image unavailable' })).toBeVisible();
    await waitFor(() => expect(canvas.getByRole('radio', { name: 'Option 3: image unavailable' })).toBeVisible());
  },
};

/** Nothing chosen when continuing. */
export const WithError: Story = { args: { error: 'Choose one of the options.' } };

/** While the answer is being sent. */
export const Disabled: Story = { args: { value: 1, disabled: true } };
