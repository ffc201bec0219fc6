// The classification's door to the outbound webhooks: queues customer.segment_changed events and sends
// them at once. A failing receiver never fails the classification (its attempts are in the WebhookLog).
import { deliverWebhooks, queueSegmentChanges } from "./webhooks";

export function notifySegmentChanges(
  previous: readonly unknown[],
  next: readonly unknown[],
  ids: readonly unknown[],
): void {
  try {
    queueSegmentChanges(previous, next, ids);
    deliverWebhooks();
  } catch {
    // Kept in the retry queue where it could be; the classification's own result stands.
  }
}
