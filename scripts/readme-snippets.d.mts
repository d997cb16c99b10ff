export interface Snippet {
  name: string;
  lang: string;
  code: string;
  file: string;
  line: number;
}
export function readSnippets(file: string): Snippet[];
export function readPackageSnippets(root: string): Map<string, Snippet>;
export const READER_PROVIDED: string[];
export function withSupport(code: string, supportModule: string): string;
export function exportedFunctions(code: string): string[];
