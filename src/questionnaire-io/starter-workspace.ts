import { INCIDENT_COLUMNS } from "../schema/incident.js";

export interface StarterWorkspaceOptions {
  asOf: string;
  vendorIds: readonly string[];
  /** For editors (yaml-language-server): the workspace schema's path or URL. */
  schema?: string;
}

/**
 * The `caution.yaml` that `caution init` writes: valid as it stands, every optional setting shown commented out
 * with what it means.
 */
export function starterWorkspaceYaml(opts: StarterWorkspaceOptions): string {
  const lines = [
    ...(opts.schema ? [`# yaml-language-server: $schema=${opts.schema}`] : []),
    "# caution workspace: who you are, what an hour of outage costs you, and which cloud providers you depend on.",
    "# Every field: caution schema workspace, or docs/workspace.md in the caution package.",
    "organisation: Example Organisation",
    "currency: EUR                 # ISO 4217 code",
    "downtimeCostPerHour: 50000    # what one hour of full outage costs your business",
    `asOf: "${opts.asOf}"            # the date this assessment speaks for; also the report date`,
    "# failOn: high                # default for --fail-on",
    "# regulations: [dora, nis2]   # incident-reporting clocks you must meet: dora, nis2, eu-ai-act",
    "# scoring:                    # risk appetite; every value here is printed in the report's methodology",
    "#   thresholds: { moderate: 25, high: 50, critical: 75 }",
    "#   domainWeights: { DEL: 4 }",
    "#   questionWeights: { DEL-01: 3 }",
    "#   unevidencedCredit: 0.5    # share of a favourable answer's credit kept without evidence (or when stale)",
    "#   freshnessMonths: 12       # answers older than this are stale",
    "vendors:",
    ...opts.vendorIds.flatMap((id) => [
      `  - id: ${id}${" ".repeat(Math.max(1, 22 - id.length))}# matches vendors/${id}.yaml and the vendor column of incidents/*.csv`,
      "    monthlySpend: 20000       # what you pay this provider a month (SLA credits are a share of it)",
      "    criticality: high         # low | medium | high | critical: how critical the workloads you run there are",
      "    singleRegion: false       # true when they run in one region with no failover",
      "    # services: [compute, block-storage]   # what you use there; incidents elsewhere do not affect you",
      "    # regions: [eu-west-1]                 # main region first",
    ]),
  ];
  return `${lines.join("\n")}\n`;
}

/**
 * An incident CSV with one example row, inside the twelve complete months the SLA arithmetic scores (the 15th of the
 * month before the as-of date's), so the first report shows what an incident does to the figures.
 */
export function starterIncidentCsv(asOf: string, vendorId: string): string {
  const [y, m] = asOf.split("-").map(Number) as [number, number];
  const prev = new Date(Date.UTC(y, m - 2, 15)).toISOString().slice(0, 10);
  return `${INCIDENT_COLUMNS.join(",")}\n${vendorId},INC-1,Example: elevated error rates for block storage,${prev}T09:00:00Z,${prev}T10:30:00Z,minor,block-storage,eu-west-1,software,no,\n`;
}
