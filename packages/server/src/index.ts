/**
 * @mfa-kit/server: the partner's backend half of mfa-kit, on web standards. A hardened proxy to
 * the Quovo v3 sync API that keeps the token server-side, with pushed sync events.
 * @packageDocumentation
 */
export { createMfaProxy } from './proxy';
export type { MfaProxy, MfaProxyOptions, UpstreamReport } from './proxy';
export type { EventStreamOptions } from './events';
export { guardRequest } from './guard';
export type { GuardOptions } from './guard';
export type { ErrorBody } from './http';
