import { CustomMfa } from './CustomMfa';

export default async function CustomPage({ searchParams }: { searchParams: Promise<{ connection?: string }> }) {
  const { connection } = await searchParams;
  return (
    <main>
      <h1>Link your bank (custom UI)</h1>
      <CustomMfa connectionId={Number(connection)} />
    </main>
  );
}
