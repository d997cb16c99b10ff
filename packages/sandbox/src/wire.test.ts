import { strictSyncSchema } from '@mfa-kit/core';
import { describe, expect, it } from 'vitest';
import { createManualClock } from './clock';
import { createEngine } from './engine';
import { createSeededRandom } from './random';
import { SCENARIO_NAMES } from './scenarios';

describe('the sandbox on the wire', () => {
  it.each(SCENARIO_NAMES)('serves %s as core’s strict sync body at every stage (the same schema partners check with)', (scenario) => {
    const clock = createManualClock(Date.UTC(2026, 0, 28, 13));
    const engine = createEngine({ clock, random: createSeededRandom(3) });
    const { id } = engine.createConnection(scenario, { start: true });
    const statuses = new Set<string>();
    for (let step = 0; step < 40; step++) {
      const response = engine.getSync(id);
      if (response.type !== 'json') throw new Error(`expected JSON, got ${response.type}`);
      const result = strictSyncSchema['~standard'].validate(response.body);
      if (result instanceof Promise) throw new Error('expected a synchronous result');
      expect(result.issues).toBeUndefined();
      statuses.add((response.body as { sync: { status: string } }).sync.status);
      clock.advance(1_000);
    }
    // The walk saw the sync move, so more than one body was checked.
    expect(statuses.size).toBeGreaterThan(1);
  });
});
