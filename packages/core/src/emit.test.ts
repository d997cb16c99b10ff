import { emitAnswerBody, emitSync } from './emit';
import type { Challenge, SyncState, WireAnswer } from './model';
import { parseSync } from './parse';

const base = {
  id: 11,
  connectionId: 4224865,
  prompt: 'Prompt',
  deadline: null,
  shouldAnswer: true,
};

function stateWith(...challenges: Challenge[]): SyncState {
  return {
    connectionId: 4224865,
    status: 'challenges',
    progress: { state: 'authenticating', percent: 40, message: 'Logging in' },
    challenges,
    configInstructions: null,
  };
}

const wireBase = {
  id: 11,
  connection_id: 4224865,
  question: 'Prompt',
  should_answer: true,
  expires: null,
};

describe('emitSync', () => {
  it('writes the strict envelope with every sync field', () => {
    expect(emitSync({ ...stateWith(), status: 'user_config', configInstructions: 'Visit the bank' })).toStrictEqual({
      sync: {
        connection_id: 4224865,
        status: 'user_config',
        progress: { state: 'authenticating', percent: 40, message: 'Logging in' },
        challenges: [],
        config_instructions: 'Visit the bank',
      },
    });
  });

  it('keeps an unknown status and a null connection id as they are', () => {
    const wire = emitSync({ ...stateWith(), connectionId: null, status: 'maintenance' });
    expect(wire.sync.connection_id).toBeNull();
    expect(wire.sync.status).toBe('maintenance');
  });

  it('writes a choice challenge as type "choices"', () => {
    const choices = [{ key: 0, value: '1234', category: null }];
    expect(emitSync(stateWith({ ...base, kind: 'choice', wireType: 'choices', choices })).sync.challenges).toStrictEqual([
      { ...wireBase, type: 'choices', choices },
    ]);
  });

  it('writes the realtime PIN stage one as the documentation does: type "question" with choices', () => {
    const choices = [
      { key: 0, value: 'xxx-xxx-0695', category: 'Voice' },
      { key: 1, value: 'xxx-xxx-0695', category: 'Text' },
    ];
    expect(emitSync(stateWith({ ...base, kind: 'choice', wireType: 'question', choices })).sync.challenges).toStrictEqual([
      { ...wireBase, type: 'question', choices },
    ]);
  });

  it('writes a choice challenge with any other wire type as "choices"', () => {
    const challenge: Challenge = { ...base, kind: 'choice', wireType: 'multiple', choices: [] };
    expect(emitSync(stateWith(challenge)).sync.challenges[0]?.type).toBe('choices');
  });

  it('writes a text challenge as type "question", whatever type it arrived as', () => {
    expect(emitSync(stateWith({ ...base, kind: 'text', wireType: 'secret_word' })).sync.challenges).toStrictEqual([
      { ...wireBase, type: 'question' },
    ]);
  });

  it('writes a captcha as type "image" with its image as given', () => {
    const image = { source: 'iVBORw0KGgo=', html: null };
    expect(
      emitSync(stateWith({ ...base, kind: 'captcha', wireType: 'image', image, deadline: Date.UTC(2018, 0, 28, 13, 2, 10) }))
        .sync.challenges,
    ).toStrictEqual([{ ...wireBase, type: 'image', image, expires: '2018-01-28T13:02:10.000Z' }]);
  });

  it('writes an image choice as type "image_choices" with {key, value, label?}', () => {
    const challenge: Challenge = {
      ...base,
      kind: 'imageChoice',
      wireType: 'image_choices',
      choices: [
        { key: 0, image: 'https://bank.example/cat.png', label: 'Cat' },
        { key: 1, image: { source: 'iVBORw0KGgo=' }, label: null },
      ],
    };
    expect(emitSync(stateWith(challenge)).sync.challenges).toStrictEqual([
      {
        ...wireBase,
        type: 'image_choices',
        image_choices: [
          { key: 0, value: 'https://bank.example/cat.png', label: 'Cat' },
          { key: 1, value: { source: 'iVBORw0KGgo=' } },
        ],
      },
    ]);
  });

  it('writes deadlines as ISO-8601 in UTC with Z', () => {
    const wire = emitSync(stateWith({ ...base, kind: 'text', wireType: 'question', deadline: Date.UTC(2030, 5, 1, 8, 0, 0, 5) }));
    expect(wire.sync.challenges[0]?.expires).toBe('2030-06-01T08:00:00.005Z');
  });

  it('copies images, so later edits of the model do not reach the emitted body', () => {
    const image = { source: 'iVBORw0KGgo=' };
    const wire = emitSync(stateWith({ ...base, kind: 'captcha', wireType: 'image', image }));
    image.source = 'changed';
    expect(wire.sync.challenges[0]).toMatchObject({ image: { source: 'iVBORw0KGgo=' } });
  });

  it('reads back as the same state', () => {
    const state = stateWith(
      { ...base, kind: 'text', wireType: 'question', deadline: Date.UTC(2018, 0, 28, 13, 2, 10) },
      { ...base, id: 12, kind: 'choice', wireType: 'question', choices: [{ key: 1, value: 'v', category: 'Text' }] },
      { ...base, id: 13, kind: 'captcha', wireType: 'image', image: 'data:image/png;base64,iVBORw0KGgo=', shouldAnswer: false },
      { ...base, id: 14, kind: 'imageChoice', wireType: 'image_choices', choices: [{ key: 0, image: { source: 's', html: '<i>' }, label: 'L' }] },
    );
    expect(parseSync(JSON.parse(JSON.stringify(emitSync(state))))).toStrictEqual({ success: true, data: state });
  });

  it.each([
    ['a fractional challenge id', stateWith({ ...base, id: 1.5, kind: 'text', wireType: 'question' }), 'challenges[0].id'],
    ['a NaN deadline', stateWith({ ...base, deadline: Number.NaN, kind: 'text', wireType: 'question' }), 'challenges[0].deadline'],
    ['a deadline past the Date range', stateWith({ ...base, deadline: 9e15, kind: 'text', wireType: 'question' }), 'challenges[0].deadline'],
    ['a percent above 100', { ...stateWith(), progress: { state: null, percent: 101, message: null } }, 'progress.percent'],
    ['an unknown kind', stateWith({ ...base, kind: 'video', wireType: 'video' } as unknown as Challenge), 'challenges[0].kind'],
  ])('refuses to emit %s, naming the field', (_case, state, where) => {
    expect(() => emitSync(state)).toThrow(TypeError);
    expect(() => emitSync(state)).toThrow(where);
  });
});

describe('emitAnswerBody', () => {
  it('writes exactly {answers: [{challenge_id, answer}]}', () => {
    const answers = [
      { challenge_id: 1669462, answer: 1, note: 'dropped' },
      { challenge_id: 1669463, answer: '1234' },
    ] as WireAnswer[];
    expect(emitAnswerBody(answers)).toStrictEqual({
      answers: [
        { challenge_id: 1669462, answer: 1 },
        { challenge_id: 1669463, answer: '1234' },
      ],
    });
  });

  it('refuses a challenge id that is not an integer', () => {
    expect(() => emitAnswerBody([{ challenge_id: Number.NaN, answer: 1 }])).toThrow(TypeError);
  });

  it('refuses an answer that is neither text nor a finite number, without repeating it', () => {
    const secret = { pin: '987654' } as unknown as string;
    let message = '';
    try {
      emitAnswerBody([{ challenge_id: 1, answer: secret }]);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('answers[0].answer');
    expect(message).not.toContain('987654');
    expect(() => emitAnswerBody([{ challenge_id: 1, answer: Number.POSITIVE_INFINITY }])).toThrow(TypeError);
  });
});
