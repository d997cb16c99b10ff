export function suitesOfTest(testScript: string): string[];
