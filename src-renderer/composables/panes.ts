import { ref } from 'vue';

/** Which pane covers the message: none, or the details (headers, properties, all attachments). */
export type DetailsTab = 'properties' | 'headers' | 'attachments';

const isDetailsOpen = ref(false);
const detailsTab = ref<DetailsTab>('properties');

export function usePanes() {
  return {
    isDetailsOpen,
    detailsTab,
    toggleDetails: () => (isDetailsOpen.value = !isDetailsOpen.value),
    closeDetails: () => (isDetailsOpen.value = false),
  };
}
