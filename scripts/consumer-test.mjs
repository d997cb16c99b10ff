// `pnpm test:consumer` (after `pnpm build`): the kit as a partner gets it. Packs the libraries,
// creates a throwaway Vite app outside the workspace (os.tmpdir()), installs the tarballs from
// npm with React 19 and again with React 18, typechecks it (strict, exactOptionalPropertyTypes,
// library types included), builds it with Vite, and completes the realtime PIN flow in Chromium
// against the packed sandbox. On the way it checks in Chromium that the shipped stylesheet
// leaves the page's own colour scheme alone and follows the partner's data-theme.
//
// The app's components are the README snippets themselves (scripts/readme-snippets.mjs): a
// snippet change is what gets tested. The token stays server-side as in a partner's app: the
// sandbox runs with a random token and `vite preview` proxies /api/quovo to it, adding the
// Authorization header (a "tiny backend" of configuration only; docs/decisions.md).
//
// Options: KEEP_CONSUMER=1 keeps the temporary folder; CONSUMER_REACT=19 (or 18) runs one.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { exportedFunctions, readPackageSnippets, standalone, withSupport } from './readme-snippets.mjs';

const root = new URL('..', import.meta.url).pathname;
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const pin = (name) => {
  const version = rootPkg.devDependencies[name];
  if (!version) throw new Error(`${name} is not pinned in the root package.json`);
  return version;
};
const LIBRARIES = ['core', 'hooks', 'components', 'sandbox'];
const REACT = {
  19: { react: pin('react'), 'react-dom': pin('react-dom'), '@types/react': pin('@types/react'), '@types/react-dom': pin('@types/react-dom') },
  // tests/react18 pins React 18.3.1; the types are the last 18.3 releases.
  18: { react: '18.3.1', 'react-dom': '18.3.1', '@types/react': '18.3.32', '@types/react-dom': '18.3.7' },
};
const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};
/** Per snippet: how the page shows that the flow completed. */
const DONE = {
  'drop-in': (page) => page.waitForURL('**/accounts'),
  'custom-ui': (page) => page.getByText('Your account is connected.').waitFor(),
  // An app with its own QueryClientProvider: the badge, which never fetches, shows the sync the
  // flow drove, read from the app's client.
  'react-query': (page) => page.getByTestId('sync-badge').getByText('Bank sync: good').waitFor(),
};

const timings = [];
async function step(label, run) {
  const started = Date.now();
  process.stdout.write(`… ${label}\n`);
  const result = await run();
  const seconds = (Date.now() - started) / 1000;
  timings.push([label, seconds]);
  process.stdout.write(`ok ${label} (${seconds.toFixed(1)} s)\n`);
  return result;
}
function run(command, args, cwd) {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: undefined } });
  } catch (error) {
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
  }
}

const work = mkdtempSync(join(tmpdir(), 'mfa-kit-consumer-'));
const tarballs = join(work, 'tarballs');
mkdirSync(tarballs);
const snippets = standalone(readPackageSnippets(root));
for (const snippet of snippets) if (!DONE[snippet.name]) throw new Error(`No completion check for README snippet "${snippet.name}": add it to DONE in scripts/consumer-test.mjs.`);

const started = Date.now();
let failed = false;
try {
  const packed = await step('pnpm pack (core, hooks, components, sandbox)', () => {
    const files = {};
    for (const name of LIBRARIES) {
      run('pnpm', ['pack', '--pack-destination', tarballs], join(root, 'packages', name));
      const file = readdirSync(tarballs).find((f) => f.startsWith(`mfa-kit-${name}-`));
      if (!file) throw new Error(`pnpm pack wrote no tarball for ${name}`);
      files[`@mfa-kit/${name}`] = `file:${join(tarballs, file)}`;
    }
    return files;
  });
  for (const major of (process.env.CONSUMER_REACT ?? '19,18').split(',').map(Number)) {
    await consumerApp(major, packed);
  }
} catch (error) {
  failed = true;
  console.error(error instanceof Error ? error.message : error);
} finally {
  if (process.env.KEEP_CONSUMER) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
console.log('\nConsumer test timings:');
for (const [label, seconds] of timings) console.log(`  ${seconds.toFixed(1).padStart(6)} s  ${label}`);
console.log(`  ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  total${failed ? ' (FAILED)' : ''}`);
process.exit(failed ? 1 : 0);

async function consumerApp(major, packed) {
  const app = join(work, `react${major}`);
  mkdirSync(join(app, 'src', 'snippets'), { recursive: true });
  writeApp(app, major, packed);
  await step(`React ${major}: npm install (tarballs, pinned Vite/TypeScript)`, () => run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], app));
  await step(`React ${major}: tsc (strict, exactOptionalPropertyTypes, skipLibCheck off)`, () => run('npx', ['--no-install', 'tsc', '-p', 'tsconfig.json'], app));
  await step(`React ${major}: vite build`, () => run('npx', ['--no-install', 'vite', 'build', '--logLevel', 'warn'], app));
  await step(`React ${major}: realtime PIN flow in Chromium (${snippets.map((s) => s.name).join(', ')})`, () => runFlows(app, major));
}

function writeApp(app, major, packed) {
  const dependencies = {
    ...packed,
    ...Object.fromEntries(Object.entries(REACT[major]).filter(([name]) => !name.startsWith('@types/'))),
    // Only the peers the packages declare: react, react-dom and TanStack Query (query-core at
    // the version react-query pins, so the app holds one copy).
    '@tanstack/react-query': pin('@tanstack/react-query'),
    '@tanstack/query-core': pin('@tanstack/react-query'),
  };
  const json = (value) => `${JSON.stringify(value, null, 2)}\n`;
  writeFileSync(
    join(app, 'package.json'),
    json({
      name: `mfa-kit-consumer-react${major}`,
      private: true,
      type: 'module',
      dependencies,
      devDependencies: {
        '@types/react': REACT[major]['@types/react'],
        '@types/react-dom': REACT[major]['@types/react-dom'],
        '@vitejs/plugin-react': pin('@vitejs/plugin-react'),
        typescript: pin('typescript'),
        vite: pin('vite'),
      },
      // The packed hooks and components depend on @mfa-kit/core@^0.1.0 (and so on): resolve
      // those to the tarballs too, never to a registry package of the same name.
      overrides: Object.fromEntries(Object.keys(packed).map((name) => [name, `$${name}`])),
    }),
  );
  writeFileSync(
    join(app, 'tsconfig.json'),
    json({
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        module: 'ESNext',
        moduleResolution: 'Bundler',
        jsx: 'react-jsx',
        strict: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        skipLibCheck: false,
        types: [],
        noEmit: true,
        isolatedModules: true,
      },
      include: ['src'],
    }),
  );
  writeFileSync(
    join(app, 'vite.config.ts'),
    `import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: {
    rolldownOptions: {
      onwarn(warning, warn) {
        // The kit ships 'use client' directives, which Vite warns about one by one.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
`,
  );
  writeFileSync(join(app, 'index.html'), '<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Consumer</title></head>\n<body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body>\n</html>\n');
  writeFileSync(join(app, 'src', 'support.tsx'), readFileSync(join(root, 'packages/components/test/snippetSupport.tsx'), 'utf8'));
  const imports = [];
  const entries = [];
  for (const snippet of snippets) {
    writeFileSync(join(app, 'src', 'snippets', `${snippet.name}.tsx`), withSupport(snippet.code, '../support'));
    const [component] = exportedFunctions(snippet.code);
    if (!component) throw new Error(`README snippet "${snippet.name}" exports no component`);
    const local = `Snippet${imports.length}`;
    imports.push(`import { ${component} as ${local} } from './snippets/${snippet.name}';`);
    entries.push(`  '${snippet.name}': ${local},`);
  }
  writeFileSync(
    join(app, 'src', 'main.tsx'),
    `// The harness: mounts one README snippet, chosen by ?snippet=…&connection=…
import type { ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
${imports.join('\n')}

const snippets: Record<string, ComponentType<{ connectionId: number }>> = {
${entries.join('\n')}
};

const params = new URLSearchParams(location.search);
const Snippet = snippets[params.get('snippet') ?? ''];
const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('no #root');
createRoot(rootElement).render(
  location.pathname === '/accounts' ? <h1>Accounts</h1> : Snippet ? <main><Snippet connectionId={Number(params.get('connection'))} /></main> : <p>Unknown snippet</p>,
);
`,
  );
  writeFileSync(
    join(app, 'serve.mjs'),
    `// The partner's side for the test: the packed sandbox with a random token, and vite preview
// serving the built app, proxying /api/quovo to the sandbox with the token added.
import { randomBytes } from 'node:crypto';
import { createEngine } from '@mfa-kit/sandbox';
import { startSandboxServer } from '@mfa-kit/sandbox/node';
import { preview } from 'vite';

const token = randomBytes(24).toString('base64url');
const engine = createEngine({ timing: { queuedMs: 300, authenticatingMs: 500, verifyingMs: 400, fetchingMs: 500 } });
const sandbox = await startSandboxServer({ port: 0, host: '127.0.0.1', token, engine, log: false });
const server = await preview({
  logLevel: 'warn',
  preview: {
    host: '127.0.0.1',
    port: Number(process.env.PREVIEW_PORT),
    strictPort: true,
    proxy: {
      '/api/quovo': { target: sandbox.url, rewrite: (path) => path.replace(/^\\/api\\/quovo/, ''), headers: { Authorization: \`Bearer \${token}\` } },
    },
  },
});
console.log(JSON.stringify({ url: server.resolvedUrls.local[0].replace(/\\/$/, ''), sandboxUrl: sandbox.url, token }));
process.on('SIGTERM', () => {
  void Promise.all([server.close(), sandbox.close()]).finally(() => process.exit(0));
});
`,
  );
}

async function freePort() {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function runFlows(app, major) {
  const serve = spawn('node', ['serve.mjs'], { cwd: app, env: { ...process.env, PREVIEW_PORT: String(await freePort()) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  serve.stderr.on('data', (chunk) => (stderr += chunk));
  const servers = await new Promise((resolve, reject) => {
    let out = '';
    serve.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line));
    });
    serve.once('exit', (code) => reject(new Error(`serve.mjs exited (${code}): ${stderr}`)));
  });
  const browser = await chromium.launch(CHROMIUM);
  try {
    for (const snippet of snippets) {
      const auth = { Authorization: `Bearer ${servers.token}`, 'Content-Type': 'application/json' };
      const created = await fetch(`${servers.sandboxUrl}/__sandbox/connections`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ scenario: 'realtime_pin', options: { start: true } }),
      }).then((res) => res.json());
      const connectionId = created.connection.id;
      const page = await browser.newPage();
      page.setDefaultTimeout(20_000);
      const errors = [];
      page.on('pageerror', (error) => errors.push(error.message));
      try {
        await page.goto(`${servers.url}/?snippet=${snippet.name}&connection=${connectionId}`);
        const destinations = page.getByRole('radiogroup', { name: 'Where should we send your pin?' });
        await destinations.waitFor();
        if (snippet.code.includes('@mfa-kit/components/styles.css')) await checkStylesStayInside(page);
        await destinations.getByRole('radio').first().click();
        await page.getByRole('button', { name: 'Continue', exact: true }).click();
        const pinField = page.getByRole('textbox', { name: 'Enter your pin:' });
        await pinField.waitFor();
        const outbox = await fetch(`${servers.sandboxUrl}/__sandbox/connections/${connectionId}/outbox`, { headers: auth }).then((res) => res.json());
        const code = outbox.messages.at(-1)?.pin;
        if (!code) throw new Error('the sandbox sent no PIN');
        await pinField.fill(code);
        await page.getByRole('button', { name: 'Continue', exact: true }).click();
        await DONE[snippet.name](page);
        if (errors.length > 0) throw new Error(errors.join('\n'));
        console.log(`   React ${major}, snippet ${snippet.name}: connection ${connectionId} verified with PIN ${code.replace(/./g, '•')}`);
      } catch (error) {
        const shot = join(root, 'test-results', `consumer-react${major}-${snippet.name}.png`);
        mkdirSync(join(root, 'test-results'), { recursive: true });
        await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
        throw new Error(`React ${major}, snippet ${snippet.name}: ${error instanceof Error ? error.message : error} (screenshot: ${shot})`);
      } finally {
        await page.close();
      }
    }
  } finally {
    await browser.close();
    serve.kill('SIGTERM');
  }
}

/**
 * The shipped stylesheet in a real browser: under a dark system theme the partner's page keeps
 * its own colour scheme (the kit sets none on :root) while the kit turns dark, and a partner's
 * `data-theme="light"` on <html> turns the kit light.
 */
async function checkStylesStayInside(page) {
  const read = () =>
    page.evaluate(() => {
      const kit = document.querySelector('[data-scope="mfa"][data-part="flow"]');
      return {
        page: getComputedStyle(document.documentElement).colorScheme,
        body: getComputedStyle(document.body).backgroundColor,
        kit: kit ? getComputedStyle(kit).colorScheme : null,
      };
    });
  const expectStyles = (actual, expected, when) => {
    if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new Error(`styles ${when}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  };
  await page.emulateMedia({ colorScheme: 'dark' });
  expectStyles(await read(), { page: 'normal', body: 'rgba(0, 0, 0, 0)', kit: 'dark' }, 'under a dark system theme');
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
  expectStyles(await read(), { page: 'normal', body: 'rgba(0, 0, 0, 0)', kit: 'light' }, 'with data-theme="light" on <html>, dark system');
  await page.evaluate(() => document.documentElement.removeAttribute('data-theme'));
  await page.emulateMedia({ colorScheme: 'light' });
  expectStyles(await read(), { page: 'normal', body: 'rgba(0, 0, 0, 0)', kit: 'light' }, 'under a light system theme');
}
