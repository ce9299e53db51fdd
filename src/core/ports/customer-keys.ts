/**
 * A customer's key: a keyed hash of the tenant and the customer id (48 bits, base36), what the
 * rollups count in their sets of customers. Keyed, so the rollups cannot be searched for a known
 * id; kept on the interaction, so an erased customer's pseudonymised records count as before.
 */
export interface CustomerKeys {
  keyOf(tenantId: string, customerId: string): string;
}
