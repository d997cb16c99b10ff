import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DonePanel } from './DonePanel';
import { formatDurationIntl, messagesEn } from './messages';
import { messagesEs } from './messagesEs';
import { MfaMessagesProvider } from './MfaMessagesProvider';

describe('messages', () => {
  it('the Spanish catalogue has every English key', () => {
    expect(Object.keys(messagesEs).sort()).toEqual(Object.keys(messagesEn).sort());
  });

  it('overrides one key and keeps the rest', () => {
    render(
      <MfaMessagesProvider messages={{ doneTitle: 'All set!' }}>
        <DonePanel />
      </MfaMessagesProvider>,
    );
    expect(screen.getByRole('heading')).toHaveTextContent('All set!');
    expect(screen.getByText('Your account is connected.')).toBeInTheDocument();
  });

  it('nested providers merge key by key', () => {
    render(
      <MfaMessagesProvider messages={messagesEs} locale="es">
        <MfaMessagesProvider messages={{ doneBody: 'Listo.' }}>
          <DonePanel />
        </MfaMessagesProvider>
      </MfaMessagesProvider>,
    );
    expect(screen.getByRole('heading')).toHaveTextContent('Verificación completada');
    expect(screen.getByText('Listo.')).toBeInTheDocument();
  });

  it('formats durations with Intl for the locale', () => {
    expect(formatDurationIntl(125, 'en')).toBe('2 minutes, 5 seconds');
    expect(formatDurationIntl(60, 'en')).toBe('1 minute');
    expect(formatDurationIntl(30, 'es')).toBe('30 segundos');
    expect(formatDurationIntl(0, 'en')).toBe('0 seconds');
  });
});
