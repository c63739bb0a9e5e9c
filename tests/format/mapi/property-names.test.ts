import { describe, expect, it } from 'vitest';
import {
  baseType,
  fixedSize,
  isMultiValued,
  MV_FLAG,
  PropertyType,
  propertyTypeName,
} from '../../../src-main/format/mapi/property-types.js';
import {
  PROPERTY_NAMES,
  propertyTagName,
  propertyTagNames,
  Tag,
  TAGGED_PROPERTIES,
  UNDOCUMENTED_TAG_NAMES,
  type TagName,
} from '../../../src-main/format/mapi/property-tags.js';
import {
  NAMED_PROPERTIES_BY_LID,
  NAMED_PROPERTIES_BY_NAME,
  namedPropertyCanonicalName,
  namedPropertyKey,
  normalizeGuid,
  PropertySet,
  propertySetName,
} from '../../../src-main/format/mapi/named-properties.js';

// Every expected value below was read from the spec section cited next to it, not from our tables.

describe('property-types', () => {
  describe('propertyTypeName()', () => {
    it('names single- and multi-valued types from [MS-OXCDATA] 2.11.1', () => {
      expect(propertyTypeName(0x001f)).toBe('PT_UNICODE');
      expect(propertyTypeName(0x101f)).toBe('PT_MV_UNICODE');
      expect(propertyTypeName(0x0102)).toBe('PT_BINARY');
      expect(propertyTypeName(0x1102)).toBe('PT_MV_BINARY');
      expect(propertyTypeName(0x0040)).toBe('PT_SYSTIME');
      expect(propertyTypeName(0x0048)).toBe('PT_CLSID');
      expect(propertyTypeName(0x00fb)).toBe('PT_SVREID');
    });

    it('prints the mapidefs.h spelling where MAPI has two', () => {
      expect(propertyTypeName(PropertyType.PT_SHORT)).toBe('PT_I2');
      expect(propertyTypeName(PropertyType.PT_I4)).toBe('PT_LONG');
      expect(propertyTypeName(PropertyType.PT_LONGLONG)).toBe('PT_I8');
    });

    // A corrupt or future writer can put any 16 bits in a tag; the inspector still has to say something.
    it('falls back to the hex value for a type the spec does not define', () => {
      expect(propertyTypeName(0x1234)).toBe('PT_0x1234');
      expect(propertyTypeName(0x0099)).toBe('PT_0x0099');
    });
  });

  describe('isMultiValued() and baseType()', () => {
    it('reads the MV_FLAG bit (0x1000) of [MS-OXCDATA] 2.11.1', () => {
      expect(MV_FLAG).toBe(0x1000);
      expect(isMultiValued(PropertyType.PT_MV_UNICODE)).toBe(true);
      expect(isMultiValued(PropertyType.PT_UNICODE)).toBe(false);
      expect(baseType(PropertyType.PT_MV_UNICODE)).toBe(PropertyType.PT_UNICODE);
      expect(baseType(PropertyType.PT_MV_BINARY)).toBe(PropertyType.PT_BINARY);
      expect(baseType(PropertyType.PT_LONG)).toBe(PropertyType.PT_LONG);
    });
  });

  describe('fixedSize()', () => {
    it('gives the [MS-OXCDATA] 2.11.1 size of types stored inline ([MS-OXMSG] 2.1.2)', () => {
      expect(fixedSize(PropertyType.PT_I2)).toBe(2);
      expect(fixedSize(PropertyType.PT_LONG)).toBe(4);
      expect(fixedSize(PropertyType.PT_R4)).toBe(4);
      expect(fixedSize(PropertyType.PT_DOUBLE)).toBe(8);
      expect(fixedSize(PropertyType.PT_CURRENCY)).toBe(8);
      expect(fixedSize(PropertyType.PT_APPTIME)).toBe(8);
      expect(fixedSize(PropertyType.PT_ERROR)).toBe(4);
      expect(fixedSize(PropertyType.PT_I8)).toBe(8);
      expect(fixedSize(PropertyType.PT_SYSTIME)).toBe(8);
    });

    // PtypBoolean is "1 byte; restricted to 1 or 0" in [MS-OXCDATA] 2.11.1, although MAPI's
    // in-memory PT_BOOLEAN is 16 bits; the rest of the slot is Reserved ([MS-OXMSG] 2.4.2.1.1).
    it('reads one byte for PT_BOOLEAN', () => {
      expect(fixedSize(PropertyType.PT_BOOLEAN)).toBe(1);
    });

    // [MS-OXMSG] 2.1.3 streams PtypGuid "because the values have a large size".
    it('is undefined for streamed types, including the 16-byte PT_CLSID', () => {
      expect(fixedSize(PropertyType.PT_UNICODE)).toBeUndefined();
      expect(fixedSize(PropertyType.PT_BINARY)).toBeUndefined();
      expect(fixedSize(PropertyType.PT_CLSID)).toBeUndefined();
      expect(fixedSize(PropertyType.PT_OBJECT)).toBeUndefined();
      expect(fixedSize(PropertyType.PT_MV_LONG)).toBeUndefined();
      expect(fixedSize(0x1234)).toBeUndefined();
    });
  });
});

describe('property-tags', () => {
  describe('propertyTagName()', () => {
    it('names message properties by their [MS-OXPROPS] IDs', () => {
      expect(propertyTagName(0x0037)).toBe('PidTagSubject'); // 2.1027
      expect(propertyTagName(0x1000)).toBe('PidTagBody'); // 2.612
      expect(propertyTagName(0x1009)).toBe('PidTagRtfCompressed');
      expect(propertyTagName(0x0c1a)).toBe('PidTagSenderName'); // 2.1005
      expect(propertyTagName(0x5d01)).toBe('PidTagSenderSmtpAddress'); // 2.1000 per [MS-OXOMSG] 2.2.1.53
      expect(propertyTagName(0x5d02)).toBe('PidTagSentRepresentingSmtpAddress'); // 2.1019
      expect(propertyTagName(0x007d)).toBe('PidTagTransportMessageHeaders');
      expect(propertyTagName(0x3ff8)).toBe('PidTagCreatorName'); // 2.657
      expect(propertyTagName(0x1046)).toBe('PidTagOriginalMessageId'); // 2.832
      expect(propertyTagName(0x10f3)).toBe('PidTagUrlComponentName');
    });

    it('tells apart names that share an ID by type', () => {
      expect(propertyTagName(0x3701, PropertyType.PT_BINARY)).toBe('PidTagAttachDataBinary');
      expect(propertyTagName(0x3701, PropertyType.PT_OBJECT)).toBe('PidTagAttachDataObject');
      expect(propertyTagName(0x1013, PropertyType.PT_BINARY)).toBe('PidTagHtml');
      expect(propertyTagName(0x1013, PropertyType.PT_UNICODE)).toBe('PidTagBodyHtml');
      expect(propertyTagName(0x0e08, PropertyType.PT_LONG)).toBe('PidTagMessageSize');
      expect(propertyTagName(0x0e08, PropertyType.PT_I8)).toBe('PidTagMessageSizeExtended');
    });

    // A non-Unicode .msg stores every string as PT_STRING8; the name must not change with it.
    it('treats PT_STRING8 as the PT_UNICODE property', () => {
      expect(propertyTagName(0x0037, PropertyType.PT_STRING8)).toBe('PidTagSubject');
      expect(propertyTagName(0x1013, PropertyType.PT_STRING8)).toBe('PidTagBodyHtml');
      // 0x6802 is PidTagSenderTelephoneNumber on voice mail (2.1008) and an 8-bit OAB property
      // elsewhere; a message viewer wants the first.
      expect(propertyTagName(0x6802, PropertyType.PT_STRING8)).toBe('PidTagSenderTelephoneNumber');
    });

    it('prefers the Unified Messaging name on IDs the offline address book reuses', () => {
      expect(propertyTagName(0x6801)).toBe('PidTagVoiceMessageDuration'); // 2.1061
      expect(propertyTagNames(0x6801)).toEqual([
        'PidTagVoiceMessageDuration',
        'PidTagOfflineAddressBookSequence',
      ]);
    });

    // Writers do not always use the spec's type; a known ID should still be named.
    it('falls back to the preferred name when no entry has the stored type', () => {
      expect(propertyTagName(0x0037, PropertyType.PT_BINARY)).toBe('PidTagSubject');
    });

    it('returns undefined for unknown and named-property IDs', () => {
      expect(propertyTagName(0x0e4b)).toBeUndefined();
      expect(propertyTagName(0x8005)).toBeUndefined();
      expect(propertyTagNames(0x0e4b)).toEqual([]);
    });

    // Outlook writes these but [MS-OXPROPS] does not define them, so they get no canonical name.
    it('does not name the undocumented SMTP alternates', () => {
      expect(propertyTagName(Tag.PidTagSenderSmtpAddressAlternate)).toBeUndefined();
      expect(propertyTagName(Tag.PidTagSentRepresentingSmtpAddressAlternate)).toBeUndefined();
    });
  });

  describe('PROPERTY_NAMES', () => {
    it('maps each ID to its preferred name', () => {
      expect(PROPERTY_NAMES.get(0x3701)).toBe('PidTagAttachDataBinary');
      expect(PROPERTY_NAMES.get(0x3001)).toBe('PidTagDisplayName');
      expect(PROPERTY_NAMES.size).toBeGreaterThan(500);
    });
  });

  describe('TAGGED_PROPERTIES', () => {
    it('lists only tagged IDs (0x0001–0x7FFF)', () => {
      for (const [id] of TAGGED_PROPERTIES) {
        expect(id).toBeGreaterThanOrEqual(0x0001);
        expect(id).toBeLessThanOrEqual(0x7fff);
      }
    });

    // Canonical names are unique in [MS-OXPROPS]; a repeated name means a copy-paste slip.
    it('gives no two rows the same canonical name', () => {
      const names = TAGGED_PROPERTIES.map(([, name]) => name);
      expect(new Set(names).size).toBe(names.length);
    });

    it('names everything PidTag…', () => {
      for (const [, name] of TAGGED_PROPERTIES) expect(name).toMatch(/^PidTag[A-Z0-9]/);
    });
  });

  describe('Tag', () => {
    it('holds spec IDs for the properties the parser reads', () => {
      expect(Tag.PidTagSubject).toBe(0x0037);
      expect(Tag.PidTagMessageClass).toBe(0x001a);
      expect(Tag.PidTagAttachDataObject).toBe(0x3701);
      expect(Tag.PidTagRecipientType).toBe(0x0c15);
    });

    // The Tag object and the name table are typed separately; this keeps them from drifting.
    it('agrees with the name table for every documented key', () => {
      const drifted = (Object.entries(Tag) as [TagName, number][])
        .filter(([name]) => !UNDOCUMENTED_TAG_NAMES.has(name))
        .filter(([name, id]) => !propertyTagNames(id).includes(name))
        .map(([name]) => name);
      expect(drifted).toEqual([]);
    });

    it('marks only IDs that the table does not name as undocumented', () => {
      const named = [...UNDOCUMENTED_TAG_NAMES].filter(
        (name) => propertyTagNames(Tag[name]).length,
      );
      expect(named).toEqual([]);
    });
  });
});

describe('named-properties', () => {
  describe('propertySetName()', () => {
    // [MS-OXPROPS] 1.3.2 prints GUIDs upper-case in braces; the nameid stream yields raw bytes
    // that callers may format either way.
    it('recognises set GUIDs in any case, with or without braces', () => {
      expect(propertySetName('00062002-0000-0000-C000-000000000046')).toBe('PSETID_Appointment');
      expect(propertySetName('{00062008-0000-0000-C000-000000000046}')).toBe('PSETID_Common');
      expect(propertySetName('6ED8DA90-450B-101B-98DA-00AA003F1305')).toBe('PSETID_Meeting');
      expect(propertySetName('00020329-0000-0000-c000-000000000046')).toBe('PS_PUBLIC_STRINGS');
      expect(propertySetName('00020386-0000-0000-C000-000000000046')).toBe('PS_INTERNET_HEADERS');
      expect(propertySetName('71035549-0739-4DCB-9163-00F0580DBBDF')).toBe('PSETID_AirSync');
      expect(propertySetName('4442858E-A9E3-4E80-B900-317A210CC15B')).toBe(
        'PSETID_UnifiedMessaging',
      );
      expect(propertySetName('00062040-0000-0000-C000-000000000046')).toBe('PSETID_Sharing');
      expect(propertySetName('00062041-0000-0000-C000-000000000046')).toBe('PSETID_PostRss');
    });

    it('returns undefined for an unknown GUID', () => {
      expect(propertySetName('01234567-89ab-cdef-0123-456789abcdef')).toBeUndefined();
      expect(propertySetName('not a guid')).toBeUndefined();
    });

    it('normalises without changing the digits', () => {
      expect(normalizeGuid(' {0006200A-0000-0000-C000-000000000046} ')).toBe(
        PropertySet.PSETID_Log,
      );
    });
  });

  describe('namedPropertyCanonicalName()', () => {
    it('resolves LIDs within their set', () => {
      const appointment = PropertySet.PSETID_Appointment;
      expect(namedPropertyCanonicalName(appointment, { lid: 0x820d })).toBe(
        'PidLidAppointmentStartWhole', // 2.29
      );
      expect(namedPropertyCanonicalName(appointment, { lid: 0x8208 })).toBe('PidLidLocation'); // 2.159
      expect(namedPropertyCanonicalName(appointment, { lid: 0x8215 })).toBe(
        'PidLidAppointmentSubType', // 2.31
      );
      expect(
        namedPropertyCanonicalName('6ED8DA90-450B-101B-98DA-00AA003F1305', { lid: 0x0003 }),
      ).toBe('PidLidGlobalObjectId'); // 2.142
      expect(namedPropertyCanonicalName(PropertySet.PSETID_Common, { lid: 0x8560 })).toBe(
        'PidLidReminderSignalTime', // 2.223
      );
      expect(namedPropertyCanonicalName(PropertySet.PSETID_Task, { lid: 0x8102 })).toBe(
        'PidLidPercentComplete', // 2.202
      );
      expect(namedPropertyCanonicalName(PropertySet.PSETID_Note, { lid: 0x8b00 })).toBe(
        'PidLidNoteColor', // 2.183
      );
      expect(namedPropertyCanonicalName(PropertySet.PSETID_Log, { lid: 0x8700 })).toBe(
        'PidLidLogType', // 2.168
      );
      expect(namedPropertyCanonicalName(PropertySet.PS_PUBLIC_STRINGS, { lid: 0x9000 })).toBe(
        'PidLidCategories', // 2.49
      );
    });

    // 0x8045 is PidLidWorkAddressStreet (2.361) in PSETID_Address and PidLidPromptSendUpdate
    // (2.212) in PSETID_Common: a LID means nothing without its set.
    it('keeps LIDs apart by set', () => {
      expect(namedPropertyCanonicalName(PropertySet.PSETID_Address, { lid: 0x8045 })).toBe(
        'PidLidWorkAddressStreet',
      );
      expect(namedPropertyCanonicalName(PropertySet.PSETID_Common, { lid: 0x8045 })).toBe(
        'PidLidPromptSendUpdate',
      );
    });

    it('resolves string names', () => {
      expect(namedPropertyCanonicalName(PropertySet.PS_PUBLIC_STRINGS, { name: 'Keywords' })).toBe(
        'PidNameKeywords',
      ); // 2.451
      expect(
        namedPropertyCanonicalName(PropertySet.PSETID_Attachment, {
          name: 'AttachmentProviderType',
        }),
      ).toBe('PidNameAttachmentProviderType'); // 2.372
    });

    // The spec writes "Content-Class"; Outlook writes "content-class".
    it('compares PS_INTERNET_HEADERS names case-insensitively, and only those', () => {
      const headers = PropertySet.PS_INTERNET_HEADERS;
      expect(namedPropertyCanonicalName(headers, { name: 'content-class' })).toBe(
        'PidNameContentClass', // 2.413
      );
      expect(namedPropertyCanonicalName(headers, { name: 'Content-Class' })).toBe(
        'PidNameContentClass',
      );
      expect(namedPropertyCanonicalName(PropertySet.PS_PUBLIC_STRINGS, { name: 'keywords' })).toBe(
        undefined,
      );
    });

    // A PS_MAPI name is a tagged property seen through the named-property interface.
    it('resolves PS_MAPI LIDs through the tag table', () => {
      expect(namedPropertyCanonicalName(PropertySet.PS_MAPI, { lid: 0x0037 })).toBe(
        'PidTagSubject',
      );
    });

    it('returns undefined for unknown sets, LIDs and names', () => {
      expect(
        namedPropertyCanonicalName('01234567-89ab-cdef-0123-456789abcdef', { lid: 0x820d }),
      ).toBeUndefined();
      expect(
        namedPropertyCanonicalName(PropertySet.PSETID_Appointment, { lid: 0x8fff }),
      ).toBeUndefined();
      expect(
        namedPropertyCanonicalName(PropertySet.PS_INTERNET_HEADERS, { name: 'X-Mailer' }),
      ).toBeUndefined();
      // PSETID_AirSync is a known set with no names in our tables.
      expect(namedPropertyCanonicalName(PropertySet.PSETID_AirSync, { lid: 0x8000 })).toBe(
        undefined,
      );
    });
  });

  describe('namedPropertyKey()', () => {
    it('finds the set and LID or name of a canonical name', () => {
      expect(namedPropertyKey('PidLidAppointmentStartWhole')).toEqual({
        set: PropertySet.PSETID_Appointment,
        lid: 0x820d,
      });
      expect(namedPropertyKey('PidNameKeywords')).toEqual({
        set: PropertySet.PS_PUBLIC_STRINGS,
        name: 'Keywords',
      });
      expect(namedPropertyKey('PidLidNoSuchThing')).toBeUndefined();
    });
  });

  describe('tables', () => {
    // PidLid and PidName names are unique across all of [MS-OXPROPS], whatever the set.
    it('gives no two rows the same canonical name', () => {
      const names = [
        ...[...NAMED_PROPERTIES_BY_LID.values()].flatMap((table) => [...table.values()]),
        ...[...NAMED_PROPERTIES_BY_NAME.values()].flatMap((table) => [...table.values()]),
      ];
      expect(new Set(names).size).toBe(names.length);
    });

    it('prefixes LID names PidLid and string names PidName', () => {
      for (const table of NAMED_PROPERTIES_BY_LID.values()) {
        for (const name of table.values()) expect(name).toMatch(/^PidLid[A-Z]/);
      }
      for (const table of NAMED_PROPERTIES_BY_NAME.values()) {
        for (const name of table.values()) expect(name).toMatch(/^PidName[A-Z]/);
      }
    });

    it('covers the spec', () => {
      const lidCount = [...NAMED_PROPERTIES_BY_LID.values()].reduce((n, t) => n + t.size, 0);
      const nameCount = [...NAMED_PROPERTIES_BY_NAME.values()].reduce((n, t) => n + t.size, 0);
      // [MS-OXPROPS] 2.1–2.365 are PidLid; 2.366–2.504 PidName, one of which (2.457) shares its
      // string name with 2.394.
      expect(lidCount).toBeGreaterThanOrEqual(365);
      expect(nameCount).toBe(138);
    });
  });
});
