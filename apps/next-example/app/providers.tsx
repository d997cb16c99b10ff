'use client';
// The app's own React Query client. The kit's hooks find it through the provider, so the MFA
// sync lives in it (Devtools show it; a badge anywhere reads it with `mfaSyncQueryOptions`),
// and a server page's prefetch hydrates into it.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';

export function Providers({ children }: { children: ReactNode }) {
  // One client per browser tab (and per server request): never a module-level one on the server.
  const [queryClient] = useState(() => new QueryClient());
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
