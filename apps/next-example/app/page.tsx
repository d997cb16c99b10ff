import Link from 'next/link';

/** A Server Component: links to the two ways of using the kit. */
export default function Home() {
  return (
    <main>
      <h1>mfa-kit on Next.js</h1>
      <p>Open a flow with a connection id: the token stays in the route handler (app/api/quovo).</p>
      <ul>
        <li>
          <Link href="/drop-in?connection=0">Drop-in flow</Link> (<code>MfaFlow</code>)
        </li>
        <li>
          <Link href="/custom?connection=0">Custom UI</Link> (the hooks)
        </li>
      </ul>
    </main>
  );
}
