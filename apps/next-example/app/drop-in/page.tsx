import { VerifyAccount } from './VerifyAccount';

/** A Server Component page: it reads the connection and renders the client part with plain props. */
export default async function DropInPage({ searchParams }: { searchParams: Promise<{ connection?: string }> }) {
  const { connection } = await searchParams;
  return (
    <main>
      <h1>Link your bank</h1>
      <VerifyAccount connectionId={Number(connection)} />
    </main>
  );
}
