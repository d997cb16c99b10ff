/**
 * The scenarios: each a script of stages (PROTOCOL.md, "The sandbox's scenarios"). A script
 * only describes what happens next; the engine owns time, ids, faults and the wire.
 */
import type { AnswerValue, Challenge, Choice, TextChallenge } from '@mfa-kit/core/protocol';
import { captchaMatches, createCaptcha } from './captcha';
import { randomInt } from './random';
import type { RandomSource } from './random';
import { createSecurityImages } from './securityImages';

/** Every scenario name a connection can be created with. */
export const SCENARIO_NAMES = [
  'no_mfa',
  'question',
  'choices',
  'realtime_pin',
  'captcha',
  'image_choices',
  'multi',
  'incorrect_credentials',
  'user_config',
  'maintenance',
] as const;

/** One of {@link SCENARIO_NAMES}. */
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** A scenario as listed by `GET /__sandbox/scenarios`. */
export interface ScenarioInfo {
  /** The name to create a connection with. */
  name: ScenarioName;
  /** What happens, with the right answers. */
  description: string;
}

/** The free-text security questions of the `question` scenario, asked in this order. */
export const SECURITY_QUESTIONS: readonly { question: string; answer: string }[] = [
  { question: 'Which company bought Jin Yang’s app "Not Hotdog"?', answer: 'Periscope' },
  { question: 'What was the name of your first pet?', answer: 'Rex' },
  { question: 'In what city were you born?', answer: 'Springfield' },
];

/** The documentation's realtime destinations (fixtures/realtime-pin-stage1.json). */
export const PIN_DESTINATIONS: readonly Choice[] = [
  { key: 0, value: 'xxx-xxx-0695', category: 'Voice' },
  { key: 1, value: 'xxx-xxx-0695', category: 'Text' },
  { key: 2, value: 'xxx-xxx-5309', category: 'Voice' },
  { key: 3, value: 'xxx-xxx-5309', category: 'Text' },
];

/** The scenarios, with what a partner needs to know to walk each one. */
export const SCENARIOS: readonly ScenarioInfo[] = [
  { name: 'no_mfa', description: 'Syncs (queued, logging in, fetching) and ends in good. No challenge.' },
  {
    name: 'question',
    description:
      'One free-text security question. Answers (trimmed, any case): "Periscope", then "Rex", then "Springfield". A wrong answer yields the next question.',
  },
  { name: 'choices', description: 'One multiple-choice question, "What is the ultimate answer?": key 1 ("42") is right; a wrong key asks again.' },
  {
    name: 'realtime_pin',
    description:
      'Stage one: where to send the PIN (type "question" with 4 choices, expires null). Stage two: "Enter your pin:" with expires (120 s); the PIN is in the outbox. Wrong PIN: asked again, same deadline. Expiry: resync.',
  },
  {
    name: 'captcha',
    description: 'An image challenge (SVG of distorted text) with expires (60 s); answer the text, any case. Wrong: a new image. Expiry: resync.',
  },
  { name: 'image_choices', description: 'Pick your security image, the star (4 generated pictures, random order). Wrong: a new set.' },
  {
    name: 'multi',
    description:
      'Two questions at once ("Rex", "Springfield") plus a read-only notice (should_answer false), answered in one POST. Any wrong answer: incorrect_credentials.',
  },
  {
    name: 'incorrect_credentials',
    description: 'The login is rejected: incorrect_credentials. POST /sync with {"username": any non-empty, "passcode": "correct"} then syncs to good.',
  },
  { name: 'user_config', description: 'Ends in user_config with config_instructions. The next POST /sync succeeds (the user has acted).' },
  { name: 'maintenance', description: 'Ends in status "maintenance" (failed, no user action). Every restart ends the same way.' },
];

/** Whether `value` names a scenario. */
export function isScenarioName(value: unknown): value is ScenarioName {
  return typeof value === 'string' && (SCENARIO_NAMES as readonly string[]).includes(value);
}

/** A timed run of progress phases. */
export interface Phase {
  /** `progress.state` during the phase. */
  state: string;
  /** `progress.message` during the phase. */
  message: string;
  /** How long it lasts, engine ms. */
  ms: number;
  /** `progress.percent` at its start. */
  from: number;
  /** `progress.percent` at its end. */
  to: number;
}

/** A challenge the engine is waiting on, with its check. Deadlines are engine time. */
export interface PendingChallenge {
  /** The challenge as the model has it; `deadline` in engine time (the skew is added on the way out). */
  challenge: Challenge;
  /** Whether an answer is right; absent for read-only (`should_answer: false`) challenges. */
  check?: (answer: AnswerValue) => boolean;
  /** The CAPTCHA text, for the test-aid admin route. */
  captchaText?: string;
}

/** Answers by challenge id, read-only challenges already dropped. */
export type AnswerMap = ReadonlyMap<number, AnswerValue>;

/** Where a connection is. `start` is the engine time the segment began. */
export type Segment =
  | { kind: 'idle' }
  | { kind: 'timed'; start: number; phases: Phase[]; next: (at: number) => Segment }
  | { kind: 'challenges'; start: number; pending: PendingChallenge[]; onAnswer: (answers: AnswerMap, at: number) => Segment }
  | { kind: 'final'; start: number; status: string; message: string; configInstructions: string | null };

/** Credentials posted with POST /sync. */
export interface PostedCredentials {
  /** The login posted. */
  username: string;
  /** The passcode posted. Never logged. */
  passcode: string;
}

/** What a script may do. Every builder takes the engine time `at` the segment starts. */
export interface ScriptContext {
  /** The connection the script runs for. */
  readonly connectionId: number;
  /** The engine's random source. */
  readonly random: RandomSource;
  /** The realtime PIN window, ms. */
  readonly pinWindowMs: number;
  /** The CAPTCHA window, ms. */
  readonly captchaWindowMs: number;
  /** What a wrong answer leads to. */
  readonly onWrongAnswer: 'retry' | 'incorrect_credentials';
  /** The passcode the `incorrect_credentials` scenario accepts. */
  readonly passcode: string;
  /** Scenario memory that survives restarts (e.g. "the user has fixed their config"). */
  readonly memory: Record<string, unknown>;
  /** A new, unused 7-digit challenge id. */
  challengeId(): number;
  /** queued, then authenticating, then `next`. */
  login(at: number, next: (at: number) => Segment): Segment;
  /** A verifying phase (checking an answer), then `next`. */
  verify(at: number, next: (at: number) => Segment, message?: string): Segment;
  /** Fetching, then `good`. */
  finish(at: number): Segment;
  /** Status `challenges` with these pending; `onAnswer` gets a complete, valid answer set. */
  ask(at: number, pending: PendingChallenge[], onAnswer: (answers: AnswerMap, at: number) => Segment): Segment;
  /** A final status (`good`, `incorrect_credentials`, `user_config`, `maintenance`, …). */
  final(at: number, status: string, message: string, configInstructions?: string | null): Segment;
  /** Puts a PIN message in the connection's outbox. */
  sendPin(at: number, destination: Choice, pin: string): void;
}

/** A scenario's script: the segment a new run starts with. */
export type ScenarioScript = (ctx: ScriptContext, at: number, credentials: PostedCredentials | null) => Segment;

/** The `incorrect_credentials` status's message. */
const REJECTED = 'The institution rejected the username or passcode.';

function onWrong(ctx: ScriptContext, at: number, retry: (at: number) => Segment): Segment {
  return ctx.onWrongAnswer === 'incorrect_credentials' ? ctx.final(at, 'incorrect_credentials', REJECTED) : retry(at);
}

function text(ctx: ScriptContext, question: string, deadline: number | null = null, shouldAnswer = true): TextChallenge {
  return { kind: 'text', id: ctx.challengeId(), connectionId: ctx.connectionId, prompt: question, deadline, shouldAnswer, wireType: 'question' };
}

function sameText(expected: string) {
  return (answer: AnswerValue) => String(answer).trim().toLowerCase() === expected.trim().toLowerCase();
}

function sameKey(expected: number) {
  return (answer: AnswerValue) => Number(answer) === expected;
}

/** Answers right, then `right`; otherwise verify and `onWrong`. */
function judge(ctx: ScriptContext, allRight: boolean, at: number, right: (at: number) => Segment, wrong: (at: number) => Segment): Segment {
  return ctx.verify(at, (t) => (allRight ? right(t) : onWrong(ctx, t, wrong)));
}

function allAnswersRight(pending: PendingChallenge[], answers: AnswerMap): boolean {
  return pending.every((p) => !p.check || p.check(answers.get(p.challenge.id) as AnswerValue));
}

function askQuestion(ctx: ScriptContext, at: number, index: number): Segment {
  const entry = SECURITY_QUESTIONS[index % SECURITY_QUESTIONS.length] as { question: string; answer: string };
  const pending = [{ challenge: text(ctx, entry.question), check: sameText(entry.answer) }];
  return ctx.ask(at, pending, (answers, t) =>
    judge(ctx, allAnswersRight(pending, answers), t, (t2) => ctx.finish(t2), (t2) => askQuestion(ctx, t2, index + 1)),
  );
}

function askChoices(ctx: ScriptContext, at: number): Segment {
  const challenge: Challenge = {
    kind: 'choice',
    id: ctx.challengeId(),
    connectionId: ctx.connectionId,
    prompt: 'What is the ultimate answer?',
    deadline: null,
    shouldAnswer: true,
    wireType: 'choices',
    choices: [
      { key: 0, value: '1234', category: null },
      { key: 1, value: '42', category: null },
    ],
  };
  const pending = [{ challenge, check: sameKey(1) }];
  return ctx.ask(at, pending, (answers, t) =>
    judge(ctx, allAnswersRight(pending, answers), t, (t2) => ctx.finish(t2), (t2) => askChoices(ctx, t2)),
  );
}

function askDestination(ctx: ScriptContext, at: number): Segment {
  const challenge: Challenge = {
    kind: 'choice',
    id: ctx.challengeId(),
    connectionId: ctx.connectionId,
    prompt: 'Where should we send your pin?',
    deadline: null,
    shouldAnswer: true,
    // The documentation writes stage one as a question carrying choices; so do we.
    wireType: 'question',
    choices: PIN_DESTINATIONS.map((c) => ({ ...c })),
  };
  return ctx.ask(at, [{ challenge }], (answers, t) => {
    const key = Number(answers.get(challenge.id));
    const destination = PIN_DESTINATIONS.find((c) => c.key === key) as Choice;
    return ctx.verify(
      t,
      (t2) => {
        const pin = String(randomInt(ctx.random, 0, 999_999)).padStart(6, '0');
        ctx.sendPin(t2, destination, pin);
        return askPin(ctx, t2, pin, t2 + ctx.pinWindowMs, 'Enter your pin:');
      },
      'Sending your PIN',
    );
  });
}

function askPin(ctx: ScriptContext, at: number, pin: string, deadline: number, prompt: string): Segment {
  const pending = [{ challenge: text(ctx, prompt, deadline), check: (a: AnswerValue) => String(a).trim() === pin }];
  return ctx.ask(at, pending, (answers, t) =>
    judge(
      ctx,
      allAnswersRight(pending, answers),
      t,
      (t2) => ctx.finish(t2),
      // A wrong PIN keeps the PIN and the deadline: the user may still type the right one in time.
      (t2) => askPin(ctx, t2, pin, deadline, 'That PIN was not right. Enter your pin:'),
    ),
  );
}

function askCaptcha(ctx: ScriptContext, at: number): Segment {
  const captcha = createCaptcha(ctx.random);
  const challenge: Challenge = {
    kind: 'captcha',
    id: ctx.challengeId(),
    connectionId: ctx.connectionId,
    prompt: 'Type the characters you see in the picture.',
    deadline: at + ctx.captchaWindowMs,
    shouldAnswer: true,
    wireType: 'image',
    image: captcha.image,
  };
  const pending = [{ challenge, captchaText: captcha.text, check: (a: AnswerValue) => captchaMatches(captcha.text, a) }];
  return ctx.ask(at, pending, (answers, t) =>
    judge(ctx, allAnswersRight(pending, answers), t, (t2) => ctx.finish(t2), (t2) => askCaptcha(ctx, t2)),
  );
}

function askImage(ctx: ScriptContext, at: number): Segment {
  const images = createSecurityImages(ctx.random);
  const right = images.find((i) => i.name === 'star')?.key ?? 0;
  const challenge: Challenge = {
    kind: 'imageChoice',
    id: ctx.challengeId(),
    connectionId: ctx.connectionId,
    prompt: 'Select your security image (the star).',
    deadline: null,
    shouldAnswer: true,
    wireType: 'image_choices',
    choices: images.map((i) => ({ key: i.key, image: i.image, label: null })),
  };
  const pending = [{ challenge, check: sameKey(right) }];
  return ctx.ask(at, pending, (answers, t) =>
    judge(ctx, allAnswersRight(pending, answers), t, (t2) => ctx.finish(t2), (t2) => askImage(ctx, t2)),
  );
}

function askMulti(ctx: ScriptContext, at: number): Segment {
  const [, pet, city] = SECURITY_QUESTIONS as [unknown, { question: string; answer: string }, { question: string; answer: string }];
  const pending: PendingChallenge[] = [
    { challenge: text(ctx, pet.question), check: sameText(pet.answer) },
    { challenge: text(ctx, city.question), check: sameText(city.answer) },
    { challenge: text(ctx, 'First Sandbox Bank will never ask for your PIN by e-mail.', null, false) },
  ];
  return ctx.ask(at, pending, (answers, t) =>
    judge(ctx, allAnswersRight(pending, answers), t, (t2) => ctx.finish(t2), (t2) => askMulti(ctx, t2)),
  );
}

/** The script of each scenario. */
export const SCENARIO_SCRIPTS: Record<ScenarioName, ScenarioScript> = {
  no_mfa: (ctx, at) => ctx.login(at, (t) => ctx.finish(t)),
  question: (ctx, at) => ctx.login(at, (t) => askQuestion(ctx, t, 0)),
  choices: (ctx, at) => ctx.login(at, (t) => askChoices(ctx, t)),
  realtime_pin: (ctx, at) => ctx.login(at, (t) => askDestination(ctx, t)),
  captcha: (ctx, at) => ctx.login(at, (t) => askCaptcha(ctx, t)),
  image_choices: (ctx, at) => ctx.login(at, (t) => askImage(ctx, t)),
  multi: (ctx, at) => ctx.login(at, (t) => askMulti(ctx, t)),
  incorrect_credentials: (ctx, at, credentials) => {
    if (credentials && credentials.username.trim() !== '' && credentials.passcode === ctx.passcode) ctx.memory.loggedIn = true;
    return ctx.login(at, (t) => (ctx.memory.loggedIn ? ctx.finish(t) : ctx.final(t, 'incorrect_credentials', REJECTED)));
  },
  user_config: (ctx, at) =>
    ctx.login(at, (t) => {
      if (ctx.memory.configured) return ctx.finish(t);
      ctx.memory.configured = true;
      return ctx.final(
        t,
        'user_config',
        'Action needed on the institution’s website.',
        'Sign in at firstsandboxbank.example, accept the new terms of use, then sync again.',
      );
    }),
  maintenance: (ctx, at) =>
    ctx.login(at, (t) => ctx.final(t, 'maintenance', 'First Sandbox Bank is down for scheduled maintenance. Try again later.')),
};
