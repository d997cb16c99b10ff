/**
 * Faults on demand. A fault set is attached globally or to one connection; both apply (the
 * connection's first). Each fault fires on every matching request until cleared, or only
 * `times` times when a count is given, so a test can say "fails twice, then recovers".
 */

/** How many more requests a fault applies to. Omit `times` for "until cleared". */
export interface FaultCount {
  /** Requests left; `1` is a one-shot fault. @default until cleared */
  times?: number;
}

/** The faults the sandbox can inject. Combinable: see the README's precedence list. */
export interface SandboxFaults {
  /** Delay each response by `ms` (combines with any other fault). */
  latency?: FaultCount & { ms: number };
  /** 429 `{"id":"rate_limited"}` with `Retry-After: retryAfterSeconds`. */
  status429?: FaultCount & {
    /** @default 30 */
    retryAfterSeconds?: number;
  };
  /** 500 `{"id":"internal_error"}`. */
  status500?: FaultCount;
  /** 502 with an HTML page, as a proxy in front of the API would send. */
  status502?: FaultCount;
  /** 200 with a truncated JSON body (the request itself is carried out). */
  malformedJson?: FaultCount;
  /** The connection is dropped without a response (socket destroyed / `HttpResponse.error()`); the request is not carried out. */
  drop?: FaultCount;
  /**
   * The request **is carried out**, then the connection is dropped: a reply lost on the way
   * back (a reset after the server acted). Combine with nothing else; for a reply that comes
   * too late instead, use `latency` longer than the client's timeout (latency delays a reply
   * whose request was already carried out).
   */
  lostReply?: FaultCount;
  /** The server's clock runs `seconds` ahead (negative: behind): its `Date` header and `expires` values. Never counted down. */
  clockSkew?: { seconds: number };
}

/** The names of the faults that replace the response, in precedence order. */
export const RESPONSE_FAULTS = ['drop', 'status502', 'status500', 'status429'] as const;

/** One of {@link RESPONSE_FAULTS}. */
export type ResponseFault = (typeof RESPONSE_FAULTS)[number];

const COUNTED = ['latency', 'status429', 'status500', 'status502', 'malformedJson', 'drop', 'lostReply'] as const;
type CountedFault = (typeof COUNTED)[number];

/**
 * Validates an untrusted fault object (from the admin route) into {@link SandboxFaults}.
 * Returns an error message instead when the shape is wrong.
 */
export function parseFaults(input: unknown): { ok: true; faults: SandboxFaults } | { ok: false; message: string } {
  if (!isRecord(input)) return { ok: false, message: 'faults must be an object' };
  const faults: SandboxFaults = {};
  for (const [name, value] of Object.entries(input)) {
    if (value === null || value === false) continue;
    const spec = value === true ? {} : value;
    if (!isRecord(spec)) return { ok: false, message: `faults.${name} must be an object, true, or null` };
    const times = spec.times;
    if (times !== undefined && !(typeof times === 'number' && Number.isInteger(times) && times >= 0)) {
      return { ok: false, message: `faults.${name}.times must be a whole number >= 0` };
    }
    const count = times === undefined ? {} : { times };
    switch (name) {
      case 'latency':
        if (!isNonNegative(spec.ms)) return { ok: false, message: 'faults.latency.ms must be a number >= 0' };
        faults.latency = { ms: spec.ms, ...count };
        break;
      case 'status429':
        if (spec.retryAfterSeconds !== undefined && !isNonNegative(spec.retryAfterSeconds)) {
          return { ok: false, message: 'faults.status429.retryAfterSeconds must be a number >= 0' };
        }
        faults.status429 = spec.retryAfterSeconds === undefined ? count : { retryAfterSeconds: spec.retryAfterSeconds, ...count };
        break;
      case 'status500':
      case 'status502':
      case 'malformedJson':
      case 'drop':
      case 'lostReply':
        faults[name] = count;
        break;
      case 'clockSkew':
        if (typeof spec.seconds !== 'number' || !Number.isFinite(spec.seconds)) {
          return { ok: false, message: 'faults.clockSkew.seconds must be a number' };
        }
        faults.clockSkew = { seconds: spec.seconds };
        break;
      default:
        return { ok: false, message: `unknown fault "${name}"; known: ${[...COUNTED, 'clockSkew'].join(', ')}` };
    }
  }
  return { ok: true, faults };
}

/** A live fault set: what is left of each count. */
export class FaultSet {
  private faults: SandboxFaults;

  /** @param faults the initial faults (copied). */
  constructor(faults: SandboxFaults = {}) {
    this.faults = cloneFaults(faults);
  }

  /** Replaces every fault. `{}` clears them all. */
  replace(faults: SandboxFaults): void {
    this.faults = cloneFaults(faults);
  }

  /** A copy of the faults still active, with their remaining counts. */
  snapshot(): SandboxFaults {
    const out = cloneFaults(this.faults);
    for (const name of COUNTED) if (out[name]?.times === 0) delete out[name];
    return out;
  }

  /** The clock skew in ms, or `null` when this set has none. */
  skewMs(): number | null {
    return this.faults.clockSkew ? this.faults.clockSkew.seconds * 1000 : null;
  }

  /** Takes the latency fault for one request, if active: the delay in ms. */
  takeLatency(): number | null {
    const spec = this.faults.latency;
    return spec && this.take('latency') ? spec.ms : null;
  }

  /** Takes the first active response-replacing fault, in {@link RESPONSE_FAULTS} order. */
  takeResponseFault(): { name: ResponseFault; retryAfterSeconds: number } | null {
    for (const name of RESPONSE_FAULTS) {
      if (this.take(name)) return { name, retryAfterSeconds: this.faults.status429?.retryAfterSeconds ?? 30 };
    }
    return null;
  }

  /** Takes the lost-reply fault for one request, if active. */
  takeLostReply(): boolean {
    return this.take('lostReply');
  }

  /** Takes the malformed-JSON fault for one request, if active. */
  takeMalformedJson(): boolean {
    return this.take('malformedJson');
  }

  private take(name: CountedFault): boolean {
    const spec = this.faults[name];
    if (!spec) return false;
    if (spec.times === undefined) return true;
    if (spec.times <= 0) return false;
    spec.times -= 1;
    return true;
  }
}

function cloneFaults(faults: SandboxFaults): SandboxFaults {
  const out: SandboxFaults = {};
  for (const [name, value] of Object.entries(faults) as [keyof SandboxFaults, object | undefined][]) {
    if (value) (out as Record<string, object>)[name] = { ...value };
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonNegative(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
