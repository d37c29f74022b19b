import { EnvHttpProxyAgent, fetch, RetryAgent, type Dispatcher } from "undici";
import { InputError } from "../../load/input-issue.js";
import { EnvironmentError, UsageError } from "../../run/errors.js";
import { VERSION } from "../../version.js";
import { MAX_FEED_BYTES } from "../feed-text.js";

/**
 * One GET of a status feed, the way a careful client makes it: through the proxy the environment names
 * (HTTPS_PROXY, HTTP_PROXY, NO_PROXY; Node's own fetch ignores them, undici's EnvHttpProxyAgent reads them), with
 * a timeout per attempt and an overall deadline, retries with exponential backoff on connection failures and on
 * 429/5xx (honouring Retry-After), a conditional request when the last answer's ETag or Last-Modified is known,
 * and a cap on the size of the answer, counted as it arrives (after gzip is undone).
 */

export interface FetchOptions {
  /** Per attempt: connecting, waiting for headers, and any pause while the body arrives. */
  timeoutMs: number;
  /** Retries after the first attempt. */
  retries: number;
  /** The first pause between attempts; each next one doubles it. */
  backoffMs: number;
  maxBytes: number;
  etag?: string | undefined;
  lastModified?: string | undefined;
  /** For tests: the environment whose proxy variables apply (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Aborts the request (Ctrl-C). */
  signal?: AbortSignal | undefined;
}

export const DEFAULT_FETCH: Omit<FetchOptions, "etag" | "lastModified"> = {
  timeoutMs: 30_000,
  retries: 3,
  backoffMs: 500,
  maxBytes: MAX_FEED_BYTES,
};

export type FetchResult =
  | { status: "not-modified" }
  | { status: "ok"; bytes: Uint8Array; etag: string | undefined; lastModified: string | undefined };

/** Connection failures worth another attempt; a server that is slow to answer is not retried. */
const RETRIED_ERRORS = [
  "ECONNRESET",
  "ECONNREFUSED",
  "ENOTFOUND",
  "ENETDOWN",
  "ENETUNREACH",
  "EHOSTDOWN",
  "EHOSTUNREACH",
  "EPIPE",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
];

function dispatcher(opts: FetchOptions): Dispatcher {
  const env = opts.env ?? process.env;
  // Read here, from `env`, so a test's environment decides alone (undici would fall back to process.env). As with
  // undici and curl, the lower-case name wins; an https URL without HTTPS_PROXY goes through HTTP_PROXY (undici).
  const pick = (...names: string[]) => names.map((n) => env[n]).find((v) => v !== undefined && v !== "") ?? "";
  const agent = new EnvHttpProxyAgent({
    httpProxy: pick("http_proxy", "HTTP_PROXY"),
    httpsProxy: pick("https_proxy", "HTTPS_PROXY"),
    noProxy: pick("no_proxy", "NO_PROXY"),
    connect: { timeout: opts.timeoutMs },
    headersTimeout: opts.timeoutMs,
    bodyTimeout: opts.timeoutMs,
  });
  return new RetryAgent(agent, {
    maxRetries: opts.retries,
    minTimeout: opts.backoffMs,
    maxTimeout: opts.backoffMs * 8,
    timeoutFactor: 2,
    errorCodes: RETRIED_ERRORS,
    statusCodes: [429, 500, 502, 503, 504],
    methods: ["GET"],
  });
}

export async function fetchFeed(url: URL, opts: FetchOptions): Promise<FetchResult> {
  const shown = url.href;
  const agent = dispatcher(opts);
  // Every attempt may take the timeout, plus the pauses between attempts: the run can never hang longer.
  const deadline = (opts.retries + 1) * opts.timeoutMs + opts.backoffMs * (2 ** (opts.retries + 1) - 1);
  const headers: Record<string, string> = {
    "user-agent": `caution/${VERSION} (incident history pull)`,
    accept: "application/json, application/rss+xml, application/xml, text/xml;q=0.9, */*;q=0.1",
    "accept-encoding": "gzip, deflate, br",
  };
  if (opts.etag) headers["if-none-match"] = opts.etag;
  if (opts.lastModified) headers["if-modified-since"] = opts.lastModified;
  try {
    const response = await fetch(url, {
      headers,
      dispatcher: agent,
      redirect: "follow",
      signal: opts.signal
        ? AbortSignal.any([opts.signal, AbortSignal.timeout(deadline)])
        : AbortSignal.timeout(deadline),
    });
    if (response.status === 304) {
      await response.body?.cancel();
      return { status: "not-modified" };
    }
    checkFinalUrl(url, new URL(response.url || url.href));
    if (response.status < 200 || response.status > 299) {
      await response.body?.cancel();
      throw statusError(shown, response.status, response.statusText, opts.retries);
    }
    const length = Number(response.headers.get("content-length") ?? NaN);
    const encoded = response.headers.get("content-encoding");
    if (Number.isFinite(length) && length > opts.maxBytes && (encoded === null || encoded === "identity")) {
      await response.body?.cancel();
      throw tooLarge(shown, opts.maxBytes, `${length} bytes`);
    }
    const bytes = await readCapped(response.body as ReadableStream<Uint8Array> | null, shown, opts.maxBytes);
    return {
      status: "ok",
      bytes,
      etag: response.headers.get("etag") ?? undefined,
      lastModified: response.headers.get("last-modified") ?? undefined,
    };
  } catch (err) {
    if (err instanceof InputError || err instanceof UsageError || err instanceof EnvironmentError) throw err;
    // Interrupted: the run's own InterruptedError (the signal's reason) says so.
    if (opts.signal?.aborted) throw opts.signal.reason as Error;
    throw networkError(shown, err, opts);
  } finally {
    await agent.close().catch(() => undefined);
  }
}

async function readCapped(body: ReadableStream<Uint8Array> | null, shown: string, max: number): Promise<Uint8Array> {
  if (body === null) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      throw tooLarge(shown, max, "more");
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

function tooLarge(shown: string, max: number, size: string): InputError {
  return new InputError([
    { file: shown, message: `the answer is ${size} bytes; the limit for a feed is ${max} bytes: not an incident feed` },
  ]);
}

/** A redirect may only lead to https (or back to this machine, for tests): a feed is never read in clear text. */
function checkFinalUrl(asked: URL, final: URL): void {
  if (final.protocol === "https:" || (final.protocol === "http:" && isLoopback(final.hostname))) return;
  throw new UsageError(`${asked.href} redirected to ${final.href}: caution reads feeds over https only`);
}

export function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127(?:\.\d{1,3}){3}$/.test(h);
}

function statusError(shown: string, status: number, text: string, retries: number): Error {
  const said = `${status}${text ? ` ${text}` : ""}`;
  if (status >= 400 && status < 500 && status !== 408 && status !== 429)
    return new UsageError(
      `${shown} answered ${said}: check the address (for a Statuspage give its base URL, e.g. https://www.githubstatus.com)`,
    );
  return new EnvironmentError(
    `${shown} answered ${said}${retries > 0 ? ` after ${retries + 1} attempts` : ""}; try again later`,
  );
}

/** undici wraps the reason in `cause` (and a retried status in RequestRetryError): name it in words. */
function networkError(shown: string, err: unknown, opts: FetchOptions): Error {
  const cause = (err as { cause?: unknown }).cause ?? err;
  const code = (cause as { code?: string }).code ?? (cause as { name?: string }).name;
  const status = (cause as { statusCode?: number }).statusCode;
  if (code === "UND_ERR_REQ_RETRY" && status !== undefined) return statusError(shown, status, "", opts.retries);
  const seconds = `${opts.timeoutMs / 1000} s`;
  const reasons: Record<string, string> = {
    ECONNREFUSED: "the connection was refused",
    ENOTFOUND: "the host name was not found (DNS)",
    EAI_AGAIN: "the host name could not be resolved (DNS)",
    ECONNRESET: "the connection was reset",
    ENETUNREACH: "the network is unreachable",
    EHOSTUNREACH: "the host is unreachable",
    UND_ERR_CONNECT_TIMEOUT: `no connection within ${seconds}`,
    UND_ERR_HEADERS_TIMEOUT: `no answer within ${seconds}`,
    UND_ERR_BODY_TIMEOUT: `the answer stalled for ${seconds}`,
    TimeoutError: "the overall time limit was reached",
    UND_ERR_SOCKET: "the connection broke",
  };
  const reason =
    (code !== undefined ? reasons[code] : undefined) ??
    (cause instanceof Error ? cause.message : String(cause)).split("\n")[0]!.slice(0, 200);
  const retried =
    code !== undefined && RETRIED_ERRORS.includes(code) && opts.retries > 0 ? ` (${opts.retries + 1} attempts)` : "";
  return new EnvironmentError(
    `cannot fetch ${shown}: ${reason}${retried}. Check the network, or the proxy (HTTPS_PROXY, NO_PROXY); nothing was written`,
  );
}
