// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import MessageEncoding from '../../src-renderer/components/MessageEncoding.vue';
import { resetSession, useSession } from '../../src-renderer/composables/session';
import { installFakeBridge, ok, sampleMessage, settle } from './fake-bridge';

describe('MessageEncoding', () => {
  afterEach(() => resetSession());

  it('says which code page is in use and reads the message again with the one chosen', async () => {
    const shown = sampleMessage({
      subject: 'Subject àâòîìàòè÷åñêè',
      textEncoding: { codePage: 1252, isChosen: false, hasEightBitText: true },
    });
    const reread = sampleMessage({
      handle: 'message-2',
      subject: 'Subject автоматически',
      textEncoding: { codePage: 1251, isChosen: true, hasEightBitText: true },
    });
    const bridge = installFakeBridge({
      openPath: () => ok(shown),
      setTextEncoding: () => ok(reread),
    });
    const session = useSession();
    await session.openPath('/home/ann/russian.msg');
    await settle();

    const wrapper = mount(MessageEncoding, { props: { message: shown } });
    const select = wrapper.get('[data-test=encoding-select]');
    expect(wrapper.get('label').text()).toBe('Text encoding');
    expect((select.element as HTMLSelectElement).selectedOptions[0]?.textContent?.trim()).toBe(
      'Automatic (Western European (Windows))',
    );
    await select.setValue('1251');
    await settle();
    expect(bridge.callsOf('setTextEncoding')).toEqual([['message-1', 1251]]);
    expect(session.message.value?.subject).toBe('Subject автоматически');
  });
});
