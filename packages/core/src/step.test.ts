import type { CaptchaChallenge, Challenge, ChoiceChallenge, ImageChoiceChallenge, SyncState, TextChallenge } from './model';
import { parseSync } from './parse';
import { deriveStep, isFinalStatus } from './step';

const NOW = Date.UTC(2024, 5, 1, 12, 0, 0);

const base = { connectionId: 4224865, deadline: null, shouldAnswer: true } as const;
const text = (over: Partial<TextChallenge> = {}): TextChallenge => ({
  ...base,
  id: 1,
  kind: 'text',
  prompt: 'Mother’s maiden name?',
  wireType: 'question',
  ...over,
});
const choice = (over: Partial<ChoiceChallenge> = {}): ChoiceChallenge => ({
  ...base,
  id: 2,
  kind: 'choice',
  prompt: 'Where should we send your pin?',
  wireType: 'question',
  choices: [
    { key: 0, value: 'xxx-xxx-0695', category: 'Voice' },
    { key: 1, value: 'xxx-xxx-0695', category: 'Text' },
  ],
  ...over,
});
const captcha = (over: Partial<CaptchaChallenge> = {}): CaptchaChallenge => ({
  ...base,
  id: 3,
  kind: 'captcha',
  prompt: 'Type the characters',
  wireType: 'image',
  image: 'data:image/png;base64,iVBORw0KGgo=',
  ...over,
});
const imageChoice = (over: Partial<ImageChoiceChallenge> = {}): ImageChoiceChallenge => ({
  ...base,
  id: 4,
  kind: 'imageChoice',
  prompt: 'Pick your image',
  wireType: 'image_choices',
  choices: [
    { key: 0, image: 'https://example.com/a.png', label: null },
    { key: 1, image: 'https://example.com/b.png', label: null },
  ],
  ...over,
});

const progress = { state: 'authenticating', percent: 40, message: 'Logging in' };
const sync = (status: string, challenges: Challenge[] = [], configInstructions: string | null = null): SyncState => ({
  connectionId: 4224865,
  status,
  progress,
  challenges,
  configInstructions,
});

describe('deriveStep', () => {
  it('waits while syncing, with the progress', () => {
    expect(deriveStep(sync('syncing'), NOW, 0)).toEqual({ type: 'wait', progress });
  });

  it('waits when the status is challenges but none is listed yet', () => {
    expect(deriveStep(sync('challenges'), NOW, 0)).toEqual({ type: 'wait', progress });
  });

  it.each([
    ['text', text()],
    ['choice', choice()],
    ['captcha', captcha()],
    ['imageChoice', imageChoice()],
  ])('asks to answer a pending %s challenge', (_kind, challenge) => {
    expect(deriveStep(sync('challenges', [challenge]), NOW, 0)).toEqual({
      type: 'answer',
      challenges: [challenge],
      deadline: null,
    });
  });

  it('reads the older status name questions as challenges', () => {
    expect(deriveStep(sync('questions', [text()]), NOW, 0).type).toBe('answer');
  });

  it('gives the earliest deadline among the answerable challenges, and keeps read-only ones', () => {
    const readOnly = text({ id: 10, shouldAnswer: false, deadline: NOW + 1_000 });
    const late = captcha({ id: 11, deadline: NOW + 120_000 });
    const early = text({ id: 12, deadline: NOW + 60_000 });
    const timeless = choice({ id: 13 });
    const step = deriveStep(sync('challenges', [readOnly, late, early, timeless]), NOW, 0);
    expect(step).toEqual({ type: 'answer', challenges: [readOnly, late, early, timeless], deadline: NOW + 60_000 });
  });

  it.each([
    ['text', text({ deadline: NOW - 1 })],
    ['choice', choice({ deadline: NOW - 1 })],
    ['captcha', captcha({ deadline: NOW - 1 })],
    ['imageChoice', imageChoice({ deadline: NOW - 1 })],
  ])('reads a %s challenge past its deadline as expired before the server says resync', (_kind, challenge) => {
    expect(deriveStep(sync('challenges', [challenge]), NOW, 0)).toEqual({ type: 'expired', challenges: [challenge] });
  });

  it('reads deadlines in server time', () => {
    const pin = text({ deadline: NOW + 30_000 });
    // The server is a minute ahead of this device: its deadline has already passed.
    expect(deriveStep(sync('challenges', [pin]), NOW, 60_000).type).toBe('expired');
    // The server is a minute behind: there is still time.
    expect(deriveStep(sync('challenges', [pin]), NOW + 60_000, -60_000)).toMatchObject({ type: 'answer', deadline: NOW + 30_000 });
  });

  it('ignores a passed deadline on a read-only challenge', () => {
    const readOnly = text({ id: 20, shouldAnswer: false, deadline: NOW - 1 });
    const open = choice({ id: 21 });
    expect(deriveStep(sync('challenges', [readOnly, open]), NOW, 0)).toEqual({
      type: 'answer',
      challenges: [readOnly, open],
      deadline: null,
    });
  });

  it('asks to restart after resync', () => {
    expect(deriveStep(sync('resync'), NOW, 0)).toEqual({ type: 'restart' });
  });

  it('asks for credentials after incorrect_credentials', () => {
    expect(deriveStep(sync('incorrect_credentials'), NOW, 0)).toEqual({ type: 'credentials' });
  });

  it('shows the instructions for user_config', () => {
    expect(deriveStep(sync('user_config', [], 'Accept the new terms on your bank’s site.'), NOW, 0)).toEqual({
      type: 'config',
      instructions: 'Accept the new terms on your bank’s site.',
    });
    expect(deriveStep(sync('user_config'), NOW, 0)).toEqual({ type: 'config', instructions: null });
  });

  it('is done when good', () => {
    expect(deriveStep(sync('good'), NOW, 0)).toEqual({ type: 'done' });
  });

  it.each(['maintenance', 'postponed', 'no_accounts', ''])('fails with the status kept verbatim for %j', (status) => {
    expect(deriveStep(sync(status), NOW, 0)).toEqual({ type: 'failed', status });
  });

  it('follows the documentation’s realtime PIN, stage one then stage two', () => {
    const stageOne = parseSync({
      challenges: [
        {
          connection_id: 4224865,
          choices: [
            { category: 'Voice', key: 0, value: 'xxx-xxx-0695' },
            { category: 'Text', key: 1, value: 'xxx-xxx-0695' },
          ],
          expires: null,
          id: 1669462,
          question: 'Where should we send your pin?',
          should_answer: true,
          type: 'question',
        },
      ],
    });
    if (!stageOne.success) throw new Error('stage one did not parse');
    const first = deriveStep(stageOne.data, NOW, 0);
    expect(first).toMatchObject({ type: 'answer', deadline: null });
    expect(first.type === 'answer' && first.challenges[0]?.kind).toBe('choice');

    const stageTwo = parseSync({
      challenges: [
        {
          connection_id: 4224865,
          expires: '2018-01-28T13:02:10Z',
          id: 1669462,
          question: 'Enter your pin:',
          should_answer: true,
          type: 'question',
        },
      ],
    });
    if (!stageTwo.success) throw new Error('stage two did not parse');
    const deadline = Date.parse('2018-01-28T13:02:10Z');
    // Without a server clock, today reads far past the 2018 deadline.
    expect(deriveStep(stageTwo.data, NOW, 0).type).toBe('expired');
    // With a server clock that reads one minute before the deadline, there is time.
    const offset = deadline - 60_000 - NOW;
    expect(deriveStep(stageTwo.data, NOW, offset)).toMatchObject({ type: 'answer', deadline });
  });
});

describe('isFinalStatus', () => {
  it('keeps polling while syncing or challenged', () => {
    expect(isFinalStatus('syncing')).toBe(false);
    expect(isFinalStatus('challenges')).toBe(false);
    expect(isFinalStatus('questions')).toBe(false);
  });

  it.each(['good', 'resync', 'incorrect_credentials', 'user_config', 'maintenance', 'postponed'])('ends the sync at %s', (status) => {
    expect(isFinalStatus(status)).toBe(true);
  });
});
