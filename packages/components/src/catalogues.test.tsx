/**
 * The shipped catalogues: complete, translated (no English value left), plural-correct through
 * `Intl`, and shown by a real `MfaFlow` against the sandbox (through MSW, as MfaFlow.test.tsx).
 */
import type { PollPolicy } from '@mfa-kit/core';
import { createEngine, createSeededRandom } from '@mfa-kit/sandbox';
import { createSandboxHandlers } from '@mfa-kit/sandbox/msw';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { durationPlural, messagesEn, type MfaMessages } from './messages';
import { messagesAr } from './messagesAr';
import { messagesDe } from './messagesDe';
import { messagesEs } from './messagesEs';
import { messagesFr } from './messagesFr';
import { MfaFlow } from './MfaFlow';

const BASE_URL = 'http://partner.test/api/quovo';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const FAST = { queuedMs: 0, authenticatingMs: 0, verifyingMs: 0, fetchingMs: 0 };
const POLL: Partial<PollPolicy> = { fastMs: 5, jitter: 0, confirmAfterMs: 0, retryBaseMs: 5 };

/** Every key, called with sample arguments when it is a function, so values can be compared. */
function sample(messages: MfaMessages, locale: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(messages) as [keyof MfaMessages, unknown][]) {
    if (typeof value === 'string') out[key] = value;
  }
  const m = messages;
  Object.assign(out, {
    'categoryName(text)': m.categoryName('text', 'Text'),
    'categoryName(voice)': m.categoryName('voice', 'Voice'),
    'categoryName(email)': m.categoryName('email', 'Email'),
    imageChoiceAlt: m.imageChoiceAlt(2, 4),
    imageChoiceUnavailable: m.imageChoiceUnavailable(2),
    countdownAnnouncement: m.countdownAnnouncement(m.formatDuration(30, locale), 30, locale),
    formatDuration: m.formatDuration(65, locale),
    failedBody: m.failedBody('questions_timeout'),
    ...Object.fromEntries((['missing', 'empty', 'unknown_choice', 'expired', 'not_answerable', 'wrong_type'] as const).map((r) => [`refusal(${r})`, m.refusal(r)])),
    ...Object.fromEntries(['challenge_expired', 'answer_too_long', 'network', 'http'].map((k) => [`requestError(${k})`, m.requestError(k)])),
  });
  delete out.formatDuration; // compared below, per locale
  return out;
}

interface Case {
  name: string;
  messages: MfaMessages;
  locale: string;
  /** The duration words for 1, 2 and 5 seconds and 1, 2 and 5 minutes. */
  durations: [number, string][];
  /** Words the flow shows: heading, a destination, the submit button, timer name, done heading. */
  flow: { title: string; destination: RegExp; submit: string; timer: string; done: string; announcement: RegExp };
}

const cases: Case[] = [
  {
    name: 'Spanish',
    messages: messagesEs,
    locale: 'es',
    durations: [[1, '1 segundo'], [2, '2 segundos'], [5, '5 segundos'], [60, '1 minuto'], [120, '2 minutos'], [300, '5 minutos'], [65, '1 minuto y 5 segundos']],
    flow: { title: 'Confirma que eres tú', destination: /Mensaje de texto.*xxx-xxx-0695/, submit: 'Continuar', timer: 'Tiempo restante', done: 'Verificación completada', announcement: /^Quedan? .+ para responder\.$/ },
  },
  {
    name: 'French',
    messages: messagesFr,
    locale: 'fr',
    durations: [[1, '1 seconde'], [2, '2 secondes'], [5, '5 secondes'], [60, '1 minute'], [120, '2 minutes'], [300, '5 minutes'], [65, '1 minute et 5 secondes']],
    flow: { title: 'Confirmez votre identité', destination: /SMS.*xxx-xxx-0695/, submit: 'Valider', timer: 'Temps restant', done: 'Identité confirmée', announcement: /^Plus que .*(minute|seconde).* pour répondre\.$/ },
  },
  {
    name: 'German',
    messages: messagesDe,
    locale: 'de',
    durations: [[1, '1 Sekunde'], [2, '2 Sekunden'], [5, '5 Sekunden'], [60, '1 Minute'], [120, '2 Minuten'], [300, '5 Minuten'], [65, '1 Minute, 5 Sekunden']],
    flow: { title: 'Bestätigen Sie Ihre Identität', destination: /SMS.*xxx-xxx-0695/, submit: 'Weiter', timer: 'Verbleibende Zeit', done: 'Bestätigung erfolgreich', announcement: /^Noch .*(Minute|Sekunde).* für Ihre Antwort\.$/ },
  },
  {
    name: 'Arabic',
    messages: messagesAr,
    locale: 'ar',
    // Arabic's forms: one and two without a numeral (the noun says it), few (3–10), many (11–99), other.
    durations: [[1, 'ثانية'], [2, 'ثانيتان'], [5, '5 ثوان'], [11, '11 ثانية'], [60, 'دقيقة'], [120, 'دقيقتان'], [300, '5 دقائق']],
    flow: { title: 'تأكيد هويتك', destination: /رسالة نصية.*xxx-xxx-0695/, submit: 'متابعة', timer: 'الوقت المتبقي', done: 'تمّ التحقق من هويتك', announcement: /^الوقت المتبقي للإجابة: .+\.$/ },
  },
];

describe.each(cases)('the $name catalogue', ({ messages, locale, durations, flow }) => {
  it('has every key of MfaMessages, the hooks’ alt text included', () => {
    expect(Object.keys(messages).sort()).toEqual(Object.keys(messagesEn).sort());
    expect(messages.captchaAlt).not.toBe('');
    expect(messages.imageChoiceAlt(1, 4)).toMatch(/1.*4/);
  });

  it('leaves no English value behind', () => {
    const english = sample(messagesEn, 'en');
    const own = sample(messages, locale);
    const untranslated = Object.keys(english).filter((key) => own[key] === english[key]);
    expect(untranslated).toEqual([]);
    for (const value of Object.values(own)) expect(value.trim()).not.toBe('');
  });

  it('spells durations with the plural the locale needs (1, 2, 5 and more)', () => {
    // French puts a no-break space between the number and the unit: compare the words.
    for (const [seconds, words] of durations) expect(messages.formatDuration(seconds, locale).replace(/\s/g, ' ')).toBe(words);
  });

  it('shows its words in a real MfaFlow, through a whole PIN flow', async () => {
    const user = userEvent.setup();
    const engine = createEngine({ random: createSeededRandom(14), timing: FAST });
    server.resetHandlers(...createSandboxHandlers({ engine }));
    const { id } = engine.createConnection('realtime_pin', { start: true });
    const { container } = render(<MfaFlow connectionId={id} baseUrl={BASE_URL} pollPolicy={POLL} messages={messages} locale={locale} />);
    expect(await screen.findByRole('heading', { name: flow.title }, { timeout: 3000 })).toBeInTheDocument();
    await user.click(await screen.findByRole('radio', { name: flow.destination }, { timeout: 3000 }));
    await user.click(screen.getByRole('button', { name: flow.submit }));
    await screen.findByRole('timer', { name: flow.timer }, { timeout: 3000 });
    expect(container.querySelector('[data-part="announcer-polite"]')!.textContent).toMatch(flow.announcement);
    await user.type(screen.getByRole('textbox'), engine.outbox(id)[0]!.pin);
    await user.click(screen.getByRole('button', { name: flow.submit }));
    expect(await screen.findByRole('heading', { name: flow.done }, { timeout: 3000 })).toBeInTheDocument();
  });
});

describe('plural agreement', () => {
  it('durationPlural follows Intl.PluralRules for one unit and is plural for two', () => {
    expect(durationPlural(1, 'es')).toBe('one');
    expect(durationPlural(60, 'es')).toBe('one');
    expect(durationPlural(30, 'es')).toBe('other');
    expect(durationPlural(65, 'es')).toBe('other');
    expect([1, 2, 5, 11, 100].map((n) => durationPlural(n, 'ar'))).toEqual(['one', 'two', 'few', 'many', 'other']);
  });

  it('Spanish says "Queda 1 minuto" but "Quedan 30 segundos" when given the count', () => {
    expect(messagesEs.countdownAnnouncement('1 minuto', 60, 'es')).toBe('Queda 1 minuto para responder.');
    expect(messagesEs.countdownAnnouncement('30 segundos', 30, 'es')).toBe('Quedan 30 segundos para responder.');
    expect(messagesEs.countdownAnnouncement('1 minuto y 5 segundos', 65, 'es')).toBe('Quedan 1 minuto y 5 segundos para responder.');
  });

  it('the other catalogues read right for any count, with or without it', () => {
    for (const [messages, locale] of [[messagesFr, 'fr'], [messagesDe, 'de'], [messagesAr, 'ar']] as const) {
      expect(messages.countdownAnnouncement(messages.formatDuration(60, locale))).toBe(messages.countdownAnnouncement(messages.formatDuration(60, locale), 60, locale));
    }
  });
});

describe('the PIN is called “PIN” in every catalogue', () => {
  // The bank asks "Where should we send your PIN?"; the kit's words about that PIN say PIN too,
  // never "code" beside it (Arabic: "رمز PIN", French: "code PIN").
  it.each([
    ['English', messagesEn],
    ['Spanish', messagesEs],
    ['French', messagesFr],
    ['German', messagesDe],
    ['Arabic', messagesAr],
  ] as const)('%s', (_name, m) => {
    const aboutThePin = {
      pinHint: m.pinHint,
      expiredTitle: m.expiredTitle,
      expiredBody: m.expiredBody,
      resend: m.resend,
      'refusal(expired)': m.refusal('expired'),
      'requestError(challenge_expired)': m.requestError('challenge_expired'),
    };
    const withoutPin = Object.entries(aboutThePin).filter(([, words]) => !/\bPINs?\b/.test(words));
    expect(withoutPin).toEqual([]);
  });
});
