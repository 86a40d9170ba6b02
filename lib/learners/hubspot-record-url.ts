/** The contact's record page in HubSpot's own app, for a portal (account) id and a contact (record) id. */
export function hubspotRecordUrl(portalId: number, contactId: string): string {
  return `https://app.hubspot.com/contacts/${portalId}/record/0-1/${encodeURIComponent(contactId)}`;
}
