/**
 * @mfa-kit/sandbox: an imitation of the Quovo v3 sync API. This entry is transport-free and
 * browser-safe (no Node modules): the engine, clocks, scenarios and faults. The HTTP server is
 * in `@mfa-kit/sandbox/node`, the MSW handlers in `@mfa-kit/sandbox/msw`.
 * @packageDocumentation
 */
export { createEngine, DEFAULT_TIMING } from './engine';
export type {
  CaptchaInfo,
  ConnectionInfo,
  ConnectionOptions,
  EngineOptions,
  OutboxMessage,
  SandboxEngine,
  StageOptions,
  StageTiming,
} from './engine';
export { createManualClock, isManualClock, realClock } from './clock';
export type { ManualClock, SandboxClock } from './clock';
export { createSeededRandom } from './random';
export type { RandomSource } from './random';
export { isScenarioName, PIN_DESTINATIONS, SCENARIO_NAMES, SCENARIOS, SECURITY_QUESTIONS } from './scenarios';
export type { ScenarioInfo, ScenarioName } from './scenarios';
export { parseFaults, RESPONSE_FAULTS } from './faults';
export type { FaultCount, ResponseFault, SandboxFaults } from './faults';
export { matchRoute, runRoute, SANDBOX_ROUTES } from './router';
export type { RouteMethod, RouteOptions, RouteRequest, SandboxRoute } from './router';
export type { SandboxDropResponse, SandboxErrorBody, SandboxHeaders, SandboxJsonResponse, SandboxRawResponse, SandboxResponse } from './response';
export { captchaMatches, createCaptcha } from './captcha';
export type { Captcha } from './captcha';
