/**
 * Where a referral is started from outside the case (the partner directory, a contact of the
 * contact point): the case page with `refer` in its query, which opens the Orientation section's
 * referral form, with `service` (`organisationId.serviceId`) pre-selected when given. Only
 * identifiers travel in the address, never a name.
 */
export function referralFormUrl(caseId: string, service?: { organisationId: string; serviceId: string }): string {
  const query = new URLSearchParams({ refer: service ? `${service.organisationId}.${service.serviceId}` : '1' })
  return `/accompaniments/${encodeURIComponent(caseId)}?${query.toString()}#case-orientation`
}

/** The service named by `refer`, or null when the form opens without one. */
export function referredService(refer: string | null): { organisationId: string; serviceId: string } | null {
  const [organisationId, serviceId] = (refer ?? '').split('.')
  return organisationId && serviceId ? { organisationId, serviceId } : null
}
