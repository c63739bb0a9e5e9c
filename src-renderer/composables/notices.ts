import { ref } from 'vue';

/** Short messages after an action ("Saved to …", "Could not open …"), read out by screen readers. */
export interface Notice {
  id: number;
  text: string;
  tone: 'info' | 'error';
}

/** Long enough to read a path; errors stay until dismissed or replaced. */
const NOTICE_DURATION_MS = 6000;
const MAX_NOTICES = 3;

const notices = ref<Notice[]>([]);
let nextId = 1;

function dismiss(id: number): void {
  notices.value = notices.value.filter((notice) => notice.id !== id);
}

export function notify(text: string, tone: Notice['tone'] = 'info'): void {
  const id = nextId++;
  notices.value = [...notices.value, { id, text, tone }].slice(-MAX_NOTICES);
  if (tone === 'info') setTimeout(() => dismiss(id), NOTICE_DURATION_MS);
}

export function useNotices() {
  return { notices, notify, dismiss };
}
