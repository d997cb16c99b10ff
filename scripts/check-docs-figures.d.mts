export interface SizeFigure {
  where: string;
  value: number;
  kind: 'size' | 'budget' | 'figure' | null;
  name: string | null;
}
export function withinTenPercent(quoted: number, measured: number): boolean;
export function readmeFiles(): string[];
export function sizeFigures(file: string): SizeFigure[];
