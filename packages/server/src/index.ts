/**
 * @mfa-kit/server: the partner's backend half of mfa-kit, on web standards. A hardened proxy to
 * the Quovo v3 sync API that keeps the token server-side, with pushed sync events.
 * @packageDocumentation
 */
export { createMfaProxy } from './proxy';
export type { MfaProxy, MfaProxyOptions, UpstreamReport, WebhookOptions } from './proxy';
export type { EventStreamOptions } from './events';
export { createMemoryCoordination } from './coordination';
export type { Coordination, CoordinationMessage, MemoryCoordinationSpace } from './coordination';
export type { SyncOutcome } from './outcome';
export { guardRequest } from './guard';
export type { GuardOptions } from './guard';
export type { ErrorBody } from './http';
/**
 * The proxy's own response helpers, for a partner's routes beside it (creating a connection,
 * say): JSON with the same hardening headers (no-store, nosniff, `default-src 'none'`), errors
 * in the kit's `{id, message}` shape, and a size-capped body reader.
 */
export { jsonResponse, errorResponse, isJsonContentType, readLimited } from './http';
