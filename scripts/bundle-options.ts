import type { BuildOptions } from 'esbuild';

/**
 * How every shipped bundle (the functions' and the CLI's) is built: one self-contained, minified CommonJS
 * file for Node 20.
 *
 * `define`: the SDK's HTTP client (httpx) logs through the `debug` package, which reads its namespaces from
 * `process.env.DEBUG`: with `DEBUG=httpx:*` every request header (the STS security token) and every response
 * body (AssumeRole's AccessKeySecret) would reach the log. In the bundles that read is the constant
 * `undefined`, so `debug` starts, and stays, with every namespace off.
 */
export const NODE_BUNDLE = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  logLevel: 'warning',
  define: { 'process.env.DEBUG': 'undefined' },
  // ali-oss's HTTP client (urllib) requires `proxy-agent` only when a request asks for a proxy, which
  // sg-pairing never does: left out of the bundle rather than shipped
  external: ['proxy-agent'],
} as const satisfies BuildOptions;
