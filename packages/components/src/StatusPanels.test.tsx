import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ConfigInstructions } from './ConfigInstructions';
import { ConnectivityNotice } from './ConnectivityNotice';
import { CredentialsForm } from './CredentialsForm';
import { DonePanel } from './DonePanel';
import { ExpiredPanel } from './ExpiredPanel';
import { expectAccessible } from './expectAccessible';
import { FailedPanel } from './FailedPanel';
import { ProgressPanel } from './ProgressPanel';
import { RestartPanel } from './RestartPanel';

describe('status panels', () => {
  it('ProgressPanel shows a determinate bar with the server message, or an indeterminate one', async () => {
    const { container, rerender } = render(<ProgressPanel progress={{ state: 'authenticating', percent: 40, message: 'Logging in' }} />);
    const bar = screen.getByRole('progressbar', { name: 'Sync progress' });
    expect(bar).toHaveAttribute('aria-valuenow', '40');
    expect(screen.getByRole('status')).toHaveTextContent('Logging in');
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('Connecting to your institution');
    await expectAccessible(container);
    rerender(<ProgressPanel progress={null} headingLevel={3} />);
    expect(screen.getByRole('progressbar')).not.toHaveAttribute('aria-valuenow');
    expect(container.querySelector('[data-part="progress"]')).toHaveAttribute('data-state', 'indeterminate');
    expect(screen.getByRole('heading', { level: 3 })).toBeInTheDocument();
    await expectAccessible(container);
  });

  it('ExpiredPanel offers a one-click restart that re-sends a code', async () => {
    const user = userEvent.setup();
    const onRestart = vi.fn();
    const { container } = render(<ExpiredPanel onRestart={onRestart} />);
    expect(screen.getByRole("heading")).toHaveTextContent("The PIN expired");
    await user.click(screen.getByRole('button', { name: 'Send a new PIN' }));
    expect(onRestart).toHaveBeenCalledTimes(1);
    await expectAccessible(container);
  });

  it('RestartPanel ignores clicks while busy', async () => {
    const user = userEvent.setup();
    const onRestart = vi.fn();
    const { container } = render(<RestartPanel onRestart={onRestart} busy />);
    const button = screen.getByRole('button', { name: 'Send a new PIN' });
    expect(button).toHaveAttribute('aria-disabled', 'true');
    await user.click(button);
    expect(onRestart).not.toHaveBeenCalled();
    await expectAccessible(container);
  });

  it('CredentialsForm refuses empty fields with a linked, focused error, then submits', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    const { container } = render(<CredentialsForm onSubmit={onSubmit} />);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent('Enter both the username and the password.');
    expect(screen.getByRole('alert')).toHaveFocus();
    expect(screen.getByLabelText('Username')).toHaveAccessibleDescription('Enter both the username and the password.');
    await expectAccessible(container);
    await user.type(screen.getByLabelText('Username'), ' jane ');
    await user.type(screen.getByLabelText('Password'), 'correct');
    expect(screen.getByLabelText('Password')).toHaveAttribute('type', 'password');
    expect(screen.getByLabelText('Password')).toHaveAttribute('autocomplete', 'current-password');
    await user.keyboard('{Enter}');
    expect(onSubmit).toHaveBeenCalledWith({ username: 'jane', passcode: 'correct' });
  });

  it('ConfigInstructions shows the instructions as text and restarts', async () => {
    const user = userEvent.setup();
    const onRestart = vi.fn();
    const { container } = render(<ConfigInstructions instructions={'Log in to <b>bank.example</b>\nand accept the terms.'} onRestart={onRestart} />);
    expect(container.querySelector('b')).toBeNull();
    expect(screen.getByText(/accept the terms/)).toHaveTextContent('<b>bank.example</b>');
    await user.click(screen.getByRole('button', { name: 'I’ve done this, try again' }));
    expect(onRestart).toHaveBeenCalled();
    await expectAccessible(container);
  });

  it('DonePanel and FailedPanel', async () => {
    const user = userEvent.setup();
    const onRetry = vi.fn();
    const { container } = render(
      <>
        <DonePanel />
        <FailedPanel status="maintenance" onRetry={onRetry} />
      </>,
    );
    expect(screen.getByRole('status')).toHaveTextContent('You’re verified');
    expect(screen.getByText(/stopped \(maintenance\)/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalled();
    await expectAccessible(container);
  });

  it('ConnectivityNotice keeps its live region and speaks only when retrying or offline', async () => {
    const { container, rerender } = render(<ConnectivityNotice connectivity="online" />);
    expect(screen.getByRole('status')).toBeEmptyDOMElement();
    rerender(<ConnectivityNotice connectivity="retrying" />);
    expect(screen.getByRole('status')).toHaveTextContent('Retrying');
    rerender(<ConnectivityNotice connectivity="offline" />);
    expect(screen.getByRole('status')).toHaveTextContent('You’re offline');
    expect(container.firstElementChild).toHaveAttribute('data-state', 'offline');
    await expectAccessible(container);
  });
});
