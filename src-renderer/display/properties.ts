import type { PropertyView } from '../../src-main/contract/ipc-contract';

/** The property inspector's filter: every word must appear in the tag, name, type or value. */
export function propertyMatches(property: PropertyView, words: readonly string[]): boolean {
  const haystack = [
    property.tag,
    property.id,
    property.name ?? '',
    property.named ?? '',
    property.type,
    property.preview,
  ]
    .join('\n')
    .toLowerCase();
  return words.every((word) => haystack.includes(word));
}

export function filterWords(filter: string): string[] {
  return filter.toLowerCase().split(/\s+/).filter(Boolean);
}
