import { describe, expect, it } from 'vitest';
import { describeAddress, exchangeAlias, initialsOf } from '../../src-renderer/display/addresses';
import { formatFileSize } from '../../src-renderer/display/file-size';
import { commonFolder } from '../../src-renderer/composables/attachments';

describe('addresses', () => {
  describe('describeAddress()', () => {
    it('shows name and SMTP address, copying the address', () => {
      const display = describeAddress({
        name: 'Ann Barker',
        email: 'ann@example.com',
        addressType: 'SMTP',
        rawAddress: 'ann@example.com',
        isExchange: false,
      });
      expect(display).toMatchObject({
        name: 'Ann Barker',
        address: 'ann@example.com',
        isEmail: true,
        copyText: 'ann@example.com',
        initials: 'AB',
      });
    });

    it('shows an address without a name once, as the name', () => {
      const display = describeAddress({
        name: null,
        email: 'team@example.com',
        addressType: 'SMTP',
        rawAddress: null,
        isExchange: false,
      });
      expect(display).toMatchObject({ name: 'team@example.com', address: null });
    });

    it('shows an Exchange-only address by alias and keeps the DN for hover and copy', () => {
      const rawAddress =
        '/O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE GROUP (FYDIBOHF23SPDLT)/CN=RECIPIENTS/CN=JSMITH';
      const display = describeAddress({
        name: 'John Smith',
        email: null,
        addressType: 'EX',
        rawAddress,
        isExchange: true,
      });
      expect(display).toMatchObject({
        name: 'John Smith',
        address: 'Exchange user JSMITH',
        isEmail: false,
        copyText: rawAddress,
      });
      expect(display.full).toContain(rawAddress);
    });
  });

  describe('exchangeAlias()', () => {
    it("drops Exchange Online's id prefix", () => {
      expect(
        exchangeAlias(
          '/o=ExchangeLabs/ou=x/cn=Recipients/cn=0123456789abcdef0123456789abcdef-erin',
        ),
      ).toBe('erin');
      expect(exchangeAlias('no dn here')).toBeNull();
    });
  });

  describe('initialsOf()', () => {
    it('takes the first letters of the first and last words', () => {
      expect(initialsOf('Ann Barker')).toBe('AB');
      expect(initialsOf('barker, ann')).toBe('BA');
      expect(initialsOf('ann.barker@example.com')).toBe('AB');
      expect(initialsOf('Łukasz')).toBe('Ł');
      expect(initialsOf('???')).toBe('?');
    });
  });
});

describe('formatFileSize()', () => {
  it('uses B, KB, MB, GB with one decimal below 10', () => {
    expect(formatFileSize(0)).toBe('0 B');
    expect(formatFileSize(1536)).toBe('1.5 KB');
    expect(formatFileSize(48_300)).toBe('47 KB');
    expect(formatFileSize(12 * 1024 * 1024)).toBe('12 MB');
  });
});

describe('commonFolder()', () => {
  it('names the folder the files were saved into', () => {
    expect(commonFolder(['/home/ann/out/a.pdf', '/home/ann/out/sub/b.pdf'])).toBe('/home/ann/out');
    expect(commonFolder(['C:\\Users\\ann\\x.pdf'])).toBe('C:\\Users\\ann');
  });
});
