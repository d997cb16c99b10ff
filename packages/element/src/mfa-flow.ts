/**
 * The types of `@mfa-kit/element/mfa-flow.js` (the one minified file): the package's own, so the
 * element is declared once whichever entry a page imports.
 * @packageDocumentation
 */
export * from './index';
