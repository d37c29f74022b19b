import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { connect, type AddressInfo } from "node:net";

/**
 * Servers for the pull tests, all on 127.0.0.1 and closed by the test: a feed server whose routes say what to
 * answer, and a forward proxy (plain HTTP requests and CONNECT tunnels) that records what went through it.
 */

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

export interface Running {
  origin: string;
  port: number;
  /** Requests seen, as "METHOD path" (the proxy: "METHOD target"). */
  seen: { line: string; headers: IncomingMessage["headers"] }[];
  close: () => Promise<void>;
}

async function listen(server: Server, seen: Running["seen"]): Promise<Running> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function feedServer(routes: Record<string, Route>): Promise<Running> {
  const seen: Running["seen"] = [];
  const server = createServer((req, res) => {
    seen.push({ line: `${req.method} ${req.url}`, headers: req.headers });
    const route = routes[(req.url ?? "").split("?")[0]!];
    if (!route) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    route(req, res);
  });
  return listen(server, seen);
}

export async function forwardProxy(): Promise<Running> {
  const seen: Running["seen"] = [];
  const server = createServer((req, res) => {
    seen.push({ line: `${req.method} ${req.url}`, headers: req.headers });
    const target = new URL(req.url ?? "");
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on("connect", (req, client, head) => {
    seen.push({ line: `CONNECT ${req.url}`, headers: req.headers });
    const [host, port] = (req.url ?? "").split(":");
    const upstream = connect(Number(port), host!, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  return listen(server, seen);
}

/** A port nothing listens on: bound, then closed. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
