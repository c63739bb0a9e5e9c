import { shallowRef } from 'vue';

/** A question the window asks before doing something risky (opening an executable…). */
export interface ConfirmRequest {
  title: string;
  body: string;
  confirmLabel: string;
  cancelLabel: string;
  /** The confirm button is styled as dangerous and Cancel gets the focus. */
  isDangerous: boolean;
  answer(confirmed: boolean): void;
}

const request = shallowRef<ConfirmRequest | null>(null);

/** Shows the dialog and resolves with the user's answer; a newer question cancels an older one. */
export function askConfirmation(question: Omit<ConfirmRequest, 'answer'>): Promise<boolean> {
  request.value?.answer(false);
  return new Promise((resolve) => {
    const current: ConfirmRequest = {
      ...question,
      answer(confirmed) {
        if (request.value === current) request.value = null;
        resolve(confirmed);
      },
    };
    request.value = current;
  });
}

export function useConfirm() {
  return { request, askConfirmation };
}
