import { anything, bool, int, type KeySpec, keys, list, map, oneOf, str } from './key-schema.js';

/**
 * The configuration keys Kamal 2 accepts (lib/kamal/configuration/docs/*.yml in basecamp/kamal 2.x, which
 * Kamal's own validator checks against), for the sections FPT's deploy files use. Sections FPT does not use
 * (sshkit, output, aliases) are accepted without looking inside.
 * Kamal itself refuses unknown keys; so does this, so that a misspelled key fails here rather than in CI.
 * The real `kamal config -d <destination>` still runs in the deploy workflow.
 */

const envValues = map(str);
const envSection = keys({ clear: envValues, secret: list(str) });
/** `env:` is either a plain map of values or `clear`/`secret`/`tags`. */
const env = oneOf(
  keys({ clear: envValues, secret: list(str), tags: map(oneOf(envSection, envValues)) }),
  envValues,
);

const registry = keys({
  server: str,
  // A list means "the secret of that name"; a string is the value itself.
  username: oneOf(str, list(str)),
  password: oneOf(str, list(str)),
});

const proxy = keys({
  host: str,
  hosts: list(str),
  app_port: int,
  ssl: oneOf(bool, keys({ certificate_pem: str, private_key_pem: str })),
  ssl_redirect: bool,
  forward_headers: bool,
  response_timeout: int,
  path_prefix: str,
  strip_path_prefix: bool,
  healthcheck: keys({ interval: int, path: str, timeout: int }),
  buffering: keys({
    requests: bool,
    responses: bool,
    max_request_body: int,
    max_response_body: int,
    memory: int,
  }),
  logging: keys({ request_headers: list(str), response_headers: list(str) }),
  // How kamal-proxy's own container runs on each host (Kamal::Configuration::Proxy::Run): the ports it
  // publishes and on which addresses (`--publish <ip>:80:80` per bind_ips entry), its image, its options.
  run: keys({
    bind_ips: list(str),
    http_port: int,
    https_port: int,
    publish: bool,
    http3: bool,
    metrics_port: int,
    debug: bool,
    log_max_size: str,
    version: str,
    registry: str,
    repository: str,
    options: map(anything),
  }),
});

const logging = keys({ driver: str, options: map(str) });

/** A host, or a host with its tags: `- 192.0.2.1` or `- 192.0.2.1: [tag]`. */
const host = oneOf(str, map(oneOf(str, list(str))));

const role = oneOf(
  list(host),
  keys({
    hosts: list(host),
    cmd: str,
    options: map(anything),
    logging,
    proxy: oneOf(bool, proxy),
    labels: map(str),
    env,
    asset_path: str,
    stop_timeout: int,
  }),
);

const mountedPaths = list(oneOf(str, keys({ local: str, remote: str, mode: str, owner: str, options: str })));

const accessory = keys({
  service: str,
  image: str,
  registry,
  host: str,
  hosts: list(str),
  role: str,
  roles: list(str),
  tag: str,
  tags: list(str),
  cmd: str,
  port: str,
  labels: map(str),
  options: map(anything),
  env,
  files: mountedPaths,
  directories: mountedPaths,
  volumes: list(str),
  network: str,
  proxy,
});

const builder = keys({
  driver: str,
  arch: oneOf(str, list(str)),
  remote: str,
  local: bool,
  cache: keys({ type: str, options: str, image: str }),
  context: str,
  dockerfile: str,
  target: str,
  args: map(anything),
  secrets: list(str),
  ssh: str,
});

const ssh = keys({
  user: str,
  port: int,
  proxy: str,
  proxy_command: str,
  log_level: str,
  keys_only: bool,
  keys: list(str),
  key_data: list(str),
  config: oneOf(bool, str, list(str)),
});

export const kamalKeys: KeySpec = keys(
  {
    service: str,
    image: str,
    labels: map(str),
    volumes: list(str),
    registry,
    servers: oneOf(list(host), map(role)),
    env,
    asset_path: str,
    hooks_path: str,
    hooks_output: oneOf(str, map(str)),
    secrets_path: str,
    error_pages_path: str,
    require_destination: bool,
    primary_role: str,
    allow_empty_roles: bool,
    retain_containers: int,
    minimum_version: str,
    readiness_delay: int,
    deploy_timeout: int,
    drain_timeout: int,
    // Seconds `docker stop` waits before killing the old container (Kamal::Configuration::Role#stop_timeout).
    stop_timeout: int,
    run_directory: str,
    ssh,
    builder,
    accessories: map(accessory),
    proxy,
    sshkit: map(anything),
    boot: keys({ limit: oneOf(int, str), wait: int }),
    logging,
    output: map(anything),
    aliases: map(str),
  },
  { extensions: true },
);
