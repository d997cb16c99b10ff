import { strictAnswerBodySchema, strictSyncSchema } from '@mfa-kit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createMfaProxy } from './proxy';
import { sendJson, startUpstream } from './upstream.testkit';

const running: { close(): unknown }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((item) => item.close()));
});

/** Standard Schema's verdict, as any library that speaks it sees it. */
function issuesOf(schema: { '~standard': { validate(value: unknown): unknown } }, value: unknown) {
  const result = schema['~standard'].validate(value) as { issues?: readonly unknown[] };
  return result.issues;
}

describe('createMfaProxy on the wire: it reads with core’s lenient schema and writes what the strict ones accept', () => {
  it('relays a sync Quovo sent loosely (bare, `questions`, ids as strings, PIN stage one as a question) as the strict body', async () => {
    const loose = {
      questions: [
        { id: '77', type: 'question', question: 'Where should we send your pin?', choices: [{ key: '0', value: 'xxx-xxx-0695', category: 'Voice' }], expires: '2030-01-28T14:02:10+01:00', hint: 'x' },
      ],
    };
    expect(issuesOf(strictSyncSchema, loose)?.length).toBeGreaterThan(0);
    const upstream = await startUpstream((_seen, res) => sendJson(res, 200, loose));
    running.push(upstream);
    const proxy = createMfaProxy({ apiUrl: `${upstream.url}/v3`, token: 'tok-1', basePath: '/api/quovo', authorize: () => true });
    running.push(proxy);

    const res = await proxy(new Request('http://app.test/api/quovo/connections/12/sync'));
    expect(res.status).toBe(200);
    const body: unknown = await res.json();
    expect(issuesOf(strictSyncSchema, body)).toBeUndefined();
    expect(body).toMatchObject({ sync: { connection_id: 12, status: 'challenges', challenges: [{ id: 77, connection_id: 12, type: 'question', expires: '2030-01-28T13:02:10.000Z' }] } });
  });

  it('sends upstream only answer bodies the strict schema accepts, however loosely the browser wrote them', async () => {
    // Challenge 77 is pending on the connection, so the proxy's answer gate lets its answer through.
    const pending = { sync: { connection_id: 12, status: 'challenges', challenges: [{ id: 77, connection_id: 12, type: 'question', question: 'Your PIN?', should_answer: true, expires: null }] } };
    const upstream = await startUpstream((seen, res) => sendJson(res, 200, seen.method === 'GET' ? pending : { sync: { connection_id: 12, status: 'syncing' } }));
    running.push(upstream);
    const proxy = createMfaProxy({ apiUrl: `${upstream.url}/v3`, token: 'tok-1', basePath: '/api/quovo', authorize: () => true });
    running.push(proxy);

    const loose = { answers: [{ challenge_id: ' 77 ', answer: '0042', note: 'x' }], extra: true };
    const res = await proxy(
      new Request('http://app.test/api/quovo/connections/12/sync', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://app.test' }, body: JSON.stringify(loose) }),
    );
    expect(res.status).toBe(200);
    const posts = upstream.seen.filter((seen) => seen.method === 'POST');
    expect(posts).toHaveLength(1);
    const sent: unknown = JSON.parse(posts[0]!.body);
    expect(issuesOf(strictAnswerBodySchema, loose)?.length).toBeGreaterThan(0);
    expect(issuesOf(strictAnswerBodySchema, sent)).toBeUndefined();
    expect(sent).toStrictEqual({ answers: [{ challenge_id: 77, answer: '0042' }] });
  });
});
