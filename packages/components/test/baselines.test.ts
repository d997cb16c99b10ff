/**
 * Screenshot baselines that show nothing of their own: two stories whose baselines are the same
 * picture, pixel for pixel, compare one moment twice and the other not at all (how 18 flow
 * stories once all showed "You’re verified"). Within each mode's folder (and the right-to-left
 * one), no two baselines may be the same file unless the pair is listed in {@link MEANT_ALIKE}
 * with the reason. Vitest's one PNG encoder writes every baseline, so the same pixels give the
 * same bytes, and the same bytes the same pixels.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** The screenshot modes (tooling/vitest/screenshots.ts). */
type Mode = 'light' | 'dark' | 'forced-colors' | 'narrow';

/** Stories meant to look the same (baseline names without `-chromium-linux.png`), in the modes given (every mode when none). */
interface Alike {
  baselines: [string, string, ...string[]];
  modes?: Mode[];
  reason: string;
}

export const MEANT_ALIKE: Alike[] = [
  {
    baselines: ['components-captchachallenge-broken-image', 'components-captchachallenge-insecure-image', 'components-captchachallenge-unsafe-image'],
    reason: 'an image that failed to load, an http: one and a javascript: one all fall back to the same text and "Get a new image"; the stories differ in the source refused',
  },
  {
    baselines: ['panels-donepanel-default', 'panels-donepanel-heading-level-3'],
    reason: '`headingLevel` changes the element (h2 or h3) for the partner’s outline, not its look',
  },
  {
    baselines: ['panels-expiredpanel-default', 'panels-restartpanel-expired'],
    reason: '`<ExpiredPanel>` is `<RestartPanel reason="expired">`; both stories show that panel, one through each export',
  },
  {
    baselines: ['components-pininput-dark-theme', 'components-pininput-with-error'],
    modes: ['dark', 'forced-colors'],
    reason: 'DarkTheme is WithError with the dark theme forced: in the dark mode both are dark, and forced colours replace both themes’ colours',
  },
  {
    baselines: ['flows-mfaflow-bad-gateway-html', 'flows-mfaflow-malformed-json', 'flows-mfaflow-rate-limited'],
    reason: 'the flow says "Connection trouble. Retrying…" for every passing read failure; the kind (server, invalid_response, rate_limited) goes to `onEvent`, which each story checks',
  },
  {
    baselines: ['flows-mfaflow-server-clock-ahead', 'flows-mfaflow-server-clock-behind'],
    reason: 'the point of both: with the server’s clock five minutes ahead or behind, the PIN stage and its countdown read the same',
  },
];

const root = new URL('./__screenshots__/', import.meta.url);
const STORIES = new URL('stories.screenshot.tsx/', root);

/** Every folder of baselines: one per mode, and the right-to-left parts. */
const folders: { name: string; mode: Mode | null; url: URL }[] = [
  ...readdirSync(STORIES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({ name: entry.name, mode: entry.name as Mode, url: new URL(`${entry.name}/`, STORIES) })),
  { name: 'right to left', mode: null, url: new URL('rightToLeft.screenshot.tsx/', root) },
];

const nameOf = (file: string) => file.replace(/-chromium-\w+\.png$/, '');

/** The baselines of a folder grouped by content: only groups of two or more. */
function sameContent(url: URL): string[][] {
  const byHash = new Map<string, string[]>();
  for (const file of readdirSync(url).filter((name) => name.endsWith('.png')).sort()) {
    const hash = createHash('sha256').update(readFileSync(new URL(file, url))).digest('hex');
    byHash.set(hash, [...(byHash.get(hash) ?? []), nameOf(file)]);
  }
  return [...byHash.values()].filter((group) => group.length > 1);
}

const listed = (a: string, b: string, mode: Mode | null) =>
  MEANT_ALIKE.some(({ baselines, modes }) => baselines.includes(a) && baselines.includes(b) && (!modes || (mode !== null && modes.includes(mode))));

describe('screenshot baselines', () => {
  it('finds the baselines of every mode', () => {
    expect(folders.map(({ name }) => name).sort()).toEqual(['dark', 'forced-colors', 'light', 'narrow', 'right to left']);
  });

  for (const { name, mode, url } of folders) {
    it(`are all different pictures, ${name}, except the pairs listed as meant alike`, () => {
      const unlisted = sameContent(url).flatMap((group) =>
        group.flatMap((a, i) => group.slice(i + 1).filter((b) => !listed(a, b, mode)).map((b) => `${a} = ${b}`)),
      );
      expect(unlisted).toEqual([]);
    });
  }

  it('lists no pair that does not look the same in every mode it names (mend MEANT_ALIKE)', () => {
    const identical = folders.filter(({ mode }) => mode !== null).map(({ mode, url }) => ({ mode, groups: sameContent(url) }));
    const stale = MEANT_ALIKE.flatMap(({ baselines, modes }) =>
      baselines.slice(1).flatMap((b) =>
        identical
          .filter(({ mode }) => !modes || modes.includes(mode as Mode))
          .filter(({ groups }) => !groups.some((group) => group.includes(baselines[0]) && group.includes(b)))
          .map(({ mode }) => `${baselines[0]} ≠ ${b} (${mode})`),
      ),
    );
    expect(stale).toEqual([]);
  });
});
