/**
 * A server process for the Redis tests: one proxy on Redis watching one connection, so the test
 * can kill it (SIGKILL, no goodbye) while it holds that connection's poll loop. Prints `synced`
 * once its stream has a sync, which only the loop's holder reads first.
 */
import { createMfaProxy } from '@mfa-kit/server';
import { createRedisCoordination } from '@mfa-kit/server/redis';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`holder: ${name} is not set`);
  return value;
};

const coordination = createRedisCoordination({ url: env('REDIS_URL'), leaseMs: Number(env('LEASE_MS')) });
const proxy = createMfaProxy({
  apiUrl: env('UPSTREAM'),
  token: env('TOKEN'),
  authorize: () => true,
  coordination,
  events: { policy: { fastMs: 100, fastForMs: 600_000, jitter: 0 } },
});
// Holding the lease through Redis, not reading alone because Redis is not connected yet.
while (!coordination.isReady()) await new Promise((resolve) => setTimeout(resolve, 10));
const response = await proxy(new Request(`http://holder.test/connections/${env('CONNECTION')}/events`));
const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
let said = false;
for (;;) {
  const { done, value } = await reader.read();
  if (done) break;
  if (!said && value.includes('event: sync')) {
    said = true;
    process.stdout.write('synced\n');
  }
}
