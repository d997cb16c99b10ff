// app/drop-in/VerifyAccount.tsx
'use client';
import { MfaFlow } from '@mfa-kit/components';
import { useRouter } from 'next/navigation';

export function VerifyAccount({ connectionId }: { connectionId: number }) {
  const router = useRouter();
  return <MfaFlow connectionId={connectionId} baseUrl="/api/quovo" onComplete={() => router.push('/accounts')} />;
}
