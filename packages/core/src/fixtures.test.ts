import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SyncState } from './model';
import { emitSync } from './emit';
import { parseAnswerBody, parseSync } from './parse';

// The documentation's sample payloads live in the repository (packages/core/fixtures), found
// relative to this file so any checkout runs the test.
const fixturesDir = new URL('../fixtures/quovo-v3/', import.meta.url);

function load(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, fixturesDir), 'utf8'));
}

const CONNECTION = 4224865;

const expected: Record<string, SyncState> = {
  'question.json': {
    connectionId: null,
    status: 'challenges',
    progress: { state: null, percent: null, message: null },
    challenges: [
      {
        kind: 'text',
        id: 1669462,
        connectionId: CONNECTION,
        prompt: 'Which company bought Jin Yang’s app "Not Hotdog"?',
        deadline: null,
        shouldAnswer: true,
        wireType: 'question',
      },
    ],
    configInstructions: null,
  },
  'choices.json': {
    connectionId: null,
    status: 'challenges',
    progress: { state: null, percent: null, message: null },
    challenges: [
      {
        kind: 'choice',
        id: 1669464,
        connectionId: CONNECTION,
        prompt: 'What is the ultimate answer?',
        deadline: null,
        shouldAnswer: true,
        wireType: 'choices',
        choices: [
          { key: 0, value: '1234', category: null },
          { key: 1, value: '42', category: null },
        ],
      },
    ],
    configInstructions: null,
  },
  'realtime-pin-stage1.json': {
    connectionId: null,
    status: 'challenges',
    progress: { state: null, percent: null, message: null },
    challenges: [
      {
        kind: 'choice',
        id: 1669462,
        connectionId: CONNECTION,
        prompt: 'Where should we send your pin?',
        deadline: null,
        shouldAnswer: true,
        wireType: 'question',
        choices: [
          { key: 0, value: 'xxx-xxx-0695', category: 'Voice' },
          { key: 1, value: 'xxx-xxx-0695', category: 'Text' },
          { key: 2, value: 'xxx-xxx-5309', category: 'Voice' },
          { key: 3, value: 'xxx-xxx-5309', category: 'Text' },
        ],
      },
    ],
    configInstructions: null,
  },
  'realtime-pin-stage2.json': {
    connectionId: null,
    status: 'challenges',
    progress: { state: null, percent: null, message: null },
    challenges: [
      {
        kind: 'text',
        id: 1669462,
        connectionId: CONNECTION,
        prompt: 'Enter your pin:',
        deadline: Date.UTC(2018, 0, 28, 13, 2, 10),
        shouldAnswer: true,
        wireType: 'question',
      },
    ],
    configInstructions: null,
  },
};

describe('the Quovo v3 documentation payloads', () => {
  it('finds every fixture beside the repository', () => {
    const names = readdirSync(fileURLToPath(fixturesDir)).filter((n) => n.endsWith('.json'));
    expect(names.sort()).toEqual(
      [...Object.keys(expected), 'answer-choice.request.json', 'answer-pin.request.json'].sort(),
    );
  });

  it.each(Object.keys(expected))('reads %s into the expected sync', (name) => {
    expect(parseSync(load(name))).toStrictEqual({ success: true, data: expected[name] });
  });

  it('reads realtime PIN stage one, sent as type "question", as a choice of four destinations', () => {
    const result = parseSync(load('realtime-pin-stage1.json'));
    if (!result.success) throw new Error('stage one did not parse');
    const [challenge] = result.data.challenges;
    expect(challenge?.kind).toBe('choice');
    if (challenge?.kind !== 'choice') return;
    expect(challenge.choices).toHaveLength(4);
    expect(challenge.choices.map((c) => c.category)).toEqual(['Voice', 'Text', 'Voice', 'Text']);
    expect(challenge.deadline).toBeNull();
  });

  it('reads realtime PIN stage two as a text challenge due at 13:02:10 UTC on 28 January 2018', () => {
    const result = parseSync(load('realtime-pin-stage2.json'));
    if (!result.success) throw new Error('stage two did not parse');
    expect(result.data.challenges[0]?.kind).toBe('text');
    expect(result.data.challenges[0]?.deadline).toBe(Date.UTC(2018, 0, 28, 13, 2, 10));
  });

  it('takes the sync connection id from the context when the bare body has none', () => {
    const result = parseSync(load('question.json'), { connectionId: CONNECTION });
    expect(result.success && result.data.connectionId).toBe(CONNECTION);
  });

  it.each(Object.keys(expected))('emits %s so that it reads back unchanged', (name) => {
    const state = expected[name] as SyncState;
    expect(parseSync(JSON.parse(JSON.stringify(emitSync(state))))).toStrictEqual({ success: true, data: state });
  });

  it('emits stage one as the documentation writes it: type "question" with choices', () => {
    const wire = emitSync(expected['realtime-pin-stage1.json'] as SyncState);
    expect(wire.sync.challenges[0]).toMatchObject({ type: 'question', choices: expect.any(Array) });
  });

  it('reads the documentation answer bodies, the typo in the PIN answer id included', () => {
    expect(parseAnswerBody(load('answer-choice.request.json'))).toStrictEqual({
      success: true,
      data: { answers: [{ challenge_id: 1669462, answer: 1 }] },
    });
    expect(parseAnswerBody(load('answer-pin.request.json'))).toStrictEqual({
      success: true,
      data: { answers: [{ challenge_id: 1669466, answer: '1234' }] },
    });
  });
});
