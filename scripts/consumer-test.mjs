// `pnpm test:consumer` (after `pnpm build`): the kit as partners get it and set it up. Packs the
// libraries and builds two throwaway apps outside the workspace (os.tmpdir()) from the tarballs:
//
// - `backend` (npm): the partner's server. @mfa-kit/server and core as the server README's
//   install line says, Express, and the packed sandbox as the Quovo stand-in. It holds the
//   server README's recipes verbatim: node:http, Express as ESM and as CommonJS (`require`),
//   and the Next.js route handler. They are typechecked (strict, exactOptionalPropertyTypes,
//   library types included) and run.
// - `react19` (npm) and `react18` (pnpm, whose strict layout fails an import of a package the
//   install line did not name): the partner's pages. Only the packages the components and hooks
//   READMEs name (@mfa-kit/components, @mfa-kit/hooks, react, react-dom), the README snippets
//   as components (scripts/readme-snippets.mjs), and the server README's `vite.config.ts`
//   verbatim. Each is typechecked; React 19 is built and served by `vite preview`, React 18 by
//   the Vite dev server, and both forward /api/quovo through that config's proxy to a recipe
//   backend (Express ESM, node:http), which adds the token and calls the sandbox.
//
// Every page then completes the realtime PIN flow in Chromium, all at once. On the way the
// drop-in's stylesheet is checked to leave the page's own colour scheme alone. Beside them, the
// misconfiguration the server README warns about (Vite's proxy shorthand, which rewrites Host)
// must show the drop-in's configuration error, log the fix in the browser's console, and make
// the backend log the refused value and the option to set.
//
// Extending: a new page in the partner apps is an entry in PAGES (its files, and how the page
// shows the flow completed); a new server-side check is an entry in BACKEND_CHECKS.
//
// Last, issue 22: the packed <mfa-flow> on a plain page with no React (elementPage).
//
// Options: KEEP_CONSUMER=1 keeps the temporary folder.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { exportedFunctions, readPackageSnippets, standalone, withSupport } from './readme-snippets.mjs';

const root = new URL('..', import.meta.url).pathname;
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const pin = (name) => {
  const version = rootPkg.devDependencies[name];
  if (!version) throw new Error(`${name} is not pinned in the root package.json`);
  return version;
};
const LIBRARIES = ['core', 'hooks', 'components', 'server', 'sandbox'];
const REACT = {
  19: { react: pin('react'), 'react-dom': pin('react-dom'), '@types/react': pin('@types/react'), '@types/react-dom': pin('@types/react-dom') },
  // tests/react18 pins React 18.3.1; the types are the last 18.3 releases.
  18: { react: '18.3.1', 'react-dom': '18.3.1', '@types/react': '18.3.32', '@types/react-dom': '18.3.7' },
};
// Express for the recipes; its types (the last 5.0 release) for their typecheck.
const EXPRESS = { express: '5.3.0', '@types/express': '5.0.6' };
const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};
const COMPILER_OPTIONS = {
  target: 'ES2022',
  module: 'ESNext',
  moduleResolution: 'Bundler',
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: false,
  noEmit: true,
  isolatedModules: true,
};

const all = readPackageSnippets(root);
const snippet = (name) => {
  const found = all.get(name);
  if (!found) throw new Error(`README snippet "${name}" not found (scripts/consumer-test.mjs runs it)`);
  return found;
};
/** The server README's recipes, by snippet name: where each goes in the backend app. */
const RECIPES = {
  'server-node-http': 'server/http.ts',
  'server-express-esm': 'server/express.ts',
  'server-express-cjs': 'server/express.cjs',
  'server-next-route': 'server/route.ts',
  'vite-dev-proxy': 'vite.config.ts',
};

/**
 * The pages of the partner apps. `files`: path → contents (under src/); `component`: the
 * export `src/main.tsx` mounts for `?page=<name>` with `connectionId`; `done(page)`: resolves
 * when the page shows the flow completed.
 */
const PAGES = standalone(all).map((readme) => {
  const [component] = exportedFunctions(readme.code);
  if (!component) throw new Error(`README snippet "${readme.name}" exports no component`);
  const done = {
    'drop-in': (page) => page.waitForURL('**/accounts'),
    'custom-ui': (page) => page.getByText('Your account is connected.').waitFor(),
    // An app with its own QueryClientProvider: the badge, which never fetches, shows the sync the
    // flow drove, read from the app's client.
    'react-query': (page) => page.getByTestId('sync-badge').getByText('Bank sync: good').waitFor(),
  }[readme.name];
  if (!done) throw new Error(`No completion check for README snippet "${readme.name}": add it in PAGES in scripts/consumer-test.mjs.`);
  return {
    name: readme.name,
    files: { [`snippets/${readme.name}.tsx`]: withSupport(readme.code, '../support') },
    module: `./snippets/${readme.name}`,
    component,
    checkStyles: readme.code.includes('@mfa-kit/components/styles.css'),
    done,
  };
});
/** Recipes that a second README repeats: they must stay the same code, which is run once. */
const SAME_AS = { 'components-vite-dev-proxy': 'vite-dev-proxy', 'components-next-route': 'server-next-route' };
/** Snippets a unit test runs instead (the test reads the snippet from the README itself). */
const RUN_BY_UNIT_TEST = { 'headless-dom': 'packages/core/test/headlessDom.test.ts' };
for (const readme of all.values()) {
  if (RUN_BY_UNIT_TEST[readme.name]) {
    if (!readFileSync(join(root, RUN_BY_UNIT_TEST[readme.name]), 'utf8').includes(`'${readme.name}'`)) throw new Error(`${RUN_BY_UNIT_TEST[readme.name]} no longer runs README snippet "${readme.name}".`);
  } else if (SAME_AS[readme.name]) {
    if (readme.code !== snippet(SAME_AS[readme.name]).code) throw new Error(`${readme.file}:${readme.line}: snippet "${readme.name}" differs from "${SAME_AS[readme.name]}", the recipe it repeats.`);
  } else if (readme.in === null && readme.lang !== 'tsx' && !RECIPES[readme.name]) {
    throw new Error(`README snippet "${readme.name}" is run nowhere: add it to RECIPES in scripts/consumer-test.mjs.`);
  }
}

/** The partner apps: package manager, React major, how Vite serves the page, which recipe is its backend. */
const APPS = [
  { name: 'react19', manager: 'npm', react: 19, vite: 'preview', backend: 'server/express.mjs' },
  { name: 'react18', manager: 'pnpm', react: 18, vite: 'dev', backend: 'server/http.mjs' },
];

/** Server-side checks in the backend app, after the sandbox is up: `run(ctx)` throws on failure. */
const BACKEND_CHECKS = [
  { label: 'Express recipe as CommonJS (require) answers a start and a read', run: checkExpressCommonJs },
  { label: 'Next.js route recipe, dev and production, through plain Requests', run: checkNextRoute },
];

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
const cleanEnv = () => Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_ENV' && !name.startsWith('npm_') && !name.startsWith('PNPM_')));
function run(command, args, cwd, env = {}) {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...cleanEnv(), ...env } });
  } catch (error) {
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
  }
}
const runAsync = (command, args, cwd) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${out}`))));
  });
const json = (value) => `${JSON.stringify(value, null, 2)}\n`;
function write(dir, files) {
  for (const [path, contents] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), contents);
  }
}

/**
 * Vite's own entry in an app, run with `node` rather than through `npx`: the process stopped and
 * awaited at the end is then Vite itself, so nothing still writes the app's `.vite` cache while
 * the folder is removed (npx's child outlived it once: ENOTEMPTY).
 */
const viteBin = (dir) => join(dir, 'node_modules', 'vite', 'bin', 'vite.js');

/** Starts a long-running process, killed at the end; its output is kept for error messages. */
const processes = [];
function launch(command, args, cwd, env = {}) {
  const child = spawn(command, args, { cwd, env: { ...cleanEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  processes.push(child);
  const launched = { child, output: '', exited: null };
  child.stdout.on('data', (chunk) => (launched.output += chunk));
  child.stderr.on('data', (chunk) => (launched.output += chunk));
  child.once('exit', (code) => (launched.exited = code));
  return launched;
}

/** Resolves once `launched` listens on `port` (the recipes print nothing when they are up). */
async function listening(launched, port, what) {
  for (let i = 0; i < 300; i++) {
    if (launched.exited !== null) break;
    const up = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2000) }).then(
      (res) => (res.body?.cancel(), true),
      () => false,
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what} is not listening on port ${port}${launched.exited === null ? '' : ` (exited with ${launched.exited})`}:\n${launched.output}`);
}
async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const work = mkdtempSync(join(tmpdir(), 'mfa-kit-consumer-'));
const tarballs = join(work, 'tarballs');
mkdirSync(tarballs);
const started = Date.now();
let failed = false;
try {
  const packed = await step(`pnpm pack (${LIBRARIES.join(', ')})`, () => {
    const files = {};
    for (const name of LIBRARIES) {
      run('pnpm', ['pack', '--pack-destination', tarballs], join(root, 'packages', name));
      const file = readdirSync(tarballs).find((f) => f.startsWith(`mfa-kit-${name}-`));
      if (!file) throw new Error(`pnpm pack wrote no tarball for ${name}`);
      files[`@mfa-kit/${name}`] = `file:${join(tarballs, file)}`;
    }
    return files;
  });
  const backend = join(work, 'backend');
  writeBackend(backend, packed);
  for (const app of APPS) writeApp(app, packed);
  // The three installs at once: the network and the disk wait, the CPU mostly does not.
  await step('install: backend (npm), react19 (npm), react18 (pnpm), at once', () =>
    Promise.all([install(backend, 'npm'), ...APPS.map((app) => install(app.dir, app.manager))]),
  );
  await step('backend: no @tanstack/query-core installed (the server needs zod alone)', () => {
    if (existsSync(join(backend, 'node_modules', '@tanstack', 'query-core'))) throw new Error('npm installed @tanstack/query-core for a backend that only uses @mfa-kit/server: core must keep it an optional peer, and the server must import @mfa-kit/core/protocol');
  });
  await step('tsc: backend recipes (Node types), react19 and react18 pages (DOM types), at once', () =>
    Promise.all([backend, ...APPS.map((app) => app.dir)].map((dir) => runAsync('npx', ['--no-install', 'tsc', '-p', 'tsconfig.json'], dir))),
  );
  await step('transpile the backend recipes; vite build react19', async () => {
    await transpileRecipes(backend);
    run('npx', ['--no-install', 'vite', 'build', '--logLevel', 'error'], APPS[0].dir);
  });
  const ctx = await step('start: sandbox, recipe backends, vite preview (react19), vite dev (react18, and with the proxy shorthand)', () => startServers(backend));
  for (const check of BACKEND_CHECKS) await step(check.label, () => check.run(ctx, backend));
  await step(`Chromium, at once: the realtime PIN flow in ${APPS.map((a) => a.name).join(', ')} × ${PAGES.map((p) => p.name).join(', ')}; the proxy shorthand's configuration error`, () => runFlows(ctx));
  // Issue 22: the packed <mfa-flow> on a plain page with no React.
  await elementPage(packed);
} catch (error) {
  failed = true;
  console.error(error instanceof Error ? error.message : error);
} finally {
  // Stopped and gone before their folder is: a Vite still writing its cache would race the removal.
  await Promise.all(processes.map((child) => (child.exitCode === null && child.signalCode === null ? new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM'))) : null)));
  if (process.env.KEEP_CONSUMER) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
}
console.log('\nConsumer test timings:');
for (const [label, seconds] of timings) console.log(`  ${seconds.toFixed(1).padStart(6)} s  ${label}`);
console.log(`  ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  total${failed ? ' (FAILED)' : ''}`);
process.exit(failed ? 1 : 0);

function install(dir, manager) {
  const args = manager === 'pnpm' ? ['install', '--reporter=silent', '--config.confirmModulesPurge=false'] : ['install', '--no-audit', '--no-fund', '--loglevel=error'];
  return runAsync(manager, args, dir);
}

/**
 * The packed packages depend on each other by version (@mfa-kit/core@^0.1.0): resolve those to
 * the tarballs too, never to a registry package of the same name. npm takes `$name` for a
 * direct dependency (an override may not differ from it).
 */
function overridesFor(packed, direct) {
  return Object.fromEntries(Object.entries(packed).map(([name, spec]) => [name, direct.includes(name) ? `$${name}` : spec]));
}

function writeBackend(dir, packed) {
  const pick = (...names) => Object.fromEntries(names.map((name) => [name, packed[name]]));
  const recipes = Object.fromEntries(
    Object.entries(RECIPES)
      .filter(([, path]) => path.startsWith('server/'))
      .map(([name, path]) => [path, snippet(name).code]),
  );
  write(dir, {
    'package.json': json({
      name: 'mfa-kit-consumer-backend',
      private: true,
      type: 'module',
      // The server README's install line, and what the recipes are about (Express). No
      // @tanstack/query-core: the server reads core's protocol entry, which needs zod alone.
      dependencies: { ...pick('@mfa-kit/server', '@mfa-kit/core'), zod: pin('zod'), express: EXPRESS.express },
      devDependencies: { ...pick('@mfa-kit/sandbox'), '@types/express': EXPRESS['@types/express'], '@types/node': pin('@types/node'), typescript: pin('typescript') },
      overrides: overridesFor(packed, ['@mfa-kit/server', '@mfa-kit/core', '@mfa-kit/sandbox']),
    }),
    'tsconfig.json': json({
      compilerOptions: { ...COMPILER_OPTIONS, lib: ['ES2023'], types: ['node'], paths: { '@/*': ['./server/*'] } },
      include: ['server/*.ts'],
    }),
    ...recipes,
    // What the server README leaves to the reader: the ownership rule, the webhook check and the app's session.
    'server/support.ts': `export function ownsConnection(_cookie: string | null, _connectionId: number): boolean {
  return true;
}
export function verifyQuovoWebhook(_request: unknown): boolean {
  return false;
}
`,
    'server/auth.ts': `export async function auth(): Promise<{ user: { connectionIds: number[] } } | null> {
  return { user: { connectionIds: (process.env.OWNED_CONNECTIONS ?? '').split(',').map(Number) } };
}
`,
    'server/support.cjs': "exports.ownsConnection = () => true;\nexports.verifyQuovoWebhook = () => false;\n",
    // The Quovo stand-in: the packed sandbox with a random token.
    'sandbox.mjs': `import { randomBytes } from 'node:crypto';
import { createEngine } from '@mfa-kit/sandbox';
import { startSandboxServer } from '@mfa-kit/sandbox/node';

const token = randomBytes(24).toString('base64url');
const engine = createEngine({ timing: { queuedMs: 300, authenticatingMs: 500, verifyingMs: 400, fetchingMs: 500 } });
const sandbox = await startSandboxServer({ port: 0, host: '127.0.0.1', token, engine, log: false });
console.log(JSON.stringify({ url: sandbox.url, token }));
process.on('SIGTERM', () => void sandbox.close().finally(() => process.exit(0)));
`,
  });
  // The recipes leave these names to the reader; the harness supplies them.
  for (const path of ['server/http.ts', 'server/express.ts', 'server/express.cjs']) {
    if (!readFileSync(join(dir, path), 'utf8').includes('ownsConnection')) throw new Error(`the ${path} recipe no longer uses ownsConnection: update the harness`);
  }
  for (const path of ['server/http.ts', 'server/express.ts']) {
    writeFileSync(join(dir, path), `${readFileSync(join(dir, path), 'utf8')}\n// Added by the test harness: names the README leaves to the reader.\nimport { ownsConnection, verifyQuovoWebhook } from './support';\nvoid verifyQuovoWebhook;\n`);
  }
  writeFileSync(join(dir, 'server/express.cjs'), `// Added by the test harness: names the README leaves to the reader.\nconst { ownsConnection } = require('./support.cjs');\n${readFileSync(join(dir, 'server/express.cjs'), 'utf8')}`);
}

/** The TypeScript recipes as the ES modules Node runs (TypeScript's own transpiler, types dropped). */
async function transpileRecipes(dir) {
  const { createRequire } = await import('node:module');
  const ts = createRequire(join(dir, 'package.json'))('typescript');
  for (const name of ['http', 'express', 'route', 'support', 'auth']) {
    const source = readFileSync(join(dir, 'server', `${name}.ts`), 'utf8');
    const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false } });
    writeFileSync(join(dir, 'server', `${name}.mjs`), outputText.replace("from './support'", "from './support.mjs'").replace("from '@/auth'", "from './auth.mjs'"));
  }
}

function writeApp(app, packed) {
  app.dir = join(work, app.name);
  const react = REACT[app.react];
  const dependencies = {
    // The components and hooks READMEs' install lines: nothing else of the kit.
    '@mfa-kit/components': packed['@mfa-kit/components'],
    '@mfa-kit/hooks': packed['@mfa-kit/hooks'],
    react: react.react,
    'react-dom': react['react-dom'],
    // The peers the packages declare besides React (issue 19): zod, and TanStack Query with
    // query-core at the version react-query pins, so the app holds one copy.
    zod: pin('zod'),
    '@tanstack/react-query': pin('@tanstack/react-query'),
    '@tanstack/query-core': pin('@tanstack/react-query'),
  };
  const overrides = app.manager === 'pnpm' ? Object.fromEntries(Object.entries(packed)) : overridesFor(packed, Object.keys(dependencies));
  const imports = PAGES.map((page, i) => `import { ${page.component} as Page${i} } from '${page.module}';`);
  write(app.dir, {
    'package.json': json({
      name: `mfa-kit-consumer-${app.name}`,
      private: true,
      type: 'module',
      dependencies,
      devDependencies: {
        '@types/react': react['@types/react'],
        '@types/react-dom': react['@types/react-dom'],
        '@vitejs/plugin-react': pin('@vitejs/plugin-react'),
        typescript: pin('typescript'),
        vite: pin('vite'),
      },
      ...(app.manager === 'pnpm' ? { pnpm: { overrides } } : { overrides }),
    }),
    'tsconfig.json': json({
      compilerOptions: { ...COMPILER_OPTIONS, lib: ['ES2023', 'DOM', 'DOM.Iterable'], jsx: 'react-jsx', types: [] },
      include: ['src'],
    }),
    // The server README's dev-proxy config, verbatim: `vite` uses its server.proxy, and
    // `vite preview` too (preview.proxy defaults to it).
    'vite.config.ts': snippet('vite-dev-proxy').code,
    'index.html': '<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Consumer</title></head>\n<body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body>\n</html>\n',
    'src/support.tsx': readFileSync(join(root, 'packages/components/test/snippetSupport.tsx'), 'utf8'),
    ...Object.fromEntries(PAGES.flatMap((page) => Object.entries(page.files).map(([path, code]) => [`src/${path}`, code]))),
    // The shorthand the server README warns about: it sets changeOrigin, so the backend sees its
    // own Host. Its own cache folder, beside the dev server that runs vite.config.ts.
    'vite.shorthand.config.ts': `import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({ plugins: [react()], cacheDir: 'node_modules/.vite-shorthand', server: { proxy: { '/api/quovo': process.env.BACKEND_URL ?? '' } } });
`,
    'src/main.tsx': `// The harness: mounts one page, chosen by ?page=…&connection=…
import type { ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
${imports.join('\n')}

const pages: Record<string, ComponentType<{ connectionId: number }>> = {
${PAGES.map((page, i) => `  '${page.name}': Page${i},`).join('\n')}
};

const params = new URLSearchParams(location.search);
const Page = pages[params.get('page') ?? ''];
const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('no #root');
createRoot(rootElement).render(
  location.pathname === '/accounts' ? <h1>Accounts</h1> : Page ? <main><Page connectionId={Number(params.get('connection'))} /></main> : <p>Unknown page</p>,
);
`,
  });
}

/** The sandbox; per app a recipe backend for its origin and Vite in front with the README's proxy. */
async function startServers(backend) {
  const sandboxProcess = launch('node', ['sandbox.mjs'], backend);
  const sandbox = await new Promise((resolve, reject) => {
    sandboxProcess.child.stdout.on('data', () => {
      const line = sandboxProcess.output.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line));
    });
    sandboxProcess.child.once('exit', () => reject(new Error(`sandbox.mjs exited:\n${sandboxProcess.output}`)));
  });
  // The recipes authenticate webhooks with a shared secret (server README, "Webhooks").
  const quovo = { QUOVO_API_URL: sandbox.url, QUOVO_TOKEN: sandbox.token, QUOVO_WEBHOOK_SECRET: randomBytes(24).toString('base64url') };
  await Promise.all(
    APPS.map(async (app) => {
      const [vitePort, backendPort] = [await freePort(), await freePort()];
      app.url = `http://127.0.0.1:${vitePort}`;
      await listening(launch('node', [app.backend], backend, { ...quovo, APP_ORIGIN: app.url, PORT: String(backendPort) }), backendPort, `${app.backend} (for ${app.name})`);
      const serve = app.vite === 'dev' ? [] : ['preview'];
      const vite = launch(process.execPath, [viteBin(app.dir), ...serve, '--host', '127.0.0.1', '--port', String(vitePort), '--strictPort'], app.dir, { BACKEND_URL: `http://127.0.0.1:${backendPort}` });
      await listening(vite, vitePort, `vite ${app.vite} (${app.name})`);
    }),
  );
  // The misconfigured setup: the README's node:http backend for the page's origin, behind the
  // React 18 app's dev server with the proxy shorthand.
  const dev = APPS.find((app) => app.vite === 'dev');
  const [vitePort, backendPort] = [await freePort(), await freePort()];
  const refusingBackend = launch('node', ['server/http.mjs'], backend, { ...quovo, APP_ORIGIN: `http://127.0.0.1:${vitePort}`, PORT: String(backendPort) });
  await listening(refusingBackend, backendPort, 'server/http.mjs (misconfigured setup)');
  const shorthand = launch(process.execPath, [viteBin(dev.dir), '--config', 'vite.shorthand.config.ts', '--host', '127.0.0.1', '--port', String(vitePort), '--strictPort'], dev.dir, { BACKEND_URL: `http://127.0.0.1:${backendPort}` });
  await listening(shorthand, vitePort, 'vite dev with the proxy shorthand');
  return { sandbox, quovo, refused: { url: `http://127.0.0.1:${vitePort}`, backend: refusingBackend, backendHost: `127.0.0.1:${backendPort}` } };
}

async function createConnection(sandbox) {
  const created = await fetch(`${sandbox.url}/__sandbox/connections`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${sandbox.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ scenario: 'realtime_pin', options: { start: true } }),
  }).then((res) => res.json());
  return created.connection.id;
}

function expectStatus(response, status, what) {
  if (response.status !== status) throw new Error(`${what}: expected HTTP ${status}, got ${response.status}`);
}

async function checkExpressCommonJs(ctx, backend) {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  await listening(launch('node', ['server/express.cjs'], backend, { ...ctx.quovo, APP_ORIGIN: origin, PORT: String(port) }), port, 'server/express.cjs');
  const id = await createConnection(ctx.sandbox);
  const url = `${origin}/api/quovo/connections/${id}/sync`;
  expectStatus(await fetch(url, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: '{}' }), 200, 'a start from the app’s origin');
  const read = await fetch(url);
  expectStatus(read, 200, 'a read');
  if ((await read.json()).sync?.connection_id !== id) throw new Error('the read is not the connection’s sync');
  expectStatus(await fetch(url, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, body: '{}' }), 403, 'a start from another origin');
}

/**
 * The Next.js route recipe as Next runs it: its module's GET/POST called with a standard
 * Request. `next dev` (APP_ORIGIN unset; page and route on http://localhost:3000) and
 * production behind a proxy that ends TLS (APP_ORIGIN=https://app.example.com, while the
 * route's own URL says http://localhost:3000). Each setting gets a fresh module instance.
 */
async function checkNextRoute(ctx, backend) {
  const runner = `
const cases = JSON.parse(process.argv[2]);
for (const c of cases) {
  if (c.appOrigin) process.env.APP_ORIGIN = c.appOrigin; else delete process.env.APP_ORIGIN;
  const route = await import('./server/route.mjs?' + c.name);
  const res = await route[c.method](new Request(c.url, { method: c.method, headers: c.headers, ...(c.method === 'POST' ? { body: '{}' } : {}) }));
  if (res.status !== c.status) throw new Error(c.name + ': expected ' + c.status + ', got ' + res.status + ' ' + (await res.text()));
  await res.body?.cancel();
}
console.log('ok');
`;
  const id = await createConnection(ctx.sandbox);
  const path = `/api/quovo/connections/${id}/sync`;
  const json = { 'content-type': 'application/json' };
  const cases = [
    { name: 'dev', method: 'POST', url: `http://localhost:3000${path}`, headers: { ...json, host: 'localhost:3000', origin: 'http://localhost:3000' }, status: 200 },
    { name: 'dev', method: 'GET', url: `http://localhost:3000${path}`, headers: { host: 'localhost:3000' }, status: 200 },
    { name: 'prod', appOrigin: 'https://app.example.com', method: 'POST', url: `http://localhost:3000${path}`, headers: { ...json, host: 'app.example.com', origin: 'https://app.example.com' }, status: 200 },
    { name: 'prod', appOrigin: 'https://app.example.com', method: 'POST', url: `http://localhost:3000${path}`, headers: { ...json, host: 'app.example.com', origin: 'https://evil.example' }, status: 403 },
    { name: 'prod', appOrigin: 'https://app.example.com', method: 'GET', url: `http://localhost:3000${path}`, headers: { host: 'evil.example' }, status: 421 },
  ];
  writeFileSync(join(backend, 'next-route-check.mjs'), runner);
  run('node', ['next-route-check.mjs', JSON.stringify(cases)], backend, { ...ctx.quovo, OWNED_CONNECTIONS: String(id) });
}

async function runFlows(ctx) {
  const browser = await chromium.launch(CHROMIUM);
  try {
    await Promise.all([...APPS.flatMap((app) => PAGES.map((page) => runFlow(browser, ctx, app, page))), checkRefusedPage(browser, ctx)]);
  } finally {
    await browser.close();
  }
}

async function runFlow(browser, ctx, app, spec) {
  const { sandbox } = ctx;
  const auth = { Authorization: `Bearer ${sandbox.token}` };
  const connectionId = await createConnection(sandbox);
  const page = await browser.newPage();
  page.setDefaultTimeout(30_000);
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const label = `${app.name} (${app.manager}, vite ${app.vite}), page ${spec.name}`;
  try {
    await page.goto(`${app.url}/?page=${spec.name}&connection=${connectionId}`);
    const destinations = page.getByRole('radiogroup', { name: 'Where should we send your pin?' });
    await destinations.waitFor();
    if (spec.checkStyles) await checkStylesStayInside(page);
    await destinations.getByRole('radio').first().click();
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    const pinField = page.getByRole('textbox', { name: 'Enter your pin:' });
    await pinField.waitFor();
    const outbox = await fetch(`${sandbox.url}/__sandbox/connections/${connectionId}/outbox`, { headers: auth }).then((res) => res.json());
    const code = outbox.messages.at(-1)?.pin;
    if (!code) throw new Error('the sandbox sent no PIN');
    await pinField.fill(code);
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await spec.done(page);
    if (errors.length > 0) throw new Error(errors.join('\n'));
    console.log(`   ${label}: connection ${connectionId} verified with PIN ${code.replace(/./g, '•')}`);
  } catch (error) {
    const shot = join(root, 'test-results', `consumer-${app.name}-${spec.name}.png`);
    mkdirSync(join(root, 'test-results'), { recursive: true });
    await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
    throw new Error(`${label}: ${error instanceof Error ? error.message : error} (screenshot: ${shot})`);
  } finally {
    await page.close();
  }
}

/**
 * Vite's proxy shorthand in front of the README's backend: every request is refused for its
 * Host. The drop-in must say the page cannot reach the verification service (no "Try again"),
 * a development build must name the option in the console, and the backend must log the
 * refused value with the option to set.
 */
async function checkRefusedPage(browser, ctx) {
  const connectionId = await createConnection(ctx.sandbox);
  const page = await browser.newPage();
  page.setDefaultTimeout(30_000);
  const consoleErrors = [];
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
  try {
    await page.goto(`${ctx.refused.url}/?page=drop-in&connection=${connectionId}`);
    await page.locator('[data-part="failed"]').getByText('This page can’t reach the verification service.').waitFor();
    if ((await page.getByRole('button', { name: 'Try again' }).count()) > 0) throw new Error('the configuration error offers "Try again"');
    if (!consoleErrors.some((text) => text.includes('allowedHosts'))) throw new Error(`no console error names allowedHosts: ${JSON.stringify(consoleErrors)}`);
    const logged = ctx.refused.backend.output;
    if (!logged.includes(`refused Host "${ctx.refused.backendHost}"`) || !logged.includes(`allowedHosts: ["${ctx.refused.backendHost}"]`)) {
      throw new Error(`the backend did not log the refused Host and the option:\n${logged}`);
    }
    console.log(`   misconfigured proxy: the drop-in shows the configuration error; the backend logged: ${logged.trim().split('\n').find((line) => line.includes('refused'))}`);
  } catch (error) {
    const shot = join(root, 'test-results', 'consumer-misconfigured-proxy.png');
    mkdirSync(join(root, 'test-results'), { recursive: true });
    await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
    throw new Error(`misconfigured proxy: ${error instanceof Error ? error.message : error} (screenshot: ${shot})`);
  } finally {
    await page.close();
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

/**
 * Issue 22: `@mfa-kit/element` on a page with no React and no bundler. Packs the element,
 * installs the tarball alone (with TypeScript) in a throwaway folder, typechecks a script against
 * its types (no React types installed; strict, skipLibCheck off), serves a plain HTML page that
 * loads `dist/mfa-flow.js` with one script tag, and completes the realtime PIN flow in Chromium
 * (polling, through a proxy that adds the token), with the page hearing `mfa-complete`.
 */
async function elementPage(packed) {
  const app = join(work, 'element-page');
  mkdirSync(app, { recursive: true });
  const tarball = await step('pnpm pack (element)', () => {
    run('pnpm', ['pack', '--pack-destination', tarballs], join(root, 'packages', 'element'));
    const file = readdirSync(tarballs).find((f) => f.startsWith('mfa-kit-element-'));
    if (!file) throw new Error('pnpm pack wrote no tarball for element');
    return `file:${join(tarballs, file)}`;
  });
  const manifest = { name: 'consumer-element-page', private: true, type: 'module', // The sandbox (and core, its dependency) only for the test's server; the page uses the element alone.
    dependencies: { '@mfa-kit/element': tarball, '@mfa-kit/sandbox': packed['@mfa-kit/sandbox'], '@mfa-kit/core': packed['@mfa-kit/core'], zod: pin('zod') }, devDependencies: { typescript: pin('typescript') } };
  writeFileSync(join(app, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2022', 'DOM'], strict: true, exactOptionalPropertyTypes: true, skipLibCheck: false, noEmit: true, types: [] }, include: ['page.ts'] }));
  writeFileSync(
    join(app, 'page.ts'),
    `import '@mfa-kit/element';
import type { MfaCompleteDetail } from '@mfa-kit/element';

const flow: HTMLElementTagNameMap['mfa-flow'] | null = document.querySelector('mfa-flow');
flow?.addEventListener('mfa-complete', (event) => {
  const detail: MfaCompleteDetail = event.detail;
  console.log(detail.connectionId, detail.sync.status);
});
document.addEventListener('mfa-step-change', (event) => console.log(event.detail.step.type, event.detail.previous.type));
document.addEventListener('mfa-error', (event) => console.log(event.detail.error.kind));
if (flow) {
  flow.connectionId = 1;
  flow.updates = 'push';
  flow.getHeaders = () => ({ 'x-csrf-token': 'token' });
  flow.messages = { submit: 'Send' };
}
`,
  );
  writeFileSync(
    join(app, 'index.html'),
    `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Plain page</title><script type="module" src="/mfa-flow.js"></script></head>
  <body>
    <main>
      <h1>Link your bank</h1>
      <mfa-flow base-url="/api/quovo"></mfa-flow>
      <p id="linked" role="status"></p>
    </main>
    <script type="module">
      const flow = document.querySelector('mfa-flow');
      flow.addEventListener('mfa-complete', (event) => (document.getElementById('linked').textContent = 'Linked connection ' + event.detail.connectionId));
      flow.setAttribute('connection-id', new URLSearchParams(location.search).get('connection'));
    </script>
  </body>
</html>
`,
  );
  writeFileSync(
    join(app, 'serve.mjs'),
    `// The partner's server for the test: the page, the element's one file, and /api/quovo forwarded
// to the packed sandbox with the token added (the page never sees it).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createEngine } from '@mfa-kit/sandbox';
import { startSandboxServer } from '@mfa-kit/sandbox/node';

const token = randomBytes(24).toString('base64url');
const engine = createEngine({ timing: { queuedMs: 300, authenticatingMs: 500, verifyingMs: 400, fetchingMs: 500 } });
const sandbox = await startSandboxServer({ port: 0, host: '127.0.0.1', token, engine, log: false });
const files = { '/': ['index.html', 'text/html'], '/mfa-flow.js': ['node_modules/@mfa-kit/element/dist/mfa-flow.js', 'text/javascript'] };
const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://page.invalid');
  if (url.pathname.startsWith('/api/quovo/')) {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const upstream = await fetch(sandbox.url + url.pathname.slice('/api/quovo'.length) + url.search, {
      method: req.method,
      headers: { authorization: 'Bearer ' + token, 'content-type': req.headers['content-type'] ?? 'application/json' },
      body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
    });
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json', date: upstream.headers.get('date') ?? new Date().toUTCString() });
    res.end(Buffer.from(await upstream.arrayBuffer()));
    return;
  }
  const file = files[url.pathname];
  if (!file) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': file[1] + '; charset=utf-8' });
  res.end(readFileSync(file[0]));
});
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ url: 'http://127.0.0.1:' + server.address().port, sandboxUrl: sandbox.url, token })));
process.on('SIGTERM', () => {
  server.close();
  void sandbox.close().finally(() => process.exit(0));
});
`,
  );
  await step('element page: npm install (the element tarball; core and sandbox for the server; TypeScript)', () => run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], app));
  await step('element page: tsc against the element\'s types (no React types; strict, skipLibCheck off)', () => run('npx', ['--no-install', 'tsc', '-p', 'tsconfig.json'], app));
  if (readdirSync(join(app, 'node_modules')).some((name) => name === 'react' || name === 'react-dom' || name === 'preact')) throw new Error('installing @mfa-kit/element pulled a renderer into node_modules');
  await step('element page: realtime PIN flow in Chromium, one script tag, no React', async () => {
    const serve = spawn('node', ['serve.mjs'], { cwd: app, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    serve.stderr.on('data', (chunk) => (stderr += chunk));
    const browser = await chromium.launch(CHROMIUM);
    try {
      const servers = await new Promise((resolve, reject) => {
        let out = '';
        serve.stdout.on('data', (chunk) => {
          out += chunk;
          const line = out.split('\n').find((l) => l.startsWith('{'));
          if (line) resolve(JSON.parse(line));
        });
        serve.once('exit', (code) => reject(new Error(`serve.mjs exited (${code}): ${stderr}`)));
      });
      const auth = { Authorization: `Bearer ${servers.token}`, 'Content-Type': 'application/json' };
      const created = await fetch(`${servers.sandboxUrl}/__sandbox/connections`, { method: 'POST', headers: auth, body: JSON.stringify({ scenario: 'realtime_pin', options: { start: true } }) }).then((res) => res.json());
      const connectionId = created.connection.id;
      const page = await browser.newPage();
      page.setDefaultTimeout(20_000);
      const errors = [];
      page.on('pageerror', (error) => errors.push(error.message));
      try {
        await page.goto(`${servers.url}/?connection=${connectionId}`);
        const destinations = page.getByRole('radiogroup', { name: 'Where should we send your pin?' });
        await destinations.getByRole('radio').first().click();
        await page.getByRole('button', { name: 'Continue', exact: true }).click();
        const pinField = page.getByRole('textbox', { name: 'Enter your pin:' });
        await pinField.waitFor();
        const outbox = await fetch(`${servers.sandboxUrl}/__sandbox/connections/${connectionId}/outbox`, { headers: auth }).then((res) => res.json());
        const code = outbox.messages.at(-1)?.pin;
        if (!code) throw new Error('the sandbox sent no PIN');
        await pinField.fill(code);
        await page.getByRole('button', { name: 'Continue', exact: true }).click();
        await page.getByRole('status').filter({ hasText: `Linked connection ${connectionId}` }).waitFor();
        if (errors.length > 0) throw new Error(errors.join('\n'));
        console.log(`   element page: connection ${connectionId} verified with PIN ${code.replace(/./g, '•')}, mfa-complete heard by the page`);
      } catch (error) {
        const shot = join(root, 'test-results', 'consumer-element-page.png');
        mkdirSync(join(root, 'test-results'), { recursive: true });
        await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
        throw new Error(`element page: ${error instanceof Error ? error.message : error} (screenshot: ${shot})`);
      }
    } finally {
      await browser.close();
      // Gone before the folder is removed.
      if (serve.exitCode === null && serve.signalCode === null) await new Promise((resolve) => (serve.once('exit', resolve), serve.kill('SIGTERM')));
    }
  });
}
