import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn } from 'storybook/test';
import { CredentialsForm } from './CredentialsForm';

const meta = {
  title: 'Panels/CredentialsForm',
  component: CredentialsForm,
  args: { onSubmit: fn(), busy: false, headingLevel: 2 },
} satisfies Meta<typeof CredentialsForm>;

export default meta;
type Story = StoryObj<typeof meta>;

/** `incorrect_credentials`: empty fields are refused here; filled ones are handed to `onSubmit`. */
export const Default: Story = {
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Sign in' }));
    const alert = canvas.getByRole('alert');
    await expect(alert).toHaveTextContent('Enter both the username and the password.');
    await expect(alert).toHaveFocus();
    await expect(args.onSubmit).not.toHaveBeenCalled();
    await userEvent.type(canvas.getByLabelText('Username'), ' jane ');
    await userEvent.type(canvas.getByLabelText('Password'), 'correct');
    await userEvent.click(canvas.getByRole('button', { name: 'Sign in' }));
    await expect(args.onSubmit).toHaveBeenCalledWith({ username: 'jane', passcode: 'correct' });
  },
};

/** The username kept from before. */
export const Prefilled: Story = { args: { defaultUsername: 'jane' } };

/** A request failed. */
export const WithError: Story = { args: { error: 'Something went wrong. Try again.' } };

/** The new credentials are being sent. */
export const Busy: Story = { args: { busy: true, defaultUsername: 'jane' } };
