import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe } from 'vitest';
import { faceSuite } from './faceSuite.testkit';
import type { FaceFactory } from './faceSuite.testkit';
import { createSandboxHandlers } from './msw';

const BASE_URL = 'http://sandbox.test';
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const mswFace: FaceFactory = async ({ engine, token }) => {
  server.resetHandlers(...createSandboxHandlers({ engine, baseUrl: BASE_URL, token }));
  return { baseUrl: BASE_URL, close: async () => server.resetHandlers() };
};

const wildcardFace: FaceFactory = async ({ engine, token }) => {
  server.resetHandlers(...createSandboxHandlers({ engine, token }));
  return { baseUrl: 'http://partner.example/api/quovo', close: async () => server.resetHandlers() };
};

describe('the MSW face (msw/node), through core’s client', () => {
  faceSuite(mswFace);
});

describe('the MSW face with its default `*/` paths under a partner prefix', () => {
  faceSuite(wildcardFace);
});
