import * as z from 'zod';
import { byteSize, duration, headerMap, nonNegativeInt } from './common.js';

export const cookieModes = ['iteration', 'vu', 'off'] as const;
export const httpVersionModes = ['auto', 'http1', 'http2'] as const;
export const connectionReuseModes = ['vu', 'iteration', 'off'] as const;
export const tlsVersions = ['tls1.0', 'tls1.1', 'tls1.2', 'tls1.3'] as const;
export const dnsSelections = ['random', 'roundRobin', 'first'] as const;
export const dnsPolicies = ['preferIPv4', 'preferIPv6', 'onlyIPv4', 'onlyIPv6', 'any'] as const;

/** An IPv4 or IPv6 address, written plainly (no brackets, no port). */
const ipAddress = z.string().regex(/^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)$/, {
  error: 'expected an IP address such as 127.0.0.1 or ::1',
});

const clientCertificateSchema = z
  .strictObject({
    domains: z
      .array(z.string().min(1))
      .min(1)
      .describe('Hosts this certificate is presented to (each also covers its subdomains).'),
    cert: z.string().min(1).describe('PEM file of the client certificate (chain), relative to the preset.'),
    key: z.string().min(1).describe('PEM file of its private key, relative to the preset.'),
  })
  .describe("A client certificate for mutual TLS (k6's tlsAuth).");

const tlsSchema = z
  .strictObject({
    ca: z
      .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
      .optional()
      .describe(
        'PEM file(s) of CA certificates to trust, relative to the preset, in addition to the system CAs (an internal CA, say).',
      ),
    clientCertificates: z
      .array(clientCertificateSchema)
      .optional()
      .describe("Client certificates for mutual TLS, each for its own hosts (k6's tlsAuth)."),
    minVersion: z
      .enum(tlsVersions)
      .optional()
      .describe('Lowest TLS version offered (default tls1.2, as Go).'),
    maxVersion: z.enum(tlsVersions).optional().describe('Highest TLS version offered (default tls1.3).'),
  })
  .describe('TLS options: trusted CAs, client certificates, versions.');

const proxySchema = z
  .union([
    z.string().min(1),
    z.strictObject({
      url: z.string().min(1).describe('The proxy, http://[user:password@]host:port.'),
      noProxy: z
        .string()
        .optional()
        .describe(
          'Hosts reached directly, as NO_PROXY writes them: example.com, .example.com, 10.0.0.0/8, *.',
        ),
    }),
  ])
  .describe(
    'An HTTP proxy for every request (https through a CONNECT tunnel): a URL such as http://user:pass@proxy:3128, or "none" to ignore HTTP_PROXY/HTTPS_PROXY. Without it, those variables apply (loopback is never proxied by them).',
  );

const dnsSchema = z
  .strictObject({
    select: z
      .enum(dnsSelections)
      .default('random')
      .describe(
        'Which address of a name each new connection uses: random (k6 default), roundRobin, or first.',
      ),
    policy: z
      .enum(dnsPolicies)
      .default('preferIPv4')
      .describe('Which address families: preferIPv4 (k6 default), preferIPv6, onlyIPv4, onlyIPv6, any.'),
    ttl: duration('How long an answer is kept').default('5m'),
    hosts: z
      .record(z.string().min(1), z.union([ipAddress, z.array(ipAddress).min(1)]))
      .optional()
      .describe(
        "Names answered without DNS (k6's hosts): api.test: 127.0.0.1, or a list of addresses. The Host header and TLS name stay the URL's.",
      ),
  })
  .describe('How host names are resolved and which address each connection takes.');

export const targetSchema = z
  .strictObject({
    baseUrl: z
      .string()
      .regex(/^https?:\/\/[^\s/]+/, { error: 'expected an http:// or https:// URL' })
      .optional()
      .describe(
        "Base URL that request paths and browser steps are joined to, for example ${TARGET_URL:-http://127.0.0.1:8080}; required unless every scenario is a script's (they name their URLs).",
      ),
    headers: headerMap.optional(),
    timeout: duration('Default request timeout (k6: 60s)').default('60s'),
    maxRedirects: nonNegativeInt(
      'Redirects followed before the response is returned as is (k6: 10).',
    ).default(10),
    insecureSkipTLSVerify: z
      .boolean()
      .default(false)
      .describe('Accept any TLS certificate (for test environments).'),
    cookies: z
      .enum(cookieModes)
      .default('iteration')
      .describe(
        "Each API VU keeps the cookies responses set and sends them back, as k6 does. iteration: the jar is emptied at the start of every iteration (k6's default); vu: kept for the VU's life (k6's noCookiesReset); off: no cookies are kept or sent.",
      ),
    http: z
      .enum(httpVersionModes)
      .default('auto')
      .describe(
        'HTTP version. auto: what the server picks by ALPN on https (HTTP/2 or HTTP/1.1), HTTP/1.1 on http; http1: HTTP/1.1 only; http2: HTTP/2 only (cleartext h2c with prior knowledge on http://).',
      ),
    tls: tlsSchema.optional(),
    proxy: proxySchema.optional(),
    dns: dnsSchema.prefault({}),
    localAddresses: z
      .array(ipAddress)
      .min(1)
      .optional()
      .describe(
        'Source addresses new connections take in turn, so that one machine holds more connections to one target than one address has ephemeral ports.',
      ),
    connectionReuse: z
      .enum(connectionReuseModes)
      .default('vu')
      .describe(
        "vu: each VU keeps its connections (k6's default); iteration: dropped between iterations (k6's noVUConnectionReuse); off: a new connection for every request (k6's noConnectionReuse).",
      ),
    maxResponseBodySize: byteSize(
      'Largest response body kept for checks and captures, after decoding; a larger one fails the request with error 1040',
    ).default('8MB'),
  })
  .describe('Where the load goes and how requests are sent.');
