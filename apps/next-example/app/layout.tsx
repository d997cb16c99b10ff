import type { ReactNode } from 'react';
// The kit's stylesheet, imported once for the whole app. It styles only the kit's elements.
import '@mfa-kit/components/styles.css';
import { Providers } from './providers';

export const metadata = { title: 'mfa-kit on Next.js' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', margin: '2rem' }}>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
