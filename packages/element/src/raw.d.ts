/** A file's text, inlined at build time (tsup's `raw` plugin, Vite's `?raw`). */
declare module '*?raw' {
  const text: string;
  export default text;
}
