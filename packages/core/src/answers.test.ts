import { buildAnswers, checkAnswer, pendingChallenges } from './answers';
import { findChoice } from './rules';
import type { AnswerValue, CaptchaChallenge, ChoiceChallenge, ImageChoiceChallenge, TextChallenge } from './model';

const NOW = Date.UTC(2024, 5, 1, 12, 0, 0);

const base = { connectionId: 4224865, deadline: null, shouldAnswer: true } as const;
const text = (over: Partial<TextChallenge> = {}): TextChallenge => ({
  ...base,
  id: 1669462,
  kind: 'text',
  prompt: 'Enter your pin:',
  wireType: 'question',
  ...over,
});
const choice = (over: Partial<ChoiceChallenge> = {}): ChoiceChallenge => ({
  ...base,
  id: 1669464,
  kind: 'choice',
  prompt: 'What is the ultimate answer?',
  wireType: 'choices',
  choices: [
    { key: 0, value: '1234', category: null },
    { key: 1, value: '42', category: null },
  ],
  ...over,
});
const captcha = (over: Partial<CaptchaChallenge> = {}): CaptchaChallenge => ({
  ...base,
  id: 7,
  kind: 'captcha',
  prompt: 'Type the characters',
  wireType: 'image',
  image: 'data:image/png;base64,iVBORw0KGgo=',
  ...over,
});
const imageChoice = (over: Partial<ImageChoiceChallenge> = {}): ImageChoiceChallenge => ({
  ...base,
  id: 8,
  kind: 'imageChoice',
  prompt: 'Pick your image',
  wireType: 'image_choices',
  choices: [
    { key: 3, image: 'https://example.com/a.png', label: null },
    { key: 5, image: 'https://example.com/b.png', label: null },
  ],
  ...over,
});

describe('choice keys', () => {
  it('are sent in the type the server sent them, whichever way the UI wrote them', () => {
    const stringKeys = choice({ choices: [{ key: '0', value: 'xxx-xxx-0695', category: 'Text' }, { key: 1, value: '42', category: null }] });
    expect(buildAnswers([stringKeys], { [stringKeys.id]: 0 }, NOW, 0)).toEqual({ ok: true, answers: [{ challenge_id: stringKeys.id, answer: '0' }] });
    expect(buildAnswers([stringKeys], { [stringKeys.id]: '1' }, NOW, 0)).toEqual({ ok: true, answers: [{ challenge_id: stringKeys.id, answer: 1 }] });
  });

  it('name an option through findChoice exactly when buildAnswers accepts them', () => {
    const c = choice();
    for (const value of [0, 1, '0', '1', '1.0', '0x1', '1e0', '', ' 1', 2, Number.NaN]) {
      expect(findChoice(c.choices, value) !== undefined).toBe(checkAnswer(c, value, NOW, 0) === null);
    }
  });
});

describe('checkAnswer', () => {
  it('accepts a choice key, as a number or a numeric string', () => {
    expect(checkAnswer(choice(), 1, NOW, 0)).toBeNull();
    expect(checkAnswer(choice(), '1', NOW, 0)).toBeNull();
    expect(checkAnswer(imageChoice(), 5, NOW, 0)).toBeNull();
    expect(checkAnswer(imageChoice(), '3', NOW, 0)).toBeNull();
  });

  it('refuses a key the challenge does not offer', () => {
    expect(checkAnswer(choice(), 2, NOW, 0)).toBe('unknown_choice');
    expect(checkAnswer(choice(), '7', NOW, 0)).toBe('unknown_choice');
    expect(checkAnswer(imageChoice(), 0, NOW, 0)).toBe('unknown_choice');
  });

  it('refuses a choice value that names no option: the same reading the UI uses to show a choice', () => {
    // The option's text is not its key; other spellings of a number are not its key either.
    for (const value of ['1234x', Number.NaN, '1.0', '0x1', '1e0', ' 1']) expect(checkAnswer(choice(), value, NOW, 0)).toBe('unknown_choice');
    expect(checkAnswer(imageChoice(), 'b.png', NOW, 0)).toBe('unknown_choice');
    // Neither a number nor a string, from untyped callers.
    expect(checkAnswer(choice(), true as never, NOW, 0)).toBe('wrong_type');
    expect(checkAnswer(choice(), {} as never, NOW, 0)).toBe('wrong_type');
  });

  it('refuses a missing choice', () => {
    expect(checkAnswer(choice(), undefined, NOW, 0)).toBe('missing');
    expect(checkAnswer(choice(), '', NOW, 0)).toBe('missing');
    expect(checkAnswer(imageChoice(), undefined, NOW, 0)).toBe('missing');
  });

  it('accepts typed text for text and captcha challenges', () => {
    expect(checkAnswer(text(), '0042', NOW, 0)).toBeNull();
    expect(checkAnswer(captcha(), ' xK4p ', NOW, 0)).toBeNull();
  });

  it('refuses blank text, missing text, and numbers for typed answers', () => {
    expect(checkAnswer(text(), '   ', NOW, 0)).toBe('empty');
    expect(checkAnswer(captcha(), '', NOW, 0)).toBe('empty');
    expect(checkAnswer(text(), undefined, NOW, 0)).toBe('missing');
    // A PIN as a number would lose its leading zeros.
    expect(checkAnswer(text(), 42, NOW, 0)).toBe('wrong_type');
  });

  it('refuses read-only challenges', () => {
    expect(checkAnswer(text({ shouldAnswer: false }), 'x', NOW, 0)).toBe('not_answerable');
    expect(checkAnswer(choice({ shouldAnswer: false }), 1, NOW, 0)).toBe('not_answerable');
  });

  it('refuses once the deadline has passed in server time', () => {
    const pin = text({ deadline: NOW + 30_000 });
    expect(checkAnswer(pin, '123456', NOW, 0)).toBeNull();
    expect(checkAnswer(pin, '123456', NOW + 30_000, 0)).toBe('expired');
    // The server is a minute ahead: already too late, whatever this device's clock says.
    expect(checkAnswer(pin, '123456', NOW, 60_000)).toBe('expired');
    expect(checkAnswer(captcha({ deadline: NOW - 1 }), 'abc', NOW, 0)).toBe('expired');
  });
});

describe('pendingChallenges', () => {
  it('keeps the answerable challenges in order', () => {
    const a = text({ id: 1 });
    const b = choice({ id: 2, shouldAnswer: false });
    const c = captcha({ id: 3 });
    expect(pendingChallenges([a, b, c])).toEqual([a, c]);
    expect(pendingChallenges([])).toEqual([]);
  });
});

describe('buildAnswers', () => {
  it('builds one list for every answerable challenge, trimmed and with numeric keys', () => {
    const challenges = [text({ id: 1 }), choice({ id: 2 }), captcha({ id: 3 }), imageChoice({ id: 4 })];
    const values: Record<number, AnswerValue> = { 1: '  Smith ', 2: '1', 3: 'xK4p', 4: 5 };
    expect(buildAnswers(challenges, values, NOW, 0)).toEqual({
      ok: true,
      answers: [
        { challenge_id: 1, answer: 'Smith' },
        { challenge_id: 2, answer: 1 },
        { challenge_id: 3, answer: 'xK4p' },
        { challenge_id: 4, answer: 5 },
      ],
    });
  });

  it('answers the challenge shown, not the documentation’s typo id', () => {
    const pin = text({ id: 1669462, deadline: NOW + 60_000 });
    expect(buildAnswers([pin], { 1669462: '1234' }, NOW, 0)).toEqual({
      ok: true,
      answers: [{ challenge_id: 1669462, answer: '1234' }],
    });
  });

  it('skips read-only challenges silently', () => {
    const readOnly = text({ id: 1, shouldAnswer: false });
    const open = choice({ id: 2 });
    expect(buildAnswers([readOnly, open], { 1: 'ignored', 2: 0 }, NOW, 0)).toEqual({
      ok: true,
      answers: [{ challenge_id: 2, answer: 0 }],
    });
  });

  it('refuses the whole list when any answerable challenge is missing or invalid, naming each', () => {
    const challenges = [text({ id: 1 }), choice({ id: 2 }), captcha({ id: 3 }), text({ id: 4 })];
    const result = buildAnswers(challenges, { 1: '   ', 2: 9, 4: 'fine' }, NOW, 0);
    expect(result).toEqual({
      ok: false,
      refusals: [
        { challengeId: 1, reason: 'empty' },
        { challengeId: 2, reason: 'unknown_choice' },
        { challengeId: 3, reason: 'missing' },
      ],
    });
  });

  it('refuses expired challenges', () => {
    const pin = text({ id: 1, deadline: NOW - 1 });
    expect(buildAnswers([pin], { 1: '123456' }, NOW, 0)).toEqual({
      ok: false,
      refusals: [{ challengeId: 1, reason: 'expired' }],
    });
  });

  it('never puts the value in a refusal', () => {
    const secret = '9876543210-secret';
    const result = buildAnswers([choice({ id: 1 }), text({ id: 2, deadline: NOW - 1 })], { 1: secret, 2: secret }, NOW, 0);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(secret);
  });

  it('has nothing to send when nothing is answerable', () => {
    expect(buildAnswers([text({ shouldAnswer: false })], {}, NOW, 0)).toEqual({ ok: true, answers: [] });
    expect(buildAnswers([], {}, NOW, 0)).toEqual({ ok: true, answers: [] });
  });

  it('sends a challenge listed twice only once', () => {
    const pin = text({ id: 1 });
    expect(buildAnswers([pin, pin], { 1: 'a' }, NOW, 0)).toEqual({ ok: true, answers: [{ challenge_id: 1, answer: 'a' }] });
  });
});
