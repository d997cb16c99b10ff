/**
 * The stylesheet must not reach outside the kit: a partner imports it into their own page, so
 * any selector that can match their elements (`:root`, `body`, a bare `[data-theme]`, a sibling
 * of ours) changes their page. Every selector's subject must be one of our elements
 * (`[data-scope="mfa"]`) or inside one. `color-scheme` and the tokens are declared on our
 * elements only.
 *
 * It reads `src/styles.css`, and the built `dist/styles.css` when a build newer than the source
 * is present (`pnpm test` runs the unit tests before `build`, so on a clean checkout there is
 * none yet; the build copies the file byte for byte, tsup.config.ts). `check:packages` runs this
 * file again after the build, so the shipped copy is always checked.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const SCOPE = '[data-scope="mfa"]';
const source = new URL('../src/styles.css', import.meta.url);
const built = new URL('../dist/styles.css', import.meta.url);

interface Rule {
  selector: string;
  declarations: string;
  atRules: string[];
}

/** A small CSS reader: enough for a stylesheet of plain rules inside @media blocks. */
function readRules(css: string): Rule[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const rules: Rule[] = [];
  let i = 0;
  function block(atRules: string[]): void {
    while (i < text.length) {
      const open = text.indexOf('{', i);
      const close = text.indexOf('}', i);
      if (close !== -1 && (open === -1 || close < open)) {
        i = close + 1;
        return;
      }
      if (open === -1) {
        i = text.length;
        return;
      }
      const prelude = text.slice(i, open).trim();
      i = open + 1;
      if (prelude.startsWith('@keyframes')) {
        skipBlock();
      } else if (prelude.startsWith('@')) {
        block([...atRules, prelude]);
      } else {
        const end = text.indexOf('}', i);
        rules.push({ selector: prelude, declarations: text.slice(i, end), atRules });
        i = end + 1;
      }
    }
  }
  function skipBlock(): void {
    let depth = 1;
    while (i < text.length && depth > 0) {
      if (text[i] === '{') depth += 1;
      if (text[i] === '}') depth -= 1;
      i += 1;
    }
  }
  block([]);
  return rules;
}

/** Splits at top-level occurrences of the given characters (not inside `()` or `[]`). */
function splitTop(value: string, separators: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of value) {
    if (char === '(' || char === '[') depth += 1;
    if (char === ')' || char === ']') depth -= 1;
    if (depth === 0 && separators.includes(char)) {
      parts.push(current, char);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

/**
 * True when the selector's subject is a kit element or inside one: some compound names
 * `[data-scope="mfa"]` (not under `:not`), and only descendant or child combinators follow it.
 */
function isScoped(selector: string): boolean {
  const tokens = splitTop(selector.trim().replace(/\s*([>+~])\s*/g, '$1').replace(/\s+/g, ' '), ' >+~').filter((t) => t !== '');
  let scopedAt = -1;
  tokens.forEach((token, index) => {
    if (token.includes(SCOPE) && !token.includes(`:not(${SCOPE}`)) scopedAt = index;
  });
  if (scopedAt === -1) return false;
  return tokens.slice(scopedAt + 1).every((token) => token !== '+' && token !== '~');
}

const fresh = existsSync(built) && statSync(built).mtimeMs >= statSync(source).mtimeMs;
const files = fresh ? [source, built] : [source];

describe.each(files.map((file) => [file.pathname.replace(/.*\/packages\//, 'packages/'), file] as const))('%s', (_name, file) => {
  const css = readFileSync(file, 'utf8');
  const rules = readRules(css);
  const selectors = rules.flatMap((rule) => splitTop(rule.selector, ',').filter((part) => part !== ','));

  it('is read as rules (the reader found the file)', () => {
    expect(rules.length).toBeGreaterThan(40);
  });

  it('scopes every selector to the kit ([data-scope="mfa"])', () => {
    expect(selectors.filter((selector) => !isScoped(selector))).toEqual([]);
  });

  it('never styles :root, html or body', () => {
    expect(selectors.filter((selector) => /:root|(^|[\s>+~(,])(html|body)\b/.test(selector))).toEqual([]);
  });

  it('declares color-scheme only in rules on the kit itself', () => {
    const withScheme = rules.filter((rule) => /color-scheme\s*:/.test(rule.declarations));
    expect(withScheme.length).toBeGreaterThan(0);
    for (const rule of withScheme) expect(rule.selector.startsWith(`:where(${SCOPE}`), rule.selector).toBe(true);
  });

  it('defines public --mfa-* tokens nowhere (partners set them; the kit reads them with defaults)', () => {
    expect(rules.filter((rule) => /(^|[\s;])--mfa-[a-z-]+\s*:/.test(rule.declarations)).map((rule) => rule.selector)).toEqual([]);
  });

  // Plain CSS cannot share a block between a media query and a selector, so each theme's tokens
  // are written twice: by prefers-color-scheme and by data-theme. The copies must agree, or a
  // partner's page would look different with and without data-theme.
  it('gives each theme the same tokens by prefers-color-scheme and by data-theme', () => {
    const tokens = (rule: Rule | undefined) =>
      Object.fromEntries([...(rule?.declarations ?? '').matchAll(/(--_mfa-[a-z-]+|color-scheme)\s*:\s*([^;]+);/g)].map(([, name, value]) => [name, value!.trim()]));
    const base = rules.find((rule) => rule.selector === `:where(${SCOPE})` && rule.atRules.length === 0);
    const osDark = rules.find((rule) => rule.selector === `:where(${SCOPE})` && rule.atRules.some((at) => at.includes('prefers-color-scheme: dark')));
    const themed = (theme: string) => rules.find((rule) => rule.selector.startsWith(`:where(${SCOPE}:is([data-theme="${theme}"]`));
    const dark = tokens(osDark);
    expect(Object.keys(dark).length).toBeGreaterThan(5);
    expect(tokens(themed('dark'))).toEqual(dark);
    // data-theme="light" restates exactly the tokens dark changes, with the base's light values.
    const light = tokens(themed('light'));
    expect(Object.keys(light).sort()).toEqual(Object.keys(dark).sort());
    const lightBase = tokens(base);
    expect(light).toEqual(Object.fromEntries(Object.keys(dark).map((name) => [name, lightBase[name]])));
  });
});

describe('the scope check', () => {
  it('tells an escaping selector apart', () => {
    expect(isScoped(':root')).toBe(false);
    expect(isScoped('[data-theme="dark"]')).toBe(false);
    expect(isScoped('.mfa-button')).toBe(false);
    expect(isScoped(`.mfa-flow:where(${SCOPE}) + p`)).toBe(false);
    expect(isScoped(`:where(${SCOPE}) ~ .x`)).toBe(false);
    expect(isScoped(`p:not(${SCOPE})`)).toBe(false);
    expect(isScoped(`.mfa-done .mfa-title:where(${SCOPE})`)).toBe(true);
    expect(isScoped(`:where(.mfa-flow):where(${SCOPE}) :focus-visible`)).toBe(true);
    expect(isScoped(`[data-theme="dark"] ${SCOPE}`)).toBe(true);
  });
});
