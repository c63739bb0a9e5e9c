import { LOCALE } from './messages';

/** A phrase that counts something: the form for one and for every other number. */
export interface PluralForms {
  one: string;
  other: string;
}

const pluralRules = new Intl.PluralRules(LOCALE);

/** Fills `{name}` placeholders; an unknown placeholder stays visible so it is noticed. */
export function t(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

/** Picks the form for `count` and fills it; `{count}` is always available. */
export function plural(
  forms: PluralForms,
  count: number,
  params: Record<string, string | number> = {},
): string {
  const form = pluralRules.select(count) === 'one' ? forms.one : forms.other;
  return t(form, { count, ...params });
}
