import type { MapiProperty } from './property-bag.js';
import { namedPropertyCanonicalName, propertySetName } from './named-properties.js';
import { propertyTagName } from './property-tags.js';
import { propertyTypeName } from './property-types.js';

/** A property described for people: the inspector and `inspect --json` show this. */
export interface PropertyDescription {
  /** The full tag as 8 hex digits, e.g. `0x0037001F`. */
  tag: string;
  /** The property ID, e.g. `0x0037`. */
  id: string;
  /** PT_* name of the type. */
  type: string;
  /** Canonical name (PidTagSubject, PidLidAppointmentStartWhole, PidNameKeywords), or null when unknown. */
  name: string | null;
  /** For named properties: the set and the LID or string name. */
  named?: { guid: string; set: string | null; lid?: string; name?: string };
}

const hex = (value: number, digits: number) =>
  `0x${value.toString(16).toUpperCase().padStart(digits, '0')}`;

export function describeProperty(property: MapiProperty): PropertyDescription {
  const description: PropertyDescription = {
    tag: hex(property.tag, 8),
    id: hex(property.id, 4),
    type: propertyTypeName(property.type),
    name: propertyTagName(property.id, property.type) ?? null,
  };
  if (property.named) {
    const { guid, lid, name } = property.named;
    const key = lid !== undefined ? { lid } : { name: name ?? '' };
    description.name = namedPropertyCanonicalName(guid, key) ?? null;
    description.named = {
      guid,
      set: propertySetName(guid) ?? null,
      ...(lid !== undefined ? { lid: hex(lid, 4) } : { name: name ?? '' }),
    };
  }
  return description;
}
