/**
 * What the engine answers, free of any transport. The HTTP server and the MSW handlers both turn
 * a {@link SandboxResponse} into their own response type, so they cannot disagree on a rule.
 */

/** Response headers, lower-case names. */
export type SandboxHeaders = Record<string, string>;

/** A JSON response. */
export interface SandboxJsonResponse {
  type: 'json';
  /** The HTTP status. */
  status: number;
  /** Headers, `date` always included. */
  headers: SandboxHeaders;
  /** The body, to be serialized with `JSON.stringify`. */
  body: unknown;
  /** Wait this long before answering (the latency fault). */
  delayMs: number;
}

/** A response whose body is sent byte for byte (HTML error pages, malformed JSON). */
export interface SandboxRawResponse {
  type: 'raw';
  /** The HTTP status. */
  status: number;
  /** Headers, `date` always included. */
  headers: SandboxHeaders;
  /** The body, sent as is. */
  raw: string;
  /** Wait this long before answering (the latency fault). */
  delayMs: number;
}

/** No response at all: the connection is dropped (socket destroyed / `HttpResponse.error()`). */
export interface SandboxDropResponse {
  type: 'drop';
  /** Wait this long before dropping (the latency fault). */
  delayMs: number;
}

/** Any engine answer. */
export type SandboxResponse = SandboxJsonResponse | SandboxRawResponse | SandboxDropResponse;

/** The error body the sandbox uses: `{"id": "slug", "message": "text"}` (PROTOCOL.md). */
export interface SandboxErrorBody {
  /** A stable slug: `unauthorized`, `not_found`, `challenge_expired`, … */
  id: string;
  /** A human message. Never contains an answer, a PIN or a token. */
  message: string;
}
