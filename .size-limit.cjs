// Bundle budgets (minified + gzipped). Peers are excluded unless the entry says "with zod".
const peers = ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query'];
module.exports = [
  { name: '@mfa-kit/core', path: 'packages/core/dist/index.js', import: '*', gzip: true, ignore: [...peers, 'zod', 'zod/mini'], limit: '6 kB' },
  { name: '@mfa-kit/core, with zod', path: 'packages/core/dist/index.js', import: '*', gzip: true, ignore: peers },
];
