import { describe, expect, it } from 'vitest';
import type { Challenge, ChoiceChallenge } from './model';
import { challengeField, matchDestination, pinDestination, stepKey } from './rules';

const base = { connectionId: 1, prompt: 'Q', deadline: null, shouldAnswer: true, wireType: 'question' };
const destination: ChoiceChallenge = {
  ...base,
  id: 1,
  kind: 'choice',
  choices: [
    { key: 0, value: 'xxx-xxx-0695', category: 'Voice' },
    { key: 1, value: 'xxx-xxx-0695', category: 'Text' },
  ],
};
const pin: Challenge = { ...base, id: 2, kind: 'text', deadline: 1000 };
const question: Challenge = { ...base, id: 3, kind: 'text' };

describe('protocol rules', () => {
  it('tells every field apart: a notice for should_answer false, a PIN by its deadline', () => {
    expect(challengeField(pin)).toBe('pin');
    expect(challengeField(question)).toBe('question');
    expect(challengeField(destination)).toBe('choice');
    expect(challengeField({ ...pin, shouldAnswer: false })).toBe('notice');
    expect(challengeField({ ...base, id: 4, kind: 'captcha', image: 'x', deadline: 5 })).toBe('captcha');
  });

  it('finds stage one of a PIN flow only when it is the one thing to answer', () => {
    expect(pinDestination([destination])).toBe(destination);
    expect(pinDestination([destination, { ...question, shouldAnswer: false }])).toBe(destination);
    expect(pinDestination([destination, question])).toBeUndefined();
    expect(pinDestination([{ ...destination, deadline: 5 }])).toBeUndefined();
    expect(pinDestination([pin])).toBeUndefined();
  });

  it('matches a destination by category and masked value, not by key', () => {
    const again: ChoiceChallenge = { ...destination, id: 9, choices: [{ key: 7, value: 'xxx-xxx-0695', category: 'Text' }] };
    expect(matchDestination(again, destination.choices[1]!)).toEqual({ key: 7, value: 'xxx-xxx-0695', category: 'Text' });
    expect(matchDestination(again, destination.choices[0]!)).toBeUndefined();
  });

  it('keys a step by what the user faces, not by its progress', () => {
    const wait = (percent: number) => ({ type: 'wait' as const, progress: { state: 'x', percent, message: null } });
    expect(stepKey(wait(10))).toBe(stepKey(wait(60)));
    expect(stepKey({ type: 'answer', challenges: [pin], deadline: 1000 })).not.toBe(stepKey({ type: 'answer', challenges: [question], deadline: null }));
    expect(stepKey({ type: 'failed', status: 'a' })).not.toBe(stepKey({ type: 'failed', status: 'b' }));
  });
});
