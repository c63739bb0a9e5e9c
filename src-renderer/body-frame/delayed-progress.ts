import { computed, onBeforeUnmount, ref } from 'vue';

/** Work shorter than this shows no bar: small mail would only flash one. */
export const PROGRESS_DELAY_MS = 150;

/**
 * How far some work is (0…1, or null when none is going on), and whether to show it: only once
 * the work has taken longer than PROGRESS_DELAY_MS.
 */
export function useDelayedProgress() {
  const fraction = ref<number | null>(null);
  const hasTakenAWhile = ref(false);
  let timer: ReturnType<typeof setTimeout> | undefined;

  function start(): void {
    clearTimeout(timer);
    fraction.value = 0;
    hasTakenAWhile.value = false;
    timer = setTimeout(() => (hasTakenAWhile.value = true), PROGRESS_DELAY_MS);
  }

  function end(): void {
    clearTimeout(timer);
    fraction.value = null;
    hasTakenAWhile.value = false;
  }

  onBeforeUnmount(() => clearTimeout(timer));

  return {
    fraction,
    isBusy: computed(() => fraction.value !== null),
    isShown: computed(() => fraction.value !== null && hasTakenAWhile.value),
    start,
    end,
  };
}
