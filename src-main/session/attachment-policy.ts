/**
 * Whether opening an attachment with the system's default app is safe. Modelled on Outlook's
 * Level 1 blocked-attachment list (executables, scripts, shortcuts, installers, control-panel and
 * registry files, help files that run code) plus macro-enabled Office formats, and on the spoofing
 * tricks used to hide a real extension (bidi overrides: "invoice\u202Efdp.exe" shows as
 * "invoiceexe.pdf"; long runs of spaces or dots before the real extension).
 * @see https://support.microsoft.com/office/blocked-attachments-in-outlook-434752e1-02d3-4e90-9124-8b81e49a8519
 */

export type OpenVerdict =
  /** Open without asking. */
  | { kind: 'allow'; realType: string }
  /** Ask first, stating the real type and the reason. */
  | { kind: 'confirm'; realType: string; reason: string };

/** Outlook's Level 1 list (as of Microsoft 365), lower case, without the dot. */
const BLOCKED_EXTENSIONS = new Set(
  (
    'ade adp app appcontent application appref-ms asp aspx asx bas bat bgi cab cer chm cmd cnt com cpl crt csh der diagcab ' +
    'exe fxp gadget grp hlp hpj hta htc inf ins isp its jar jnlp js jse ksh lnk mad maf mag mam maq mar mas mat mau mav maw ' +
    'mcf mda mdb mde mdt mdw mdz msc msh msh1 msh2 mshxml msh1xml msh2xml msi msp mst msu ops osd pcd pif pl plg prf prg ' +
    'printerexport ps1 ps1xml ps2 ps2xml psc1 psc2 psd1 psdm1 pssc pst py pyc pyo pyw pyz pyzw reg scf scr sct settingcontent-ms ' +
    'shb shs theme tmp udl url vb vbe vbp vbs vhd vhdx vsmacros vsw webpnp website ws wsb wsc wsf wsh xbap xll xnk ' +
    // Not on Outlook's list but as dangerous on the platforms we run on:
    'sh bash zsh command tool desktop appimage run deb rpm pkg mpkg dmg iso img apk scpt applescript workflow'
  ).split(' '),
);

/** Office formats that can carry macros: opening them may run code when the user enables content. */
const MACRO_EXTENSIONS = new Set(
  'docm dotm xlsm xltm xlam xlsb pptm potm ppam ppsm sldm doc dot xls xlt xla ppt pot pps'.split(
    ' ',
  ),
);

/** Characters that reorder or hide text: they make a name display differently from what it is. */
const SPOOFING_CHARACTERS =
  /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b-\u200d\u2060\ufeff]/u;

/** A name safe to show: characters that reorder or hide text become visible replacement marks. */
export function visibleName(name: string): string {
  return name.replace(new RegExp(SPOOFING_CHARACTERS.source, 'gu'), '\ufffd');
}

/** A dot run or long whitespace run in front of the extension pushes it out of view ("a.pdf      .exe"). */
const HIDDEN_EXTENSION_PADDING = /(\s{4,}|\.{3,})\.?[^.\s]+$/u;

export function extensionOf(fileName: string): string {
  const cleaned = fileName
    .replace(SPOOFING_CHARACTERS, '')
    .trim()
    .replace(/[.\s]+$/u, '');
  const dot = cleaned.lastIndexOf('.');
  return dot <= 0 ? '' : cleaned.slice(dot + 1).toLowerCase();
}

/** Decides whether an attachment may be opened directly. `fileName` is the name as stored. */
export function judgeAttachmentOpen(fileName: string, mimeType: string | null): OpenVerdict {
  const extension = extensionOf(fileName);
  const realType = extension === '' ? 'file without an extension' : `.${extension} file`;
  if (SPOOFING_CHARACTERS.test(fileName)) {
    return {
      kind: 'confirm',
      realType,
      reason: `the name contains invisible characters that change how it displays; it is really a ${realType}`,
    };
  }
  if (HIDDEN_EXTENSION_PADDING.test(fileName) && BLOCKED_EXTENSIONS.has(extension)) {
    return {
      kind: 'confirm',
      realType,
      reason: `the name hides its real type behind padding; it is a ${realType}`,
    };
  }
  if (BLOCKED_EXTENSIONS.has(extension)) {
    return { kind: 'confirm', realType, reason: `a ${realType} can run programs on this computer` };
  }
  if (MACRO_EXTENSIONS.has(extension)) {
    return { kind: 'confirm', realType, reason: `a ${realType} can contain macros` };
  }
  if (extension === '') {
    return {
      kind: 'confirm',
      realType,
      reason: 'the system decides how to open a file without an extension',
    };
  }
  if (
    mimeType &&
    /^application\/(x-msdownload|x-msdos-program|x-sh|x-executable|java-archive|x-ms-installer)/i.test(
      mimeType,
    )
  ) {
    return { kind: 'confirm', realType, reason: `the attachment says it is ${mimeType}` };
  }
  return { kind: 'allow', realType };
}
