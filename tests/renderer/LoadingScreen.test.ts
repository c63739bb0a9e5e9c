// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import LoadingScreen from '../../src-renderer/components/LoadingScreen.vue';

/** The screen a window shows while main reads and parses its file. */
describe('LoadingScreen', () => {
  it('names the file and, before main has said anything, shows no figure', () => {
    const wrapper = mount(LoadingScreen, { props: { fileName: 'report.msg', readFraction: null } });
    expect(wrapper.text()).toContain('Opening report.msg…');
    expect(wrapper.find('[data-test=loading-progress]').exists()).toBe(false);
  });

  it('shows how much of the file has been read', () => {
    const wrapper = mount(LoadingScreen, {
      props: { fileName: 'report.msg', readFraction: 0.456 },
    });
    expect(wrapper.get('[data-test=loading-stage]').text()).toBe('Reading the file: 46%');
    const bar = wrapper.get('[data-test=loading-progress]');
    expect(bar.attributes('role')).toBe('progressbar');
    expect(bar.attributes('aria-valuenow')).toBe('46');
  });

  it('says the message is being read once the whole file is in', () => {
    const wrapper = mount(LoadingScreen, { props: { fileName: null, readFraction: 1 } });
    expect(wrapper.text()).toContain('Opening the message…');
    expect(wrapper.get('[data-test=loading-stage]').text()).toBe('Reading the message…');
  });
});
