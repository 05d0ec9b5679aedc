/**
 * A title with "the" before it, unless the council's own wording already has an article or is a name:
 * "the Chief Executive", but "the officer's director" stays as it is.
 */
export function theTitle(title: string): string {
  return /^(the|a|an|your|their|his|her|its)\s/i.test(title) ? title : `the ${title}`;
}
