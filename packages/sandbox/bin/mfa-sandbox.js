#!/usr/bin/env node
// The `mfa-sandbox` command. A file that exists before any build, so `pnpm install` in the
// workspace can link the bin without a warning; the CLI itself is the built dist/cli.js.
import('../dist/cli.js').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND') {
    console.error('mfa-sandbox: the package is not built. Run `pnpm build` (or `pnpm sandbox` from the repository root).');
    process.exit(1);
  }
  throw error;
});
