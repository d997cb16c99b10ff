// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSnippets } from '../../../scripts/readme-snippets.mjs';

describe('the hooks README', () => {
  it('shows the tested example (src/example.testkit.tsx) as it is, importing from the package', () => {
    const [snippet] = readSnippets(new URL('../README.md', import.meta.url).pathname).filter((s: { name: string }) => s.name === 'custom-ui');
    const file = readFileSync(new URL('./example.testkit.tsx', import.meta.url), 'utf8');
    // The file opens with a comment for its readers in the repository, and imports the sources.
    const code = file.slice(file.indexOf('import ')).replace("from './index';", "from '@mfa-kit/hooks';");
    expect(snippet?.code).toBe(code);
  });
});
