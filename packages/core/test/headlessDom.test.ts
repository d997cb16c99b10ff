// @vitest-environment jsdom
/**
 * Core's README example "The whole flow without React: plain DOM" (snippet `headless-dom`),
 * extracted from the README as scripts/readme-snippets.mjs reads it, typechecked strictly and
 * run here against the sandbox through every step and every field kind, so it cannot drift.
 */
import { createEngine, createSeededRandom, type SandboxEngine, type ScenarioName } from '@mfa-kit/sandbox';
import { createSandboxHandlers } from '@mfa-kit/sandbox/msw';
import { within } from '@testing-library/dom';
import { setupServer } from 'msw/node';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { imageText, toSafeImageSrc } from '@mfa-kit/core';
import { readSnippets } from '../../../scripts/readme-snippets.mjs';

const root = process.cwd();
const snippet = readSnippets(join(root, 'packages/core/README.md')).find((s) => s.name === 'headless-dom');
if (!snippet) throw new Error('packages/core/README.md has no snippet "headless-dom"');
const generated = join(root, 'packages/core/test/.generated');
mkdirSync(generated, { recursive: true });
const file = join(generated, 'headless-dom.ts');
writeFileSync(file, snippet.code);

type Mount = (root: HTMLElement, connectionId: number, baseUrl: string) => () => void;
let mountMfa: Mount;

const BASE_URL = 'http://partner.test/api/quovo';
const server = setupServer();
let engine: SandboxEngine;
let stop: (() => void) | undefined;
let seed = 1;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  ({ mountMfa } = (await import(/* @vite-ignore */ file)) as { mountMfa: Mount });
});
afterAll(() => server.close());
beforeEach(() => {
  // Faked time (the engine reads the same Date.now()): polls and deadlines cost nothing.
  vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  engine = createEngine({ random: createSeededRandom(seed++), timing: { queuedMs: 0, authenticatingMs: 0, verifyingMs: 0, fetchingMs: 0 } });
  server.resetHandlers(...createSandboxHandlers({ engine, baseUrl: BASE_URL }));
});
afterEach(() => {
  stop?.();
  stop = undefined;
  document.body.replaceChildren();
  vi.useRealTimers();
});

function mount(scenario: ScenarioName, options: Parameters<SandboxEngine['createConnection']>[1] = {}) {
  const { id } = engine.createConnection(scenario, options);
  const container = document.createElement('div');
  document.body.append(container);
  stop = mountMfa(container, id, BASE_URL);
  return { id, ui: within(container), container };
}

async function eventually<T>(get: () => T | null | undefined, what: string): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = get();
    if (value) return value;
    await vi.advanceTimersByTimeAsync(250);
  }
  throw new Error(`never saw ${what}: ${document.body.textContent}`);
}

function type(input: HTMLElement, value: string) {
  (input as HTMLInputElement).value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

type Ui = ReturnType<typeof within>;
const done = (ui: Ui) => eventually(() => ui.queryByRole('heading', { name: 'You’re verified' }), 'done');
const submit = (ui: Ui) => ui.getByRole('button', { name: 'Continue' }).click();

describe('README: the whole flow without React (plain DOM)', () => {
  it('typechecks strictly (exactOptionalPropertyTypes)', () => {
    const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
    if (!config) throw new Error('tsconfig.json could not be read');
    const program = ts.createProgram([file], { ...config.options, noEmit: true, strict: true, exactOptionalPropertyTypes: true });
    const source = program.getSourceFile(file)!;
    const errors = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(errors).toEqual([]);
  }, 60_000);

  it('realtime PIN: a destination (choice), the PIN against a countdown (pin), done', async () => {
    const { id, ui } = mount('realtime_pin');
    expect(ui.getByText('Connecting to your bank…')).toBeTruthy();
    const radio = await eventually(() => ui.queryByRole('radio', { name: /Text xxx-xxx-0695/ }), 'the destinations');
    radio.click();
    submit(ui);
    const pin = await eventually(() => ui.queryByRole('textbox', { name: 'Enter your pin:' }), 'the PIN field');
    expect(pin.getAttribute('autocomplete')).toBe('one-time-code');
    await eventually(() => /^Time left \d:\d\d$/.test(ui.getByRole('timer').textContent ?? ''), 'the countdown');
    type(pin, engine.outbox(id)[0]!.pin);
    submit(ui);
    await done(ui);
  });

  it('realtime PIN: the code expires, "Start again" asks for the destination again', async () => {
    const { ui } = mount('realtime_pin', { pinWindowMs: 30_000 });
    (await eventually(() => ui.queryByRole('radio', { name: /Text xxx-xxx-0695/ }), 'the destinations')).click();
    submit(ui);
    await eventually(() => ui.queryByRole('textbox', { name: 'Enter your pin:' }), 'the PIN field');
    await vi.advanceTimersByTimeAsync(31_000);
    const again = await eventually(() => ui.queryByRole('button', { name: 'Start again' }), 'the expiry');
    expect(ui.getByRole('heading', { name: 'That code expired' })).toBeTruthy();
    again.click();
    await eventually(() => ui.queryByRole('radiogroup') ?? ui.queryByRole('radio', { name: /Text xxx-xxx-0695/ }), 'the destinations again');
  });

  it('a wrong answer is refused and the question asked again; the next answer is taken (question)', async () => {
    const { ui } = mount('question', { start: true });
    const answer = await eventually(() => ui.queryByRole('textbox'), 'the question');
    type(answer, 'Periscope');
    submit(ui);
    await done(ui);
  });

  it('two questions and a read-only notice in one form (question, notice)', async () => {
    const { ui, container } = mount('multi', { start: true });
    await eventually(() => (ui.queryAllByRole('textbox').length === 2 ? true : null), 'two questions');
    const [pet, city] = ui.getAllByRole('textbox') as [HTMLElement, HTMLElement];
    // The notice is text, with no field.
    expect(container.querySelectorAll('form > p:not([role])').length).toBe(1);
    type(pet, 'Rex');
    type(city, 'Springfield');
    submit(ui);
    await done(ui);
  });

  it('a multiple-choice question (choice)', async () => {
    const { ui } = mount('choices', { start: true });
    (await eventually(() => ui.queryByRole('radio', { name: '42' }), 'the options')).click();
    submit(ui);
    await done(ui);
  });

  it('a picture to pick, named by the image’s own text (imageChoice)', async () => {
    const { ui, container } = mount('image_choices', { start: true });
    await eventually(() => (ui.queryAllByRole('radio').length > 0 ? true : null), 'the pictures');
    const images = [...container.querySelectorAll('img')];
    expect(images.every((img) => toSafeImageSrc(img.getAttribute('src')).ok)).toBe(true);
    const star = images.find((img) => /star/i.test(imageText(img.getAttribute('src')) ?? ''));
    expect(star, 'a picture of a star').toBeDefined();
    expect(star!.alt).toMatch(/star/i);
    (star!.closest('label')!.querySelector('input') as HTMLInputElement).click();
    submit(ui);
    await done(ui);
  });

  it('an image of characters to type (captcha)', async () => {
    const { id, ui, container } = mount('captcha', { start: true });
    const input = await eventually(() => ui.queryByRole('textbox'), 'the CAPTCHA');
    expect(container.querySelector('img[alt="The characters to type"]')).not.toBeNull();
    type(input, engine.captcha(id)!.answer);
    submit(ui);
    await done(ui);
  });

  it('credentials refused: the sign-in form restarts with new ones', async () => {
    const { ui } = mount('incorrect_credentials', { start: true });
    await eventually(() => ui.queryByRole('heading', { name: 'Sign in to your bank again' }), 'the sign-in form');
    type(ui.getByLabelText('Username'), 'jane');
    type(ui.getByLabelText('Password'), 'correct');
    submit(ui);
    await done(ui);
  });

  it('user_config: the bank’s instructions, then "I’ve done it"', async () => {
    const { ui } = mount('user_config', { start: true });
    const acted = await eventually(() => ui.queryByRole('button', { name: 'I’ve done it' }), 'the instructions');
    acted.click();
    await done(ui);
  });

  it('a failure says so and offers to try again', async () => {
    const { ui } = mount('maintenance', { start: true });
    await eventually(() => ui.queryByRole('heading', { name: 'The bank could not be linked (maintenance)' }), 'the failure');
    expect(ui.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('stopping it leaves no timer running', async () => {
    const { ui } = mount('realtime_pin');
    (await eventually(() => ui.queryByRole('radio', { name: /Text xxx-xxx-0695/ }), 'the destinations')).click();
    submit(ui);
    await eventually(() => ui.queryByRole('textbox', { name: 'Enter your pin:' }), 'the PIN field');
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    stop!();
    stop = undefined;
    expect(vi.getTimerCount()).toBe(0);
  });
});
