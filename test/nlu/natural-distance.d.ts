// natural's sub-module, used here only as the reference the project's own bounded distance is checked against.
declare module 'natural/lib/natural/distance/levenshtein_distance' {
  export function DamerauLevenshteinDistance(source: string, target: string, options?: { restricted?: boolean }): number;
}
