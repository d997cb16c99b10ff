'use client';
// A Client Component: it passes a function (onComplete) to MfaFlow, which only a client file can.
import { MfaFlow } from '@mfa-kit/components';
import { useRouter } from 'next/navigation';

export function VerifyAccount({ connectionId }: { connectionId: number }) {
  const router = useRouter();
  return <MfaFlow connectionId={connectionId} baseUrl="/api/quovo" onComplete={() => router.push('/accounts')} />;
}
