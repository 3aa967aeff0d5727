// A tiny static file server for the built app: what `npm start`, the browser tests and the
// benchmark use. It serves only files under build/, on loopback, with the right wasm type.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'build');
/** @type {Record<string, string>} */
const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json',
	'.wasm': 'application/wasm',
	'.csv': 'text/csv; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.webmanifest': 'application/manifest+json',
	'.txt': 'text/plain; charset=utf-8'
};

/**
 * Starts the server; resolves with its address once listening. Port 0 picks a free port.
 * @returns {Promise<{ server: import('node:http').Server, url: string }>}
 */
export function serve({ port = 4173, host = '127.0.0.1', root = ROOT } = {}) {
	const server = createServer(async (req, res) => {
		try {
			const url = new URL(req.url ?? '/', 'http://localhost');
			let file = path.join(root, decodeURIComponent(url.pathname));
			if (!file.startsWith(root)) throw new Error('outside root');
			const info = await stat(file).catch(() => null);
			if (!info || info.isDirectory()) file = path.join(root, 'index.html');
			const body = await readFile(file);
			res.writeHead(200, {
				'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
				'cache-control': file.includes(`${path.sep}immutable${path.sep}`)
					? 'public, max-age=31536000, immutable'
					: 'no-cache'
			});
			res.end(body);
		} catch {
			res.writeHead(404).end('not found');
		}
	});
	return new Promise((resolve) => {
		server.listen(port, host, () => {
			const address = /** @type {import('node:net').AddressInfo} */ (server.address());
			resolve({ server, url: `http://${host}:${address.port}/` });
		});
	});
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const port = Number(process.env.PORT ?? 4173);
	const { url } = await serve({ port });
	console.log(
		`Casemetrics is running at ${url} (sample data loads on first visit). Ctrl+C stops it.`
	);
}
