import type { Challenge, SyncState } from './model';
import { parseAnswerBody, parseSync, type ParseIssue, type ParseResult } from './parse';

const question = {
  id: 1669462,
  connection_id: 4224865,
  type: 'question',
  question: 'Mother’s maiden name?',
  should_answer: true,
  expires: null,
};

const textChallenge: Challenge = {
  kind: 'text',
  id: 1669462,
  connectionId: 4224865,
  prompt: 'Mother’s maiden name?',
  deadline: null,
  shouldAnswer: true,
  wireType: 'question',
};

function ok<T>(result: ParseResult<T>): T {
  if (!result.success) throw new Error(`expected success, got ${JSON.stringify(result.issues)}`);
  return result.data;
}

function issues<T>(result: ParseResult<T>): ParseIssue[] {
  if (result.success) throw new Error('expected issues, got success');
  return result.issues;
}

/** The single challenge of a bare `{challenges: [challenge]}` body. */
function one(challenge: Record<string, unknown>): Challenge {
  const [parsed] = ok(parseSync({ challenges: [challenge] })).challenges;
  if (!parsed) throw new Error('no challenge');
  return parsed;
}

describe('parseSync envelopes', () => {
  const sync = {
    connection_id: 4224865,
    status: 'challenges',
    progress: { state: 'authenticating', percent: 40, message: 'Logging in' },
    challenges: [question],
    config_instructions: null,
  };
  const state: SyncState = {
    connectionId: 4224865,
    status: 'challenges',
    progress: { state: 'authenticating', percent: 40, message: 'Logging in' },
    challenges: [textChallenge],
    configInstructions: null,
  };

  it('reads the {"sync": {...}} envelope', () => {
    expect(ok(parseSync({ sync }))).toStrictEqual(state);
  });

  it('reads a bare sync object', () => {
    expect(ok(parseSync(sync))).toStrictEqual(state);
  });

  it('reads a bare {"challenges": [...]} body with status challenges', () => {
    expect(ok(parseSync({ challenges: [question] }))).toStrictEqual({
      ...state,
      connectionId: null,
      progress: { state: null, percent: null, message: null },
    });
  });

  it('treats a bare object with its own status as bare even when it carries a "sync" field', () => {
    expect(ok(parseSync({ ...sync, sync: 'whatever' })).status).toBe('challenges');
  });

  it('accepts and drops unknown fields at every level', () => {
    const noisy = {
      sync: {
        ...sync,
        extra: { nested: true },
        progress: { ...sync.progress, eta: 5 },
        challenges: [{ ...question, hint: 'x', choices: null }],
      },
      meta: 1,
    };
    expect(ok(parseSync(noisy))).toStrictEqual(state);
  });

  it('reads a sync without challenges as an empty list', () => {
    expect(ok(parseSync({ status: 'syncing' })).challenges).toEqual([]);
    expect(ok(parseSync({ status: 'syncing', challenges: null })).challenges).toEqual([]);
  });
});

describe('parseSync statuses', () => {
  it.each(['syncing', 'challenges', 'good', 'resync', 'incorrect_credentials', 'user_config'])(
    'keeps %s',
    (status) => {
      expect(ok(parseSync({ sync: { status } })).status).toBe(status);
    },
  );

  it('reads the older status "questions" as "challenges"', () => {
    expect(ok(parseSync({ sync: { status: 'questions', questions: [question] } })).status).toBe('challenges');
  });

  it('keeps unknown statuses verbatim', () => {
    expect(ok(parseSync({ sync: { status: 'maintenance' } })).status).toBe('maintenance');
    expect(ok(parseSync({ sync: { status: 'Postponed Until Tuesday' } })).status).toBe('Postponed Until Tuesday');
  });

  it('reads "questions" as the key of the challenges array', () => {
    expect(ok(parseSync({ questions: [question] }))).toMatchObject({ status: 'challenges', challenges: [textChallenge] });
    expect(ok(parseSync({ sync: { status: 'challenges', questions: [question] } })).challenges).toEqual([textChallenge]);
  });

  it('keeps user_config instructions as text', () => {
    const state = ok(parseSync({ sync: { status: 'user_config', config_instructions: 'Accept the new terms' } }));
    expect(state.configInstructions).toBe('Accept the new terms');
  });
});

describe('parseSync progress', () => {
  it('reads a missing or null progress as unknown', () => {
    const unknown = { state: null, percent: null, message: null };
    expect(ok(parseSync({ status: 'syncing' })).progress).toEqual(unknown);
    expect(ok(parseSync({ status: 'syncing', progress: null })).progress).toEqual(unknown);
    expect(ok(parseSync({ status: 'syncing', progress: 'soon' })).progress).toEqual(unknown);
  });

  it.each([
    [-5, 0],
    [140, 100],
    [55.5, 55.5],
    ['40', 40],
    ['forty', null],
    [null, null],
  ])('reads percent %j as %j', (percent, expected) => {
    expect(ok(parseSync({ status: 'syncing', progress: { state: 'queued', percent } })).progress).toEqual({
      state: 'queued',
      percent: expected,
      message: null,
    });
  });
});

describe('parseSync challenge kinds', () => {
  it('reads type "question" as a text challenge', () => {
    expect(one(question)).toStrictEqual(textChallenge);
  });

  it('reads type "choices" as a choice challenge', () => {
    const challenge = one({ ...question, type: 'choices', choices: [{ key: 0, value: 'a', category: null }] });
    expect(challenge).toStrictEqual({
      ...textChallenge,
      kind: 'choice',
      wireType: 'choices',
      choices: [{ key: 0, value: 'a', category: null }],
    });
  });

  it('reads type "question" carrying choices as a choice challenge, keeping the wire type', () => {
    const challenge = one({ ...question, choices: [{ key: 0, value: 'xxx-xxx-0695', category: 'Voice' }] });
    expect(challenge).toMatchObject({ kind: 'choice', wireType: 'question' });
  });

  it('reads an unknown type with neither choices nor image as a text challenge, keeping the wire type', () => {
    expect(one({ ...question, type: 'secret_word' })).toStrictEqual({ ...textChallenge, wireType: 'secret_word' });
    expect(one({ ...question, type: undefined })).toStrictEqual({ ...textChallenge, wireType: '' });
  });

  it('reads type "image" as a captcha', () => {
    expect(one({ ...question, type: 'image', image: 'https://bank.example/captcha.png' })).toStrictEqual({
      ...textChallenge,
      kind: 'captcha',
      wireType: 'image',
      image: 'https://bank.example/captcha.png',
    });
  });

  it('reads type "image_choices" as an image choice, the image in value and the label optional', () => {
    const challenge = one({
      ...question,
      type: 'image_choices',
      image_choices: [
        { key: 0, value: 'iVBORw0KGgo=', label: 'Cat' },
        { key: '1', value: { source: 'https://bank.example/dog.png', html: '<img src=x onerror=alert(1)>' } },
        { key: 2, image: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=' },
      ],
    });
    expect(challenge).toStrictEqual({
      ...textChallenge,
      kind: 'imageChoice',
      wireType: 'image_choices',
      choices: [
        { key: 0, image: 'iVBORw0KGgo=', label: 'Cat' },
        { key: '1', image: { source: 'https://bank.example/dog.png', html: '<img src=x onerror=alert(1)>' }, label: null },
        { key: 2, image: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=', label: null },
      ],
    });
  });

  it.each([
    ['a data URI', 'data:image/png;base64,iVBORw0KGgo='],
    ['an https URL', 'https://bank.example/captcha.png'],
    ['bare base64', 'iVBORw0KGgo='],
    ['a {source, html} object', { source: 'iVBORw0KGgo=', html: '<b>x</b>' }],
    ['a {source} object', { source: 'iVBORw0KGgo=' }],
  ])('keeps a captcha image given as %s as received', (_form, image) => {
    expect(one({ ...question, type: 'image', image })).toMatchObject({ kind: 'captcha', image });
  });

  it('reads numeric ids given as numeric strings, and keeps a key in the type it came in (so the answer echoes it)', () => {
    const challenge = one({
      ...question,
      id: '1669462',
      connection_id: '4224865',
      type: 'choices',
      choices: [{ key: '3', value: 42, category: 'Text' }],
    });
    expect(challenge).toMatchObject({ id: 1669462, connectionId: 4224865, choices: [{ key: '3', value: '42' }] });
  });

  it('defaults should_answer to true and keeps false', () => {
    expect(one({ ...question, should_answer: undefined }).shouldAnswer).toBe(true);
    expect(one({ ...question, should_answer: false }).shouldAnswer).toBe(false);
    expect(one({ ...question, should_answer: 'false' }).shouldAnswer).toBe(false);
  });

  it('reads a missing or null category as null', () => {
    const challenge = one({ ...question, type: 'choices', choices: [{ key: 0, value: 'a' }] });
    expect(challenge).toMatchObject({ choices: [{ key: 0, value: 'a', category: null }] });
  });
});

describe('parseSync connection ids', () => {
  const { connection_id: _omitted, ...orphan } = question;

  it('gives a challenge without connection_id the sync’s', () => {
    const state = ok(parseSync({ sync: { connection_id: 77, status: 'challenges', challenges: [orphan] } }));
    expect(state.challenges[0]?.connectionId).toBe(77);
  });

  it('gives it the context’s when the sync has none either', () => {
    const state = ok(parseSync({ challenges: [orphan] }, { connectionId: 88 }));
    expect(state.connectionId).toBe(88);
    expect(state.challenges[0]?.connectionId).toBe(88);
  });

  it('prefers the payload’s ids to the context’s', () => {
    const state = ok(parseSync({ sync: { connection_id: 77, status: 'challenges', challenges: [question] } }, { connectionId: 88 }));
    expect(state.connectionId).toBe(77);
    expect(state.challenges[0]?.connectionId).toBe(4224865);
  });

  it('reports a challenge whose connection is nowhere to be found', () => {
    expect(issues(parseSync({ sync: { status: 'challenges', questions: [question, orphan] } }))).toEqual([
      { path: ['sync', 'questions', 1, 'connection_id'], message: expect.stringContaining('connection_id') },
    ]);
  });
});

describe('parseSync expires', () => {
  const deadline = Date.UTC(2018, 0, 28, 13, 2, 10);

  it.each([
    ['null', null, null],
    ['absent', undefined, null],
    ['with Z', '2018-01-28T13:02:10Z', deadline],
    ['with milliseconds', '2018-01-28T13:02:10.250Z', deadline + 250],
    ['with a positive offset', '2018-01-28T14:02:10+01:00', deadline],
    ['with a negative offset without colon', '2018-01-28T08:02:10-0500', deadline],
    ['without an offset, read as UTC', '2018-01-28T13:02:10', deadline],
    ['with a space for T', '2018-01-28 13:02:10', deadline],
    ['with an extended year', '+002018-01-28T13:02:10.000Z', deadline],
  ])('reads expires %s', (_form, expires, expected) => {
    expect(one({ ...question, expires }).deadline).toBe(expected);
  });

  it.each(['tomorrow', '2018-02-30T10:00:00Z', '2018-01-28T25:00:00Z', '', 1517144530])(
    'reports the unreadable expires %j',
    (expires) => {
      expect(issues(parseSync({ challenges: [{ ...question, expires }] }))).toEqual([
        { path: ['challenges', 0, 'expires'], message: expect.stringContaining('ISO-8601') },
      ]);
    },
  );
});

describe('parseSync issues', () => {
  it.each([
    ['a challenge without an id', { challenges: [{ ...question, id: undefined }] }, ['challenges', 0, 'id'], 'challenges[0].id is missing'],
    ['a challenge without a question', { challenges: [{ ...question, question: undefined }] }, ['challenges', 0, 'question'], 'question is missing'],
    ['a fractional id', { challenges: [{ ...question, id: 1.5 }] }, ['challenges', 0, 'id'], 'integer'],
    ['challenges that are not an array', { sync: { status: 'challenges', challenges: { 0: question } } }, ['sync', 'challenges'], 'must be an array'],
    ['a challenge that is not an object', { challenges: ['what?'] }, ['challenges', 0], 'must be an object'],
    [
      'a choice without a key',
      { challenges: [{ ...question, type: 'choices', choices: [{ key: 0, value: 'a' }, { value: 'b' }] }] },
      ['challenges', 0, 'choices', 1, 'key'],
      'challenges[0].choices[1].key is missing',
    ],
    ['type choices without choices', { challenges: [{ ...question, type: 'choices' }] }, ['challenges', 0, 'choices'], 'choices'],
    ['type image without an image', { challenges: [{ ...question, type: 'image' }] }, ['challenges', 0, 'image'], 'image'],
    ['an image of the wrong shape', { challenges: [{ ...question, type: 'image', image: { html: '<b>' } }] }, ['challenges', 0, 'image'], 'source'],
    ['a sync without a status or challenges', { sync: { connection_id: 1 } }, ['sync', 'status'], 'status is missing'],
    ['a non-text status', { status: 3 }, ['status'], 'status must be text'],
    ['a sync envelope holding no object', { sync: null }, ['sync'], 'must be an object'],
  ])('reports %s with a path and a message', (_case, input, path, message) => {
    const found = issues(parseSync(input));
    expect(found).toContainEqual({ path, message: expect.stringContaining(message) });
  });

  it('reports every issue at once, not only the first', () => {
    const found = issues(parseSync({ challenges: [{ ...question, id: undefined }, { ...question, question: 7 }] }));
    expect(found.map((i) => i.path)).toEqual([
      ['challenges', 0, 'id'],
      ['challenges', 1, 'question'],
    ]);
  });

  it.each([null, undefined, 42, 'good', [], [question], true])('refuses %j as a whole without throwing', (input) => {
    const found = issues(parseSync(input));
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((i) => Array.isArray(i.path) && i.message.length > 0)).toBe(true);
  });

  it('survives an input whose getters throw', () => {
    const hostile = {
      get sync(): unknown {
        throw new Error('boom');
      },
    };
    expect(issues(parseSync(hostile))).toEqual([{ path: [], message: expect.any(String) }]);
  });

  it('never puts the offending value in a message', () => {
    const found = issues(parseSync({ challenges: [{ ...question, id: 'SECRET-123', expires: 'SECRET-456' }] }));
    expect(found).toHaveLength(2);
    expect(JSON.stringify(found)).not.toContain('SECRET');
  });
});

describe('parseAnswerBody', () => {
  it('reads answers, numeric-string ids included, and keeps answers as sent', () => {
    expect(ok(parseAnswerBody({ answers: [{ challenge_id: '5', answer: '0042' }, { challenge_id: 6, answer: 1 }], extra: true }))).toStrictEqual({
      answers: [
        { challenge_id: 5, answer: '0042' },
        { challenge_id: 6, answer: 1 },
      ],
    });
  });

  it.each([
    ['no answers array', {}, ['answers']],
    ['an answer without challenge_id', { answers: [{ answer: 1 }] }, ['answers', 0, 'challenge_id']],
    ['an answer without answer', { answers: [{ challenge_id: 1 }] }, ['answers', 0, 'answer']],
    ['an answer that is an object', { answers: [{ challenge_id: 1, answer: { pin: 1 } }] }, ['answers', 0, 'answer']],
  ])('reports %s', (_case, input, path) => {
    expect(issues(parseAnswerBody(input)).map((i) => i.path)).toContainEqual(path);
  });

  it('does not echo a PIN in its messages', () => {
    const found = issues(parseAnswerBody({ answers: [{ challenge_id: 'PIN-9876', answer: '9876' }] }));
    expect(JSON.stringify(found)).not.toContain('9876');
  });
});
