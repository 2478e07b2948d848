// A static file server for the demo page, on the loopback address only.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { extname, join, normalize, resolve, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".wasm": "application/wasm", ".json": "application/json", ".ts": "text/plain",
};

/**
 * Serves `root` on 127.0.0.1 at a free port; resolves to { url, close }.
 * With `{ gzip: true }` it compresses what it sends (gzip -9) to a client
 * that accepts it, as a production server would.
 */
export function serve(root, { gzip = false } = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    const file = join(base, path);
    if (!file.startsWith(base + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      const type = TYPES[extname(file)] ?? "application/octet-stream";
      if (gzip && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
        res.writeHead(200, { "content-type": type, "content-encoding": "gzip" }).end(gzipSync(body, { level: 9 }));
      } else {
        res.writeHead(200, { "content-type": type }).end(body);
      }
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  return new Promise((ok) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      ok({ url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

if (process.argv[1] && process.argv[1].endsWith("serve.mjs")) {
  const root = resolve(process.argv[2] ?? ".");
  serve(root).then(({ url }) => console.log(`serving ${root} at ${url}/examples/web/index.html`));
}
