/** Where the backend forwards to: a Quovo-compatible API and the token it needs. */
export interface Upstream {
  /** Base URL, e.g. `https://api.quovo.com/v3` or the embedded sandbox's `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** The API token. Server-side only: added to upstream requests, never sent to the browser. */
  readonly token: string;
}
