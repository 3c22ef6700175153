// Issue 18.6, `sg-pairing serve` on a laptop: a page in a browser can reach 127.0.0.1, so serve
// refuses a Host that does not name this machine (DNS rebinding), a POST not sent as JSON (a form
// or text/plain needs no CORS preflight), and without a token of the user's it makes one.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runServeCommand, startServe, type RunningServe } from '../../cli/serve-command';
import { exampleScenario } from '../support/product';
import { CONFIG_FILE } from '../support/served-faces';
import { useEmulator } from '../support/use-emulator';

const WRITES = ['AuthorizeSecurityGroup', 'RevokeSecurityGroup'];
const cloud = useEmulator({ scenario: exampleScenario(), per: 'suite' });
let serve: RunningServe;

beforeAll(async () => {
  // neither a token nor the opt-out: serve makes its own
  cloud.setEnv({ ...cloud.env(), SG_PAIRING_CONFIG: undefined, SG_PAIRING_HTTP_TOKEN: undefined });
  cloud.setEnv({ SG_PAIRING_HTTP_AUTH: undefined, SG_PAIRING_RETRY_MAX_ATTEMPTS: '1' });
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true); // the handler's FC log lines
  serve = await startServe({ port: 0, configFile: CONFIG_FILE });
});
afterAll(async () => {
  await serve?.close();
  vi.restoreAllMocks();
});

const bearer = () => ({ Authorization: `Bearer ${serve.generatedToken}` });

/** One raw HTTP/1.1 request (fetch cannot set Host): the status line's code. */
function rawStatus(url: string, request: string): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((done, fail) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    let text = '';
    socket.on('data', (c: Buffer) => (text += c.toString()));
    socket.on('end', () => done(Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0)));
    socket.on('error', fail);
  });
}
const getWithHost = (host: string, auth = true) =>
  rawStatus(
    serve.url,
    `GET /plan?pairing=web-pair HTTP/1.1\r\nHost: ${host}\r\n${auth ? `Authorization: Bearer ${serve.generatedToken}\r\n` : ''}Connection: close\r\n\r\n`,
  );

describe('sg-pairing serve refuses what a web page could send it', () => {
  it('421 UnexpectedHost for a Host that is not this machine, whatever the token; 200 for localhost names', async () => {
    const { port } = new URL(serve.url);
    const refused = await Promise.all(
      ['evil.example', `evil.example:${port}`, `localhost.evil.example:${port}`, '10.0.0.5', ''].map((h) =>
        getWithHost(h),
      ),
    );
    const accepted = await Promise.all(
      [`localhost:${port}`, `127.0.0.1:${port}`, 'LOCALHOST'].map((h) => getWithHost(h)),
    );
    expect(refused).toEqual([421, 421, 421, 421, 421]);
    expect(accepted).toEqual([200, 200, 200]);
  });

  it('415 for a POST not sent as JSON, an empty one included; nothing written', async () => {
    const posts = await Promise.all([
      fetch(serve.url + '/reconcile', { method: 'POST', headers: bearer() }),
      fetch(serve.url + '/reconcile', { method: 'POST', headers: bearer(), body: new Blob(['{}']) }),
      fetch(serve.url + '/reconcile', {
        method: 'POST',
        headers: { ...bearer(), 'Content-Type': 'text/plain' },
        body: '{}',
      }),
      fetch(serve.url + '/reconcile', {
        method: 'POST',
        headers: { ...bearer(), 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'a=b',
      }),
    ]);
    const answers = await Promise.all(
      posts.map(async (r) => [r.status, ((await r.json()) as { error: { code: string } }).error.code]),
    );
    expect(answers).toEqual(Array(4).fill([415, 'UnsupportedMediaType']));
    expect(cloud.calls.records.filter((c) => WRITES.includes(c.action))).toEqual([]);
  });

  it('generates a token when none is given: required on all but /healthz', async () => {
    expect(serve.generatedToken).toMatch(/^[\w-]{32}$/);
    expect((await fetch(serve.url + '/healthz')).status).toBe(200);
    expect((await fetch(serve.url + '/plan?pairing=web-pair')).status).toBe(401);
    expect((await fetch(serve.url + '/plan?pairing=web-pair', { headers: { Authorization: 'Bearer x' } })).status).toBe(
      401,
    );
    expect((await fetch(serve.url + '/plan?pairing=web-pair', { headers: bearer() })).status).toBe(200);
  });

  it('the command prints the generated token once, after the URL; a token of the user is never printed', async () => {
    await serve.close();
    delete process.env.SG_PAIRING_HTTP_TOKEN;
    const printed = await runUntilListening();
    expect(printed.lines).toEqual([
      expect.stringMatching(/^listening on http:\/\/127\.0\.0\.1:\d+$/),
      expect.stringMatching(/^token [\w-]{32}$/),
    ]);
    expect(process.env.SG_PAIRING_HTTP_TOKEN).toBeUndefined(); // forgotten when the server stops

    process.env.SG_PAIRING_HTTP_TOKEN = 'users-own-token-5d2a';
    const own = await runUntilListening();
    delete process.env.SG_PAIRING_HTTP_TOKEN;
    expect(own.lines).toEqual([expect.stringMatching(/^listening on /)]);
    expect(own.lines.join('\n')).not.toContain('users-own-token-5d2a');
    serve = await startServe({ port: 0, configFile: CONFIG_FILE });
  });
});

/** Runs `sg-pairing serve --port 0` in this process until it has printed its URL, then stops it. */
async function runUntilListening(): Promise<{ lines: string[]; code: number }> {
  const lines: string[] = [];
  const stop = new AbortController();
  let listening!: () => void;
  const ready = new Promise<void>((r) => (listening = r));
  const io = {
    out: (l: string) => {
      lines.push(l);
      if (l.startsWith('listening on')) queueMicrotask(listening);
    },
    err: (l: string) => void lines.push(l),
    signal: stop.signal,
  };
  const exited = runServeCommand(['--port', '0', '--config', CONFIG_FILE], io);
  await ready;
  stop.abort();
  return { lines, code: await exited };
}
