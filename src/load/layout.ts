/**
 * Where things are in a workspace folder. Every stage that names a workspace file takes the name from here, so the
 * layout is spelled once:
 *
 *   caution.yaml            who you are, what an hour of outage costs, which providers you depend on
 *   vendors/<id>.yaml       each provider's answers (and SLA terms)
 *   incidents/*.csv         incident histories in the canonical columns (usually incidents/<id>.csv)
 */
export const WORKSPACE_FILE = "caution.yaml";
export const VENDORS_DIR = "vendors";
export const INCIDENTS_DIR = "incidents";

/** `vendors/<id>.yaml`, relative to the workspace. */
export const vendorFile = (id: string) => `${VENDORS_DIR}/${id}.yaml`;
/** `incidents/<id>.csv`, relative to the workspace: where import and pull write a vendor's incidents. */
export const incidentFile = (id: string) => `${INCIDENTS_DIR}/${id}.csv`;
