/** Outgoing webhooks: signed JSON POSTs to other tools. */
export interface WebhookSender {
  /** Why the service may not call this URL (a code), or null when it may. */
  refusal(url: string): Promise<string | null>;
  /**
   * POSTs the payload signed with the secret; `deliveryId` is the same on every attempt of one
   * delivery, so receivers can drop repeats. Throws PlatformError (`http_<status>`, …).
   */
  send(url: string, payload: unknown, o: { secret: string; deliveryId: string; now: Date }): Promise<void>;
}
