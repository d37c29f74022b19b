/** What both AWS formats share: the public page events link to, region codes, post-event summary links. */

/** AWS publishes no per-event page; every row links to the Health Dashboard. */
export const AWS_HEALTH_PAGE = "https://health.aws.amazon.com/health/status";

/** An AWS region code: us-east-1, eu-central-2, us-gov-west-1, cn-north-1, ap-southeast-5. */
const REGION = /^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
/** Region names of the legacy dashboard's service keys that are not codes. */
const LEGACY_REGIONS: Record<string, string> = { "us-standard": "us-east-1" };

export function isAwsRegion(value: string): boolean {
  return REGION.test(value) || value === "global";
}

/** The region code at the end of a service key (`ec2-us-east-1` -> `us-east-1`), or undefined. */
export function awsRegionOf(serviceKey: string): string | undefined {
  const key = serviceKey.trim().toLowerCase();
  for (const [legacy, code] of Object.entries(LEGACY_REGIONS)) if (key.endsWith(`-${legacy}`)) return code;
  const m = /-([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2})$/.exec(key);
  return m?.[1];
}

/** The region segment of a Health event ARN (`arn:aws:health:me-central-1::event/...`), when it is one. */
export function arnRegion(arn: string): string | undefined {
  const part = arn.split(":")[3]?.trim().toLowerCase();
  return part !== undefined && isAwsRegion(part) ? part : undefined;
}

const PES = /https:\/\/aws\.amazon\.com\/message\/([0-9a-z]{1,20})\/?/i;

/** The first link to a Post-Event Summary (aws.amazon.com/message/<id>/) in the texts, in order. */
export function pesLink(texts: readonly string[]): { url: string; path: string } | undefined {
  for (const text of texts) {
    const m = PES.exec(text);
    if (m) return { url: `https://aws.amazon.com/message/${m[1]!.toLowerCase()}/`, path: `/message/${m[1]}` };
  }
  return undefined;
}
