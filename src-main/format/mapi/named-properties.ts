/**
 * Canonical names of named MAPI properties: property set GUIDs and the PidLid (numeric, "LID")
 * and PidName (string) names defined in them.
 *
 * The tables are [MS-OXPROPS] section 2 ("Properties") 2.1–2.365 (PidLid) and 2.366–2.504
 * (PidName); the section is in the comment of each row. A few PidLid rows come from the Outlook
 * MAPI reference ("PidLid… Canonical Property" pages) where the protocol spec has no entry, and
 * are marked so. The set GUIDs are [MS-OXPROPS] 1.3.2 "Commonly Used Property Sets", plus
 * PSETID_Report and PSETID_Remote from the Outlook MAPI reference "Commonly Used Property Sets".
 *
 * This module only names things. Reading `__nameid_version1.0` ([MS-OXMSG] 2.2.3) is elsewhere;
 * that parser hands each entry's GUID and LID or string name to {@link namedPropertyCanonicalName}.
 * @see https://learn.microsoft.com/en-us/openspecs/exchange_server_protocols/ms-oxprops/cc9d955b-1492-47de-9dce-5bdea80a3323
 */

import { propertyTagName } from './property-tags.js';

/** Property set GUIDs, in the lowercase canonical form {@link normalizeGuid} produces. */
export const PropertySet = {
  /** Names whose LID is the ID of a tagged property (MAPI's MNID_ID into the tagged range). */
  PS_MAPI: '00020328-0000-0000-c000-000000000046',
  PS_PUBLIC_STRINGS: '00020329-0000-0000-c000-000000000046',
  /** Internet message headers kept as string-named properties; names compare case-insensitively. */
  PS_INTERNET_HEADERS: '00020386-0000-0000-c000-000000000046',
  PSETID_Appointment: '00062002-0000-0000-c000-000000000046',
  PSETID_Task: '00062003-0000-0000-c000-000000000046',
  PSETID_Address: '00062004-0000-0000-c000-000000000046',
  PSETID_Common: '00062008-0000-0000-c000-000000000046',
  PSETID_Log: '0006200a-0000-0000-c000-000000000046',
  PSETID_Note: '0006200e-0000-0000-c000-000000000046',
  PSETID_Report: '00062013-0000-0000-c000-000000000046',
  PSETID_Remote: '00062014-0000-0000-c000-000000000046',
  PSETID_Sharing: '00062040-0000-0000-c000-000000000046',
  PSETID_PostRss: '00062041-0000-0000-c000-000000000046',
  PSETID_Meeting: '6ed8da90-450b-101b-98da-00aa003f1305',
  PSETID_Messaging: '41f28f13-83f4-4114-a584-eedb5a6b0bff',
  PSETID_UnifiedMessaging: '4442858e-a9e3-4e80-b900-317a210cc15b',
  PSETID_AirSync: '71035549-0739-4dcb-9163-00f0580dbbdf',
  PSETID_CalendarAssistant: '11000e07-b51b-40d6-af21-caa85edab1d0',
  PSETID_XmlExtractedEntities: '23239608-685d-4732-9c55-4c95cb4e8e33',
  PSETID_Attachment: '96357f7f-59e1-47d0-99a7-46515c183b54',
} as const;

export type PropertySetName = keyof typeof PropertySet;

/** How a named property is identified inside its set ([MS-OXCDATA] 2.6.1 PropertyName). */
export type NamedPropertyId = { lid: number } | { name: string };

const SET_NAME_BY_GUID: ReadonlyMap<string, PropertySetName> = new Map(
  (Object.keys(PropertySet) as PropertySetName[]).map((name) => [PropertySet[name], name] as const),
);

/**
 * The lowercase canonical form of a GUID string: surrounding braces and blanks removed, hex digits
 * lowercased. Callers may pass what a GUID formatter or a spec table prints ("{00062002-…-C000…}").
 */
export function normalizeGuid(guid: string): string {
  const trimmed = guid.trim();
  const unbraced =
    trimmed.startsWith('{') && trimmed.endsWith('}') ? trimmed.slice(1, -1).trim() : trimmed;
  return unbraced.toLowerCase();
}

/** The spec name of a property set ('PSETID_Appointment'), or undefined for an unknown GUID. */
export function propertySetName(guid: string): PropertySetName | undefined {
  return SET_NAME_BY_GUID.get(normalizeGuid(guid));
}

type LidRow = readonly [lid: number, canonicalName: string];
type StringNameRow = readonly [propertyName: string, canonicalName: string];

// [MS-OXPROPS] 2.1–2.365, grouped by property set and sorted by LID. A LID means something only
// together with its set: 0x8045 is PidLidWorkAddressStreet in PSETID_Address and
// PidLidPromptSendUpdate in PSETID_Common.
const LID_TABLES: readonly (readonly [PropertySetName, readonly LidRow[]])[] = [
  [
    'PSETID_Common',
    [
      [0x1000, 'PidLidDayOfMonth'], // 2.91
      [0x1001, 'PidLidICalendarDayOfWeekMask'], // 2.147
      [0x1005, 'PidLidOccurrences'], // 2.188
      [0x1006, 'PidLidMonthOfYear'], // 2.173
      [0x100b, 'PidLidNoEndDateFlag'], // 2.176
      [0x100d, 'PidLidRecurrenceDuration'], // 2.213
      [0x8045, 'PidLidPromptSendUpdate'], // 2.212
      [0x8501, 'PidLidReminderDelta'], // 2.218
      [0x8502, 'PidLidReminderTime'], // 2.224
      [0x8503, 'PidLidReminderSet'], // 2.222
      [0x8504, 'PidLidReminderTimeTime'], // 2.226
      [0x8505, 'PidLidReminderTimeDate'], // 2.225
      [0x8506, 'PidLidPrivate'], // 2.211
      [0x850e, 'PidLidAgingDontAgeMe'], // 2.4
      [0x8510, 'PidLidSideEffects'], // 2.299
      [0x8511, 'PidLidRemoteStatus'], // 2.228
      [0x8513, 'PidLidPageDirStream'], // Outlook MAPI reference
      [0x8514, 'PidLidSmartNoAttach'], // 2.301
      [0x8516, 'PidLidCommonStart'], // 2.63
      [0x8517, 'PidLidCommonEnd'], // 2.62
      [0x8518, 'PidLidTaskMode'], // 2.324
      [0x8519, 'PidLidTaskGlobalId'], // 2.319
      [0x851a, 'PidLidAutoProcessState'], // 2.40
      [0x851b, 'PidLidFormPropStream'], // Outlook MAPI reference
      [0x851c, 'PidLidReminderOverride'], // 2.220
      [0x851d, 'PidLidReminderType'], // 2.227
      [0x851e, 'PidLidReminderPlaySound'], // 2.221
      [0x851f, 'PidLidReminderFileParameter'], // 2.219
      [0x8520, 'PidLidVerbStream'], // 2.350
      [0x8524, 'PidLidVerbResponse'], // 2.349
      [0x8530, 'PidLidFlagRequest'], // 2.136
      [0x8535, 'PidLidBilling'], // 2.42
      [0x8536, 'PidLidNonSendableTo'], // 2.179
      [0x8537, 'PidLidNonSendableCc'], // 2.178
      [0x8538, 'PidLidNonSendableBcc'], // 2.177
      [0x8539, 'PidLidCompanies'], // 2.64
      [0x853a, 'PidLidContacts'], // 2.77
      [0x8540, 'PidLidPropertyDefinitionStream'], // Outlook MAPI reference
      [0x8543, 'PidLidNonSendToTrackStatus'], // 2.182
      [0x8544, 'PidLidNonSendCcTrackStatus'], // 2.181
      [0x8545, 'PidLidNonSendBccTrackStatus'], // 2.180
      [0x8549, 'PidLidRecallTime'], // Outlook MAPI reference
      [0x8552, 'PidLidCurrentVersion'], // 2.88
      [0x8554, 'PidLidCurrentVersionName'], // 2.89
      [0x8560, 'PidLidReminderSignalTime'], // 2.223
      [0x8570, 'PidLidImapDeleted'], // Outlook MAPI reference
      [0x8578, 'PidLidHeaderItem'], // Outlook MAPI reference
      [0x8580, 'PidLidInternetAccountName'], // 2.152
      [0x8581, 'PidLidInternetAccountStamp'], // 2.153
      [0x8582, 'PidLidUseTnef'], // 2.347
      [0x8584, 'PidLidContactLinkSearchKey'], // 2.75
      [0x8585, 'PidLidContactLinkEntry'], // 2.70
      [0x8586, 'PidLidContactLinkName'], // 2.74
      [0x8593, 'PidLidImageAttachmentsCompressionLevel'], // Outlook MAPI reference
      [0x859b, 'PidLidIsInterpersonalFax'], // Outlook MAPI reference
      [0x859c, 'PidLidSpamOriginalFolder'], // 2.302
      [0x85a0, 'PidLidToDoOrdinalDate'], // 2.344
      [0x85a1, 'PidLidToDoSubOrdinal'], // 2.345
      [0x85a4, 'PidLidToDoTitle'], // 2.346
      [0x85a5, 'PidLidFShouldTNEF'], // Outlook MAPI reference
      [0x85b1, 'PidLidInfoPathFormName'], // 2.149
      [0x85b5, 'PidLidClassified'], // 2.56
      [0x85b6, 'PidLidClassification'], // 2.52
      [0x85b7, 'PidLidClassificationDescription'], // 2.53
      [0x85b8, 'PidLidClassificationGuid'], // 2.54
      [0x85b9, 'PidLidOfflineStatus'], // Outlook MAPI reference
      [0x85ba, 'PidLidClassificationKeep'], // 2.55
      [0x85bd, 'PidLidReferenceEntryId'], // 2.217
      [0x85bf, 'PidLidValidFlagStringProof'], // 2.348
      [0x85c0, 'PidLidFlagString'], // 2.137
      [0x85c6, 'PidLidConversationActionMoveFolderEid'], // 2.84
      [0x85c7, 'PidLidConversationActionMoveStoreEid'], // 2.85
      [0x85c8, 'PidLidConversationActionMaxDeliveryTime'], // 2.83
      [0x85c9, 'PidLidConversationProcessed'], // 2.87
      [0x85ca, 'PidLidConversationActionLastAppliedTime'], // 2.82
      [0x85cb, 'PidLidConversationActionVersion'], // 2.86
      [0x85e0, 'PidLidPendingStateForSiteMailboxDocument'], // 2.201
    ],
  ],
  [
    'PSETID_Address',
    [
      [0x8005, 'PidLidFileUnder'], // 2.132
      [0x8006, 'PidLidFileUnderId'], // 2.133
      [0x8007, 'PidLidContactItemData'], // 2.68
      [0x8010, 'PidLidDepartment'], // 2.93
      [0x8015, 'PidLidHasPicture'], // 2.143
      [0x801a, 'PidLidHomeAddress'], // 2.144
      [0x801b, 'PidLidWorkAddress'], // 2.354
      [0x801c, 'PidLidOtherAddress'], // 2.197
      [0x8022, 'PidLidPostalAddressId'], // 2.203
      [0x8023, 'PidLidContactCharacterSet'], // 2.67
      [0x8025, 'PidLidAutoLog'], // 2.39
      [0x8026, 'PidLidFileUnderList'], // 2.134
      [0x8028, 'PidLidAddressBookProviderEmailList'], // 2.2
      [0x8029, 'PidLidAddressBookProviderArrayType'], // 2.1
      [0x802b, 'PidLidHtml'], // 2.146
      [0x802c, 'PidLidYomiFirstName'], // 2.364
      [0x802d, 'PidLidYomiLastName'], // 2.365
      [0x802e, 'PidLidYomiCompanyName'], // 2.363
      [0x8040, 'PidLidBusinessCardDisplayDefinition'], // 2.46
      [0x8041, 'PidLidBusinessCardCardPicture'], // 2.45
      [0x8045, 'PidLidWorkAddressStreet'], // 2.361
      [0x8046, 'PidLidWorkAddressCity'], // 2.355
      [0x8047, 'PidLidWorkAddressState'], // 2.360
      [0x8048, 'PidLidWorkAddressPostalCode'], // 2.358
      [0x8049, 'PidLidWorkAddressCountry'], // 2.356
      [0x804a, 'PidLidWorkAddressPostOfficeBox'], // 2.359
      [0x804c, 'PidLidDistributionListChecksum'], // 2.95
      [0x804d, 'PidLidBirthdayEventEntryId'], // 2.43
      [0x804e, 'PidLidAnniversaryEventEntryId'], // 2.7
      [0x804f, 'PidLidContactUserField1'], // 2.78
      [0x8050, 'PidLidContactUserField2'], // 2.79
      [0x8051, 'PidLidContactUserField3'], // 2.80
      [0x8052, 'PidLidContactUserField4'], // 2.81
      [0x8053, 'PidLidDistributionListName'], // 2.97
      [0x8054, 'PidLidDistributionListOneOffMembers'], // 2.98
      [0x8055, 'PidLidDistributionListMembers'], // 2.96
      [0x8062, 'PidLidInstantMessagingAddress'], // 2.150
      [0x8064, 'PidLidDistributionListStream'], // 2.99
      [0x8080, 'PidLidEmail1DisplayName'], // 2.101
      [0x8082, 'PidLidEmail1AddressType'], // 2.100
      [0x8083, 'PidLidEmail1EmailAddress'], // 2.102
      [0x8084, 'PidLidEmail1OriginalDisplayName'], // 2.103
      [0x8085, 'PidLidEmail1OriginalEntryId'], // 2.104
      [0x8090, 'PidLidEmail2DisplayName'], // 2.106
      [0x8092, 'PidLidEmail2AddressType'], // 2.105
      [0x8093, 'PidLidEmail2EmailAddress'], // 2.107
      [0x8094, 'PidLidEmail2OriginalDisplayName'], // 2.108
      [0x8095, 'PidLidEmail2OriginalEntryId'], // 2.109
      [0x80a0, 'PidLidEmail3DisplayName'], // 2.111
      [0x80a2, 'PidLidEmail3AddressType'], // 2.110
      [0x80a3, 'PidLidEmail3EmailAddress'], // 2.112
      [0x80a4, 'PidLidEmail3OriginalDisplayName'], // 2.113
      [0x80a5, 'PidLidEmail3OriginalEntryId'], // 2.114
      [0x80b2, 'PidLidFax1AddressType'], // 2.118
      [0x80b3, 'PidLidFax1EmailAddress'], // 2.119
      [0x80b4, 'PidLidFax1OriginalDisplayName'], // 2.120
      [0x80b5, 'PidLidFax1OriginalEntryId'], // 2.121
      [0x80c2, 'PidLidFax2AddressType'], // 2.122
      [0x80c3, 'PidLidFax2EmailAddress'], // 2.123
      [0x80c4, 'PidLidFax2OriginalDisplayName'], // 2.124
      [0x80c5, 'PidLidFax2OriginalEntryId'], // 2.125
      [0x80d2, 'PidLidFax3AddressType'], // 2.126
      [0x80d3, 'PidLidFax3EmailAddress'], // 2.127
      [0x80d4, 'PidLidFax3OriginalDisplayName'], // 2.128
      [0x80d5, 'PidLidFax3OriginalEntryId'], // 2.129
      [0x80d8, 'PidLidFreeBusyLocation'], // 2.141
      [0x80d9, 'PidLidUserX509Certificate'], // Outlook MAPI reference
      [0x80da, 'PidLidHomeAddressCountryCode'], // 2.145
      [0x80db, 'PidLidWorkAddressCountryCode'], // 2.357
      [0x80dc, 'PidLidOtherAddressCountryCode'], // 2.198
      [0x80dd, 'PidLidAddressCountryCode'], // 2.3
      [0x80de, 'PidLidBirthdayLocal'], // 2.44
      [0x80df, 'PidLidWeddingAnniversaryLocal'], // 2.351
      [0x80e0, 'PidLidIsContactLinked'], // 2.154
      [0x80e2, 'PidLidContactLinkedGlobalAddressListEntryId'], // 2.69
      [0x80e3, 'PidLidContactLinkSMTPAddressCache'], // 2.76
      [0x80e5, 'PidLidContactLinkLinkRejectHistory'], // 2.73
      [0x80e6, 'PidLidContactLinkGlobalAddressListLinkState'], // 2.72
      [0x80e8, 'PidLidContactLinkGlobalAddressListLinkId'], // 2.71
    ],
  ],
  [
    'PSETID_Appointment',
    [
      [0x8201, 'PidLidAppointmentSequence'], // 2.25
      [0x8202, 'PidLidAppointmentSequenceTime'], // 2.26
      [0x8203, 'PidLidAppointmentLastSequence'], // 2.15
      [0x8204, 'PidLidChangeHighlight'], // 2.51
      [0x8205, 'PidLidBusyStatus'], // 2.47
      [0x8206, 'PidLidFExceptionalBody'], // 2.131
      [0x8207, 'PidLidAppointmentAuxiliaryFlags'], // 2.8
      [0x8208, 'PidLidLocation'], // 2.159
      [0x8209, 'PidLidMeetingWorkspaceUrl'], // 2.171
      [0x820a, 'PidLidForwardInstance'], // 2.138
      [0x820c, 'PidLidLinkedTaskItems'], // 2.158
      [0x820d, 'PidLidAppointmentStartWhole'], // 2.29
      [0x820e, 'PidLidAppointmentEndWhole'], // 2.14
      [0x820f, 'PidLidAppointmentStartTime'], // 2.28
      [0x8210, 'PidLidAppointmentEndTime'], // 2.13
      [0x8211, 'PidLidAppointmentEndDate'], // 2.12
      [0x8212, 'PidLidAppointmentStartDate'], // 2.27
      [0x8213, 'PidLidAppointmentDuration'], // 2.11
      [0x8214, 'PidLidAppointmentColor'], // 2.9
      [0x8215, 'PidLidAppointmentSubType'], // 2.31
      [0x8216, 'PidLidAppointmentRecur'], // 2.22
      [0x8217, 'PidLidAppointmentStateFlags'], // 2.30
      [0x8218, 'PidLidResponseStatus'], // 2.231
      [0x8220, 'PidLidAppointmentReplyTime'], // 2.24
      [0x8223, 'PidLidRecurring'], // 2.216
      [0x8224, 'PidLidIntendedBusyStatus'], // 2.151
      [0x8226, 'PidLidAppointmentUpdateTime'], // 2.36
      [0x8228, 'PidLidExceptionReplaceTime'], // 2.117
      [0x8229, 'PidLidFInvited'], // 2.135
      [0x822b, 'PidLidFExceptionalAttendees'], // 2.130
      [0x822e, 'PidLidOwnerName'], // 2.200
      [0x822f, 'PidLidFOthersAppointment'], // 2.140
      [0x8230, 'PidLidAppointmentReplyName'], // 2.23
      [0x8231, 'PidLidRecurrenceType'], // 2.215
      [0x8232, 'PidLidRecurrencePattern'], // 2.214
      [0x8233, 'PidLidTimeZoneStruct'], // 2.342
      [0x8234, 'PidLidTimeZoneDescription'], // 2.341
      [0x8235, 'PidLidClipStart'], // 2.60
      [0x8236, 'PidLidClipEnd'], // 2.59
      [0x8237, 'PidLidOriginalStoreEntryId'], // 2.196
      [0x8238, 'PidLidAllAttendeesString'], // 2.5
      [0x823a, 'PidLidAutoFillLocation'], // 2.38
      [0x823b, 'PidLidToAttendeesString'], // 2.343
      [0x823c, 'PidLidCcAttendeesString'], // 2.50
      [0x8240, 'PidLidConferencingCheck'], // 2.65
      [0x8241, 'PidLidConferencingType'], // 2.66
      [0x8242, 'PidLidDirectory'], // 2.94
      [0x8243, 'PidLidOrganizerAlias'], // 2.195
      [0x8244, 'PidLidAutoStartCheck'], // 2.41
      [0x8246, 'PidLidAllowExternalCheck'], // 2.6
      [0x8247, 'PidLidCollaborateDoc'], // 2.61
      [0x8248, 'PidLidNetShowUrl'], // 2.175
      [0x8249, 'PidLidOnlinePassword'], // 2.193
      [0x8250, 'PidLidAppointmentProposedStartWhole'], // 2.21
      [0x8251, 'PidLidAppointmentProposedEndWhole'], // 2.20
      [0x8256, 'PidLidAppointmentProposedDuration'], // 2.19
      [0x8257, 'PidLidAppointmentCounterProposal'], // 2.10
      [0x8259, 'PidLidAppointmentProposalNumber'], // 2.18
      [0x825a, 'PidLidAppointmentNotAllowPropose'], // 2.17
      [0x825d, 'PidLidAppointmentUnsendableRecipients'], // 2.35
      [0x825e, 'PidLidAppointmentTimeZoneDefinitionStartDisplay'], // 2.34
      [0x825f, 'PidLidAppointmentTimeZoneDefinitionEndDisplay'], // 2.32
      [0x8260, 'PidLidAppointmentTimeZoneDefinitionRecur'], // 2.33
      [0x8261, 'PidLidForwardNotificationRecipients'], // 2.139
      [0x827a, 'PidLidInboundICalStream'], // 2.148
      [0x827b, 'PidLidSingleBodyICal'], // 2.300
    ],
  ],
  [
    'PSETID_Meeting',
    [
      [0x0001, 'PidLidAttendeeCriticalChange'], // 2.37
      [0x0002, 'PidLidWhere'], // 2.353
      [0x0003, 'PidLidGlobalObjectId'], // 2.142
      [0x0004, 'PidLidIsSilent'], // 2.157
      [0x0005, 'PidLidIsRecurring'], // 2.156
      [0x0006, 'PidLidRequiredAttendees'], // 2.229
      [0x0007, 'PidLidOptionalAttendees'], // 2.194
      [0x0008, 'PidLidResourceAttendees'], // 2.230
      [0x0009, 'PidLidDelegateMail'], // 2.92
      [0x000a, 'PidLidIsException'], // 2.155
      [0x000c, 'PidLidTimeZone'], // 2.340
      [0x000d, 'PidLidStartRecurrenceDate'], // 2.303
      [0x000e, 'PidLidStartRecurrenceTime'], // 2.304
      [0x000f, 'PidLidEndRecurrenceDate'], // 2.115
      [0x0010, 'PidLidEndRecurrenceTime'], // 2.116
      [0x0011, 'PidLidDayInterval'], // 2.90
      [0x0012, 'PidLidWeekInterval'], // 2.352
      [0x0013, 'PidLidMonthInterval'], // 2.172
      [0x0014, 'PidLidYearInterval'], // 2.362
      [0x0017, 'PidLidMonthOfYearMask'], // 2.174
      [0x0018, 'PidLidOldRecurrenceType'], // 2.190
      [0x001a, 'PidLidOwnerCriticalChange'], // 2.199
      [0x001c, 'PidLidCalendarType'], // 2.48
      [0x0023, 'PidLidCleanGlobalObjectId'], // 2.57
      [0x0024, 'PidLidAppointmentMessageClass'], // 2.16
      [0x0026, 'PidLidMeetingType'], // 2.170
      [0x0028, 'PidLidOldLocation'], // 2.189
      [0x0029, 'PidLidOldWhenStartWhole'], // 2.192
      [0x002a, 'PidLidOldWhenEndWhole'], // 2.191
    ],
  ],
  [
    'PSETID_Task',
    [
      [0x8101, 'PidLidTaskStatus'], // 2.335
      [0x8102, 'PidLidPercentComplete'], // 2.202
      [0x8103, 'PidLidTeamTask'], // 2.339
      [0x8104, 'PidLidTaskStartDate'], // 2.333
      [0x8105, 'PidLidTaskDueDate'], // 2.314
      [0x8107, 'PidLidTaskResetReminder'], // 2.331
      [0x8108, 'PidLidTaskAccepted'], // 2.306
      [0x8109, 'PidLidTaskDeadOccurrence'], // 2.313
      [0x810f, 'PidLidTaskDateCompleted'], // 2.312
      [0x8110, 'PidLidTaskActualEffort'], // 2.307
      [0x8111, 'PidLidTaskEstimatedEffort'], // 2.315
      [0x8112, 'PidLidTaskVersion'], // 2.338
      [0x8113, 'PidLidTaskState'], // 2.334
      [0x8115, 'PidLidTaskLastUpdate'], // 2.322
      [0x8116, 'PidLidTaskRecurrence'], // 2.330
      [0x8117, 'PidLidTaskAssigners'], // 2.309
      [0x8119, 'PidLidTaskStatusOnComplete'], // 2.336
      [0x811a, 'PidLidTaskHistory'], // 2.320
      [0x811b, 'PidLidTaskUpdates'], // 2.337
      [0x811c, 'PidLidTaskComplete'], // 2.310
      [0x811e, 'PidLidTaskFCreator'], // 2.316
      [0x811f, 'PidLidTaskOwner'], // 2.328
      [0x8120, 'PidLidTaskMultipleRecipients'], // 2.325
      [0x8121, 'PidLidTaskAssigner'], // 2.308
      [0x8122, 'PidLidTaskLastUser'], // 2.323
      [0x8123, 'PidLidTaskOrdinal'], // 2.327
      [0x8124, 'PidLidTaskNoCompute'], // 2.326
      [0x8125, 'PidLidTaskLastDelegate'], // 2.321
      [0x8126, 'PidLidTaskFRecurring'], // 2.318
      [0x8127, 'PidLidTaskRole'], // 2.332
      [0x8129, 'PidLidTaskOwnership'], // 2.329
      [0x812a, 'PidLidTaskAcceptanceState'], // 2.305
      [0x812c, 'PidLidTaskFFixOffline'], // 2.317
      [0x8139, 'PidLidTaskCustomFlags'], // 2.311
    ],
  ],
  [
    'PSETID_Log',
    [
      [0x8700, 'PidLidLogType'], // 2.168
      [0x8706, 'PidLidLogStart'], // 2.167
      [0x8707, 'PidLidLogDuration'], // 2.164
      [0x8708, 'PidLidLogEnd'], // 2.165
      [0x870c, 'PidLidLogFlags'], // 2.166
      [0x870e, 'PidLidLogDocumentPrinted'], // 2.161
      [0x870f, 'PidLidLogDocumentSaved'], // 2.163
      [0x8710, 'PidLidLogDocumentRouted'], // 2.162
      [0x8711, 'PidLidLogDocumentPosted'], // 2.160
      [0x8712, 'PidLidLogTypeDesc'], // 2.169
    ],
  ],
  [
    'PSETID_Note',
    [
      [0x8b00, 'PidLidNoteColor'], // 2.183
      [0x8b02, 'PidLidNoteWidth'], // 2.185
      [0x8b03, 'PidLidNoteHeight'], // 2.184
      [0x8b04, 'PidLidNoteX'], // 2.186
      [0x8b05, 'PidLidNoteY'], // 2.187
    ],
  ],
  [
    'PSETID_PostRss',
    [
      [0x8900, 'PidLidPostRssChannelLink'], // 2.205
      [0x8901, 'PidLidPostRssItemLink'], // 2.208
      [0x8902, 'PidLidPostRssItemHash'], // 2.207
      [0x8903, 'PidLidPostRssItemGuid'], // 2.206
      [0x8904, 'PidLidPostRssChannel'], // 2.204
      [0x8905, 'PidLidPostRssItemXml'], // 2.209
      [0x8906, 'PidLidPostRssSubscription'], // 2.210
    ],
  ],
  [
    'PSETID_Sharing',
    [
      [0x8a00, 'PidLidSharingStatus'], // 2.289
      [0x8a01, 'PidLidSharingProviderGuid'], // 2.266
      [0x8a02, 'PidLidSharingProviderName'], // 2.267
      [0x8a03, 'PidLidSharingProviderUrl'], // 2.268
      [0x8a04, 'PidLidSharingRemotePath'], // 2.279
      [0x8a05, 'PidLidSharingRemoteName'], // 2.277
      [0x8a06, 'PidLidSharingRemoteUid'], // 2.282
      [0x8a07, 'PidLidSharingInitiatorName'], // 2.249
      [0x8a08, 'PidLidSharingInitiatorSmtp'], // 2.250
      [0x8a09, 'PidLidSharingInitiatorEntryId'], // 2.248
      [0x8a0a, 'PidLidSharingFlags'], // 2.244
      [0x8a0b, 'PidLidSharingProviderExtension'], // 2.265
      [0x8a0c, 'PidLidSharingRemoteUser'], // 2.283
      [0x8a0d, 'PidLidSharingRemotePass'], // 2.278
      [0x8a0e, 'PidLidSharingLocalPath'], // 2.257
      [0x8a0f, 'PidLidSharingLocalName'], // 2.256
      [0x8a10, 'PidLidSharingLocalUid'], // 2.260
      [0x8a13, 'PidLidSharingFilter'], // 2.243
      [0x8a14, 'PidLidSharingLocalType'], // 2.259
      [0x8a15, 'PidLidSharingFolderEntryId'], // 2.246
      [0x8a17, 'PidLidSharingCapabilities'], // 2.237
      [0x8a18, 'PidLidSharingFlavor'], // 2.245
      [0x8a19, 'PidLidSharingAnonymity'], // 2.234
      [0x8a1a, 'PidLidSharingReciprocation'], // 2.271
      [0x8a1b, 'PidLidSharingPermissions'], // 2.264
      [0x8a1c, 'PidLidSharingInstanceGuid'], // 2.251
      [0x8a1d, 'PidLidSharingRemoteType'], // 2.281
      [0x8a1e, 'PidLidSharingParticipants'], // 2.263
      [0x8a1f, 'PidLidSharingLastSyncTime'], // 2.253
      [0x8a21, 'PidLidSharingExtensionXml'], // 2.242
      [0x8a22, 'PidLidSharingRemoteLastModificationTime'], // 2.275
      [0x8a23, 'PidLidSharingLocalLastModificationTime'], // 2.255
      [0x8a24, 'PidLidSharingConfigurationUrl'], // 2.238
      [0x8a25, 'PidLidSharingStart'], // 2.288
      [0x8a26, 'PidLidSharingStop'], // 2.290
      [0x8a27, 'PidLidSharingResponseType'], // 2.286
      [0x8a28, 'PidLidSharingResponseTime'], // 2.285
      [0x8a29, 'PidLidSharingOriginalMessageEntryId'], // 2.261
      [0x8a2a, 'PidLidSharingSyncInterval'], // 2.292
      [0x8a2b, 'PidLidSharingDetail'], // 2.241
      [0x8a2c, 'PidLidSharingTimeToLive'], // 2.293
      [0x8a2d, 'PidLidSharingBindingEntryId'], // 2.235
      [0x8a2e, 'PidLidSharingIndexEntryId'], // 2.247
      [0x8a2f, 'PidLidSharingRemoteComment'], // 2.273
      [0x8a40, 'PidLidSharingWorkingHoursStart'], // 2.297
      [0x8a41, 'PidLidSharingWorkingHoursEnd'], // 2.296
      [0x8a42, 'PidLidSharingWorkingHoursDays'], // 2.295
      [0x8a43, 'PidLidSharingWorkingHoursTimeZone'], // 2.298
      [0x8a44, 'PidLidSharingDataRangeStart'], // 2.240
      [0x8a45, 'PidLidSharingDataRangeEnd'], // 2.239
      [0x8a46, 'PidLidSharingRangeStart'], // 2.270
      [0x8a47, 'PidLidSharingRangeEnd'], // 2.269
      [0x8a48, 'PidLidSharingRemoteStoreUid'], // 2.280
      [0x8a49, 'PidLidSharingLocalStoreUid'], // 2.258
      [0x8a4b, 'PidLidSharingRemoteByteSize'], // 2.272
      [0x8a4c, 'PidLidSharingRemoteCrc'], // 2.274
      [0x8a4d, 'PidLidSharingLocalComment'], // 2.254
      [0x8a4e, 'PidLidSharingRoamLog'], // 2.287
      [0x8a4f, 'PidLidSharingRemoteMessageCount'], // 2.276
      [0x8a51, 'PidLidSharingBrowseUrl'], // 2.236
      [0x8a55, 'PidLidSharingLastAutoSyncTime'], // 2.252
      [0x8a56, 'PidLidSharingTimeToLiveAuto'], // 2.294
      [0x8a5b, 'PidLidSharingRemoteVersion'], // 2.284
      [0x8a5c, 'PidLidSharingParentBindingEntryId'], // 2.262
      [0x8a60, 'PidLidSharingSyncFlags'], // 2.291
    ],
  ],
  [
    'PSETID_CalendarAssistant',
    [
      [0x0015, 'PidLidClientIntent'], // 2.58
      [0x85cc, 'PidLidServerProcessed'], // 2.232
      [0x85cd, 'PidLidServerProcessingActions'], // 2.233
    ],
  ],
  [
    'PS_PUBLIC_STRINGS',
    [
      [0x9000, 'PidLidCategories'], // 2.49
    ],
  ],
  [
    'PSETID_Report',
    [
      [0x8d00, 'PidLidResendTime'], // Outlook MAPI reference
    ],
  ],
  [
    'PSETID_Remote',
    [
      [0x8f01, 'PidLidRemoteEntryId'], // Outlook MAPI reference
      [0x8f02, 'PidLidRemoteMessageClass'], // Outlook MAPI reference
      [0x8f03, 'PidLidRemoteTransport'], // Outlook MAPI reference
      [0x8f04, 'PidLidRemoteTransferTime'], // Outlook MAPI reference
      [0x8f05, 'PidLidRemoteTransferSize'], // Outlook MAPI reference
      [0x8f06, 'PidLidRemoteSearchKey'], // Outlook MAPI reference
      [0x8f07, 'PidLidRemoteAttachment'], // Outlook MAPI reference
    ],
  ],
];

// [MS-OXPROPS] 2.366–2.504: string-named properties, keyed by the name stored in the .msg.
const STRING_NAME_TABLES: readonly (readonly [PropertySetName, readonly StringNameRow[]])[] = [
  [
    'PS_PUBLIC_STRINGS',
    [
      ['AppName', 'PidNameApplicationName'], // 2.367
      ['Author', 'PidNameAuthor'], // 2.374
      ['ByteCount', 'PidNameByteCount'], // 2.379
      ['urn:schemas:calendar:attendeerole', 'PidNameCalendarAttendeeRole'], // 2.380
      ['urn:schemas:calendar:busystatus', 'PidNameCalendarBusystatus'], // 2.381
      ['urn:schemas:calendar:contact', 'PidNameCalendarContact'], // 2.382
      ['urn:schemas:calendar:contacturl', 'PidNameCalendarContactUrl'], // 2.383
      ['urn:schemas:calendar:created', 'PidNameCalendarCreated'], // 2.384
      ['urn:schemas:calendar:descriptionurl', 'PidNameCalendarDescriptionUrl'], // 2.385
      ['urn:schemas:calendar:duration', 'PidNameCalendarDuration'], // 2.386
      ['urn:schemas:calendar:exdate', 'PidNameCalendarExceptionDate'], // 2.387
      ['urn:schemas:calendar:exrule', 'PidNameCalendarExceptionRule'], // 2.388
      ['urn:schemas:calendar:geolatitude', 'PidNameCalendarGeoLatitude'], // 2.389
      ['urn:schemas:calendar:geolongitude', 'PidNameCalendarGeoLongitude'], // 2.390
      ['urn:schemas:calendar:instancetype', 'PidNameCalendarInstanceType'], // 2.391
      ['urn:schemas:calendar:isorganizer', 'PidNameCalendarIsOrganizer'], // 2.392
      ['urn:schemas:calendar:lastmodified', 'PidNameCalendarLastModified'], // 2.393
      ['urn:schemas:calendar:locationurl', 'PidNameCalendarLocationUrl'], // 2.394
      ['urn:schemas:calendar:meetingstatus', 'PidNameCalendarMeetingStatus'], // 2.395
      ['urn:schemas:calendar:method', 'PidNameCalendarMethod'], // 2.396
      ['urn:schemas:calendar:prodid', 'PidNameCalendarProductId'], // 2.397
      ['urn:schemas:calendar:recurrenceidrange', 'PidNameCalendarRecurrenceIdRange'], // 2.398
      ['urn:schemas:calendar:reminderoffset', 'PidNameCalendarReminderOffset'], // 2.399
      ['urn:schemas:calendar:resources', 'PidNameCalendarResources'], // 2.400
      ['urn:schemas:calendar:rsvp', 'PidNameCalendarRsvp'], // 2.401
      ['urn:schemas:calendar:sequence', 'PidNameCalendarSequence'], // 2.402
      ['urn:schemas:calendar:timezone', 'PidNameCalendarTimeZone'], // 2.403
      ['urn:schemas:calendar:timezoneid', 'PidNameCalendarTimeZoneId'], // 2.404
      ['urn:schemas:calendar:transparent', 'PidNameCalendarTransparent'], // 2.405
      ['urn:schemas:calendar:uid', 'PidNameCalendarUid'], // 2.406
      ['urn:schemas:calendar:version', 'PidNameCalendarVersion'], // 2.407
      ['Category', 'PidNameCategory'], // 2.408
      ['CharCount', 'PidNameCharacterCount'], // 2.409
      ['Comments', 'PidNameComments'], // 2.410
      ['Company', 'PidNameCompany'], // 2.411
      ['CreateDtmRo', 'PidNameCreateDateTimeReadOnly'], // 2.415
      ['DAV:id', 'PidNameDavId'], // 2.417
      ['DAV:iscollection', 'PidNameDavIsCollection'], // 2.418
      ['DAV:isstructureddocument', 'PidNameDavIsStructuredDocument'], // 2.419
      ['DAV:parentname', 'PidNameDavParentName'], // 2.420
      ['DAV:uid', 'PidNameDavUid'], // 2.421
      ['DocParts', 'PidNameDocumentParts'], // 2.422
      ['EditTime', 'PidNameEditTime'], // 2.423
      [
        'http://schemas.microsoft.com/exchange/intendedbusystatus',
        'PidNameExchangeIntendedBusyStatus',
      ], // 2.424
      [
        'http://schemas.microsoft.com/exchange/junkemailmovestamp',
        'PidNameExchangeJunkEmailMoveStamp',
      ], // 2.425
      [
        'http://schemas.microsoft.com/exchange/modifyexceptionstruct',
        'PidNameExchangeModifyExceptionStructure',
      ], // 2.426
      [
        'http://schemas.microsoft.com/exchange/nomodifyexceptions',
        'PidNameExchangeNoModifyExceptions',
      ], // 2.427
      ['http://schemas.microsoft.com/exchange/patternend', 'PidNameExchangePatternEnd'], // 2.428
      ['http://schemas.microsoft.com/exchange/patternstart', 'PidNameExchangePatternStart'], // 2.429
      ['http://schemas.microsoft.com/exchange/reminderinterval', 'PidNameExchangeReminderInterval'], // 2.430
      ['urn:schemas-microsoft-com:exch-data:baseschema', 'PidNameExchDatabaseSchema'], // 2.431
      [
        'urn:schemas-microsoft-com:exch-data:expected-content-class',
        'PidNameExchDataExpectedContentClass',
      ], // 2.432
      [
        'urn:schemas-microsoft-com:exch-data:schema-collection-ref',
        'PidNameExchDataSchemaCollectionReference',
      ], // 2.433
      ['HeadingPairs', 'PidNameHeadingPairs'], // 2.442
      ['HiddenCount', 'PidNameHiddenCount'], // 2.443
      ['urn:schemas:httpmail:calendar', 'PidNameHttpmailCalendar'], // 2.444
      ['urn:schemas:httpmail:htmldescription', 'PidNameHttpmailHtmlDescription'], // 2.445
      ['urn:schemas:httpmail:sendmsg', 'PidNameHttpmailSendMessage'], // 2.446
      ['urn:schemas:calendar:rdate', 'PidNameICalendarRecurrenceDate'], // 2.447
      ['urn:schemas:calendar:rrule', 'PidNameICalendarRecurrenceRule'], // 2.448
      ['Keywords', 'PidNameKeywords'], // 2.451
      ['LastAuthor', 'PidNameLastAuthor'], // 2.452
      ['LastPrinted', 'PidNameLastPrinted'], // 2.453
      ['LastSaveDtm', 'PidNameLastSaveDateTime'], // 2.454
      ['LineCount', 'PidNameLineCount'], // 2.455
      ['LinksDirty', 'PidNameLinksDirty'], // 2.456
      // 2.457 PidNameLocationUrl names the same 'urn:schemas:calendar:locationurl' as the entry above; the first wins.
      ['Manager', 'PidNameManager'], // 2.458
      ['DoNotForward', 'PidNameMeetingDoNotForward'], // 2.459
      ['MMClipCount', 'PidNameMultimediaClipCount'], // 2.461
      ['NoteCount', 'PidNameNoteCount'], // 2.462
      ['OMSAccountGuid', 'PidNameOMSAccountGuid'], // 2.463
      ['OMSMobileModel', 'PidNameOMSMobileModel'], // 2.464
      ['OMSScheduleTime', 'PidNameOMSScheduleTime'], // 2.465
      ['OMSServiceType', 'PidNameOMSServiceType'], // 2.466
      ['OMSSourceType', 'PidNameOMSSourceType'], // 2.467
      ['PageCount', 'PidNamePageCount'], // 2.468
      ['ParCount', 'PidNameParagraphCount'], // 2.469
      ['http://schemas.microsoft.com/outlook/phishingstamp', 'PidNamePhishingStamp'], // 2.470
      ['PresFormat', 'PidNamePresentationFormat'], // 2.471
      ['quarantine-original-sender', 'PidNameQuarantineOriginalSender'], // 2.472
      ['RevNumber', 'PidNameRevisionNumber'], // 2.473
      ['DRMLicense', 'PidNameRightsManagementLicense'], // 2.474
      ['Scale', 'PidNameScale'], // 2.475
      ['Security', 'PidNameSecurity'], // 2.476
      ['SlideCount', 'PidNameSlideCount'], // 2.477
      ['Subject', 'PidNameSubject'], // 2.478
      ['Template', 'PidNameTemplate'], // 2.479
      ['Thumbnail', 'PidNameThumbnail'], // 2.480
      ['Title', 'PidNameTitle'], // 2.481
      ['WordCount', 'PidNameWordCount'], // 2.482
    ],
  ],
  [
    'PS_INTERNET_HEADERS',
    [
      ['Accept-Language', 'PidNameAcceptLanguage'], // 2.366
      ['Content-Base', 'PidNameContentBase'], // 2.412
      ['Content-Class', 'PidNameContentClass'], // 2.413
      ['Content-Type', 'PidNameContentType'], // 2.414
      ['Xref', 'PidNameCrossReference'], // 2.416
      ['From', 'PidNameFrom'], // 2.441
      ['Subject', 'PidNameInternetSubject'], // 2.449
      ['msip_labels', 'PidNameMSIPLabels'], // 2.460
      ['X-CallID', 'PidNameXCallId'], // 2.483
      ['X-FaxNumberOfPages', 'PidNameXFaxNumberOfPages'], // 2.484
      ['X-RequireProtectedPlayOnPhone', 'PidNameXRequireProtectedPlayOnPhone'], // 2.485
      ['X-CallingTelephoneNumber', 'PidNameXSenderTelephoneNumber'], // 2.486
      ['X-Sharing-Browse-Url', 'PidNameXSharingBrowseUrl'], // 2.487
      ['X-Sharing-Capabilities', 'PidNameXSharingCapabilities'], // 2.488
      ['X-Sharing-Config-Url', 'PidNameXSharingConfigUrl'], // 2.489
      ['X-Sharing-Exended-Caps', 'PidNameXSharingExendedCaps'], // 2.490
      ['X-Sharing-Flavor', 'PidNameXSharingFlavor'], // 2.491
      ['X-Sharing-Instance-Guid', 'PidNameXSharingInstanceGuid'], // 2.492
      ['X-Sharing-Local-Type', 'PidNameXSharingLocalType'], // 2.493
      ['X-Sharing-Provider-Guid', 'PidNameXSharingProviderGuid'], // 2.494
      ['X-Sharing-Provider-Name', 'PidNameXSharingProviderName'], // 2.495
      ['X-Sharing-Provider-Url', 'PidNameXSharingProviderUrl'], // 2.496
      ['X-Sharing-Remote-Name', 'PidNameXSharingRemoteName'], // 2.497
      ['X-Sharing-Remote-Path', 'PidNameXSharingRemotePath'], // 2.498
      ['X-Sharing-Remote-Store-Uid', 'PidNameXSharingRemoteStoreUid'], // 2.499
      ['X-Sharing-Remote-Type', 'PidNameXSharingRemoteType'], // 2.500
      ['X-Sharing-Remote-Uid', 'PidNameXSharingRemoteUid'], // 2.501
      ['X-AttachmentOrder', 'PidNameXVoiceMessageAttachmentOrder'], // 2.502
      ['X-VoiceMessageDuration', 'PidNameXVoiceMessageDuration'], // 2.503
      ['X-VoiceMessageSenderName', 'PidNameXVoiceMessageSenderName'], // 2.504
    ],
  ],
  [
    'PSETID_Address',
    [
      ['BirthdayContactAttributionDisplayName', 'PidNameBirthdayContactAttributionDisplayName'], // 2.376
      ['BirthdayContactEntryId', 'PidNameBirthdayContactEntryId'], // 2.377
      ['BirthdayContactPersonGuid', 'PidNameBirthdayContactPersonGuid'], // 2.378
      ['IsBirthdayContactWritable', 'PidNameIsBirthdayContactWritable'], // 2.450
    ],
  ],
  [
    'PSETID_Attachment',
    [
      ['AttachmentMacContentType', 'PidNameAttachmentMacContentType'], // 2.368
      ['AttachmentMacInfo', 'PidNameAttachmentMacInfo'], // 2.369
      ['AttachmentOriginalPermissionType', 'PidNameAttachmentOriginalPermissionType'], // 2.370
      ['AttachmentPermissionType', 'PidNameAttachmentPermissionType'], // 2.371
      ['AttachmentProviderType', 'PidNameAttachmentProviderType'], // 2.372
    ],
  ],
  [
    'PSETID_UnifiedMessaging',
    [
      ['UMAudioNotes', 'PidNameAudioNotes'], // 2.373
      ['AsrData', 'PidNameAutomaticSpeechRecognitionData'], // 2.375
    ],
  ],
  [
    'PSETID_XmlExtractedEntities',
    [
      ['XmlExtractedAddresses', 'PidNameExtractedAddresses'], // 2.434
      ['XmlExtractedContacts', 'PidNameExtractedContacts'], // 2.435
      ['XmlExtractedEmails', 'PidNameExtractedEmails'], // 2.436
      ['XmlExtractedMeetings', 'PidNameExtractedMeetings'], // 2.437
      ['XmlExtractedPhones', 'PidNameExtractedPhones'], // 2.438
      ['XmlExtractedTasks', 'PidNameExtractedTasks'], // 2.439
      ['XmlExtractedUrls', 'PidNameExtractedUrls'], // 2.440
    ],
  ],
];

/**
 * Internet header field names are case-insensitive and writers differ ("content-class" from
 * Outlook, "Content-Class" in the spec), so PS_INTERNET_HEADERS names are keyed in lowercase.
 * Names in every other set are compared exactly, as MAPI does.
 */
function nameKey(set: PropertySetName, name: string): string {
  return set === 'PS_INTERNET_HEADERS' ? name.toLowerCase() : name;
}

/** Per property set: LID → canonical PidLid name. */
export const NAMED_PROPERTIES_BY_LID: ReadonlyMap<
  PropertySetName,
  ReadonlyMap<number, string>
> = new Map(LID_TABLES.map(([set, rows]) => [set, new Map(rows)] as const));

/**
 * Per property set: string name → canonical PidName name. PS_INTERNET_HEADERS keys are
 * lowercase (see {@link namedPropertyCanonicalName}).
 */
export const NAMED_PROPERTIES_BY_NAME: ReadonlyMap<
  PropertySetName,
  ReadonlyMap<string, string>
> = new Map(
  STRING_NAME_TABLES.map(
    ([set, rows]) =>
      [set, new Map(rows.map(([name, canonical]) => [nameKey(set, name), canonical]))] as const,
  ),
);

/**
 * The canonical name of a named property, e.g. PSETID_Appointment + LID 0x820D →
 * 'PidLidAppointmentStartWhole', PS_PUBLIC_STRINGS + 'Keywords' → 'PidNameKeywords'. The GUID may
 * be in any case, with or without braces. Undefined for an unknown set, LID or string name; the
 * caller then shows the raw name (for PS_INTERNET_HEADERS that raw name is the header itself).
 *
 * A PS_MAPI LID is the ID of a tagged property, so it resolves through the PidTag table.
 * @see [MS-OXPROPS] section 2, [MS-OXMSG] 2.2.3
 */
export function namedPropertyCanonicalName(guid: string, id: NamedPropertyId): string | undefined {
  const set = propertySetName(guid);
  if (set === undefined) return undefined;
  if ('lid' in id) {
    if (set === 'PS_MAPI') return propertyTagName(id.lid);
    return NAMED_PROPERTIES_BY_LID.get(set)?.get(id.lid);
  }
  return NAMED_PROPERTIES_BY_NAME.get(set)?.get(nameKey(set, id.name));
}

/** Where a canonical PidLid or PidName name lives: its set's GUID and its LID or string name. */
export type NamedPropertyKey = { set: string } & NamedPropertyId;

const KEY_BY_CANONICAL_NAME: ReadonlyMap<string, NamedPropertyKey> = new Map<
  string,
  NamedPropertyKey
>([
  ...LID_TABLES.flatMap(([set, rows]) =>
    rows.map(([lid, canonical]) => [canonical, { set: PropertySet[set], lid }] as const),
  ),
  ...STRING_NAME_TABLES.flatMap(([set, rows]) =>
    rows.map(([name, canonical]) => [canonical, { set: PropertySet[set], name }] as const),
  ),
]);

/**
 * The set GUID and LID (or string name) of a canonical name, so item parsers can ask for
 * 'PidLidAppointmentStartWhole' without repeating 0x820D. Undefined for names not in the tables.
 */
export function namedPropertyKey(canonicalName: string): NamedPropertyKey | undefined {
  return KEY_BY_CANONICAL_NAME.get(canonicalName);
}
