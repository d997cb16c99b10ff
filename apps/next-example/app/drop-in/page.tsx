// app/drop-in/page.tsx (a Server Component)
import { VerifyAccount } from './VerifyAccount';

export default async function DropInPage({ searchParams }: { searchParams: Promise<{ connection?: string }> }) {
  const { connection } = await searchParams;
  return (
    <main>
      <h1>Link your bank</h1>
      <VerifyAccount connectionId={Number(connection)} />
    </main>
  );
}
