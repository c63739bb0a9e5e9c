// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import PropertyInspector from '../../src-renderer/components/PropertyInspector.vue';
import { resetProperties } from '../../src-renderer/composables/properties';
import { fail, installFakeBridge, ok, sampleGroups, sampleMessage, settle } from './fake-bridge';

async function mountInspector(answers: Parameters<typeof installFakeBridge>[0] = {}) {
  const bridge = installFakeBridge({ properties: () => ok(sampleGroups()), ...answers });
  const wrapper = mount(PropertyInspector, { props: { message: sampleMessage() } });
  await settle();
  return { bridge, wrapper };
}

const rowTexts = (wrapper: Awaited<ReturnType<typeof mountInspector>>['wrapper']) =>
  wrapper
    .findAll('[data-test=property-row]')
    .map((row) => row.findAll('td').map((cell) => cell.text()));

describe('PropertyInspector', () => {
  afterEach(() => resetProperties());

  it("lists every property of the message's groups with tag, name, type and value", async () => {
    const { bridge, wrapper } = await mountInspector();
    expect(bridge.callsOf('properties')).toEqual([['message-1']]);
    expect(
      wrapper.findAll('[data-test=property-group]').map((group) => group.get('h3').text()),
    ).toEqual(['Message 3 properties', 'Recipient 1 (Bob Smith) 1 property']);
    expect(rowTexts(wrapper)[0]).toEqual([
      '0x0037001F',
      'PidTagSubject',
      'PT_UNICODE',
      'Quarterly report',
    ]);
    // A named property shows its canonical name and its set + name.
    expect(rowTexts(wrapper)[2]![1]).toBe('PidNameKeywordsPS_PUBLIC_STRINGS "Keywords"');
    expect(wrapper.get('[data-test=property-count]').text()).toBe('4 of 4 properties');
  });

  it('filters by tag, name, type or value, every word counting', async () => {
    const { wrapper } = await mountInspector();
    const filter = wrapper.get('[data-test=property-filter]');
    await filter.setValue('binary');
    expect(rowTexts(wrapper).map((row) => row[1])).toEqual(['PidTagHtml']);
    await filter.setValue('0x3001');
    expect(rowTexts(wrapper).map((row) => row[1])).toEqual(['PidTagDisplayName']);
    await filter.setValue('keywords finance');
    expect(rowTexts(wrapper).map((row) => row[1])).toEqual([
      'PidNameKeywordsPS_PUBLIC_STRINGS "Keywords"',
    ]);
    expect(wrapper.get('[data-test=property-count]').text()).toBe('1 of 4 properties');
    // Groups with no match disappear while filtering.
    expect(wrapper.findAll('[data-test=property-group]')).toHaveLength(1);
  });

  it('fetches the full value of a truncated property from its owner, and hides it again', async () => {
    const { bridge, wrapper } = await mountInspector({
      propertyValue: (_owner, _recipient, tag) => ok(`full value of ${tag}`),
    });
    const buttons = wrapper.findAll('[data-test=property-show-full]');
    expect(buttons).toHaveLength(2);
    await buttons[1]!.trigger('click');
    await settle();
    // The recipient's property: its owner and recipient index go with the tag.
    expect(bridge.callsOf('propertyValue')).toEqual([['message-1', 0, '0x3001001F']]);
    expect(wrapper.get('[data-test=property-full]').text()).toBe('full value of 0x3001001F');
    await buttons[1]!.trigger('click');
    expect(wrapper.find('[data-test=property-full]').exists()).toBe(false);
  });

  it('shows a failure to read the full value in place', async () => {
    const { wrapper } = await mountInspector({
      propertyValue: () => fail({ code: 'UNKNOWN_HANDLE', message: 'no such property' }),
    });
    await wrapper.get('[data-test=property-show-full]').trigger('click');
    await settle();
    expect(wrapper.get('[data-test=property-full]').text()).toBe('no such property');
  });

  it('says when the properties cannot be read', async () => {
    const { wrapper } = await mountInspector({
      properties: () => fail({ code: 'SESSION_CLOSED', message: 'the window was closed' }),
    });
    expect(wrapper.get('[role=alert]').text()).toContain('the window was closed');
  });

  it('shows a date property in local time beside its ISO value', async () => {
    const groups = sampleGroups();
    groups[0]!.properties.push({
      tag: '0x00390040',
      id: '0x0039',
      type: 'PT_SYSTIME',
      name: 'PidTagClientSubmitTime',
      named: null,
      preview: '2025-03-03T13:05:00.000Z',
      isTruncated: false,
    });
    const { wrapper } = await mountInspector({ properties: () => ok(groups) });
    const cells = rowTexts(wrapper).find((row) => row[1] === 'PidTagClientSubmitTime')!;
    expect(cells[3]).toMatch(/^2025-03-03T13:05:00\.000Z.*2025/s);
  });
});
