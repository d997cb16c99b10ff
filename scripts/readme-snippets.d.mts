export interface Snippet {
  name: string;
  lang: string;
  code: string;
  file: string;
  line: number;
  /** The repository file this snippet is verbatim, or null for a standalone component. */
  in: string | null;
}
export function readSnippets(file: string): Snippet[];
export function readPackageSnippets(root: string): Map<string, Snippet>;
export const READER_PROVIDED: string[];
export function withSupport(code: string, supportModule: string): string;
export function exportedFunctions(code: string): string[];
/** The TSX snippets that are whole components on their own (not bound to a repository file). */
export function standalone(snippets: Map<string, Snippet>): Snippet[];
