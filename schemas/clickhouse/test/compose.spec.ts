import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The server deployments, validated without a Docker engine (none runs here): `docker-compose config`
 * checks each file against the Compose schema and resolves it, and the resolved cluster file is held
 * against its ClickHouse, Keeper and nginx configs. Needs Debian's `docker-compose` (npm test installs
 * it when run as root, .ci/run always): without it this fails, it does not skip.
 */
const DOCKER = fileURLToPath(new URL('../../../docker/', import.meta.url));
const SECRETS = { CLICKHOUSE_PASSWORD: 'pw', CLICKHOUSE_CLUSTER_SECRET: 'secret', ADMIN_TOKEN: 'admin' };

function compose(file: string, args: string[], env: Record<string, string> = SECRETS) {
  const result = spawnSync('docker-compose', ['-f', `${DOCKER}${file}`, ...args], {
    // Only PATH and HOME from outside: a variable set in the shell must not change the outcome.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT')
    throw new Error('docker-compose is not installed: apt-get install -y docker-compose (npm test does it as root)');
  return result;
}

interface Service {
  image?: string;
  build?: unknown;
  hostname?: string;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
}

/** The resolved file as data: docker-compose prints YAML; PyYAML comes with it (Debian's docker-compose is Python). */
function resolved(file: string): { services: Record<string, Service>; volumes: Record<string, unknown> } {
  const config = compose(file, ['config']);
  expect(config.stderr).toBe('');
  expect(config.status).toBe(0);
  const json = spawnSync(
    'python3',
    ['-c', 'import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)'],
    {
      input: config.stdout,
      encoding: 'utf8',
    },
  );
  expect(json.status).toBe(0);
  return JSON.parse(json.stdout) as ReturnType<typeof resolved>;
}

const read = (file: string) => readFileSync(`${DOCKER}${file}`, 'utf8');
const all = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((match) => match[1]);

describe('docker/compose.yaml (one ClickHouse server)', () => {
  it('is a valid Compose file, and refuses to start without a password', () => {
    expect(compose('compose.yaml', ['config', '-q']).status).toBe(0);
    const missing = compose('compose.yaml', ['config', '-q'], { ADMIN_TOKEN: 'admin' });
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('set CLICKHOUSE_PASSWORD');
  });
});

describe('docker/compose.cluster.yaml (2 shards × 2 replicas, 3 Keepers, 2 ingest, 2 API, nginx)', () => {
  const clusterXml = read('clickhouse/cluster.xml');
  const keeperXml = read('clickhouse/keeper.xml');
  const nginx = read('nginx.cluster.conf');
  const apps = ['ingest-1', 'ingest-2', 'api-1', 'api-2'];
  let services: Record<string, Service>;
  let volumes: Record<string, unknown>;
  let servers: string[];
  let keepers: string[];
  beforeAll(() => {
    ({ services, volumes } = resolved('compose.cluster.yaml'));
    const named = (prefix: string) =>
      Object.keys(services)
        .filter((name) => name.startsWith(prefix))
        .sort();
    servers = named('ch-');
    keepers = named('keeper-');
  });

  it('is a valid Compose file, and refuses to start without its secrets', () => {
    expect(compose('compose.cluster.yaml', ['config', '-q']).status).toBe(0);
    for (const name of Object.keys(SECRETS)) {
      const missing = compose('compose.cluster.yaml', ['config', '-q'], { ...SECRETS, [name]: '' });
      expect(missing.status).not.toBe(0);
      expect(missing.stderr).toContain(`set ${name}`);
    }
  });

  it('has the services of the design, images pinned to a version', () => {
    expect(Object.keys(services).sort()).toEqual(
      [
        ...['ch-s1-r1', 'ch-s1-r2', 'ch-s2-r1', 'ch-s2-r2'],
        ...['keeper-1', 'keeper-2', 'keeper-3'],
        'migrate',
        ...apps,
        'proxy',
      ].sort(),
    );
    for (const name of servers) expect(services[name].image).toMatch(/^clickhouse\/clickhouse-server:\d+\.\d+/);
    for (const name of keepers) expect(services[name].image).toMatch(/^clickhouse\/clickhouse-keeper:\d+\.\d+/);
    expect(services.proxy.image).toMatch(/^nginx:\d+\.\d+/);
    for (const name of ['migrate', ...apps]) expect(services[name].build).toBeDefined();
  });

  it('places each server in cluster.xml as its macros say: shard by shard, replica by host name', () => {
    expect(all(clusterXml, /<remote_servers>\s*<(\w+)>/g)).toEqual(['lc']);
    const shards = all(clusterXml, /<shard>([\s\S]*?)<\/shard>/g);
    expect(shards).toHaveLength(2);
    for (const shard of shards) expect(shard).toContain('<internal_replication>true</internal_replication>');
    const placed = shards.flatMap((shard, i) => all(shard, /<host>([\w-]+)<\/host>/g).map((host) => [host, i + 1]));
    expect(placed.map(([host]) => host).sort()).toEqual(servers);
    for (const [host, shard] of placed) {
      const service = services[host];
      expect(service.hostname).toBe(host);
      expect(service.environment).toMatchObject({ CLICKHOUSE_SHARD: String(shard), CLICKHOUSE_REPLICA: host });
      expect(service.volumes).toContain(
        `${DOCKER}clickhouse/cluster.xml:/etc/clickhouse-server/config.d/cluster.xml:ro`,
      );
      expect(service.volumes).toContain(`${host}-data:/var/lib/clickhouse:rw`);
      expect(service.healthcheck?.test.join(' ')).toContain('8123/ping');
      expect(Object.keys(service.depends_on ?? {}).sort()).toEqual(keepers);
    }
    expect(clusterXml).toContain('<shard from_env="CLICKHOUSE_SHARD"/>');
    expect(clusterXml).toContain('<replica from_env="CLICKHOUSE_REPLICA"/>');
  });

  it('points every server at the three Keepers, whose Raft ensemble names each by its id', () => {
    const zookeeper = /<zookeeper>([\s\S]*?)<\/zookeeper>/.exec(clusterXml)?.[1] ?? '';
    expect(all(zookeeper, /<host>([\w-]+)<\/host>/g).sort()).toEqual(keepers);
    const raft = all(keeperXml, /<server>([\s\S]*?)<\/server>/g).map((server) => ({
      id: /<id>(\d+)<\/id>/.exec(server)?.[1],
      host: /<hostname>([\w-]+)<\/hostname>/.exec(server)?.[1] ?? '',
    }));
    expect(raft.map((server) => server.host).sort()).toEqual(keepers);
    for (const { id, host } of raft) {
      expect(services[host].hostname).toBe(host);
      expect(services[host].environment).toEqual({ KEEPER_SERVER_ID: id });
      expect(services[host].volumes).toContain(
        `${DOCKER}clickhouse/keeper.xml:/etc/clickhouse-keeper/keeper_config.xml:ro`,
      );
      expect(services[host].volumes).toContain(`${host}-data:/var/lib/clickhouse-keeper:rw`);
      expect(services[host].healthcheck?.test.join(' ')).toContain('ruok');
    }
  });

  it('runs the alert dispatcher on one API replica only (two would each send every alert)', () => {
    expect(services['api-1'].environment?.ALERT_SCAN_MS).toBeUndefined();
    expect(services['api-2'].environment?.ALERT_SCAN_MS).toBe('0');
  });

  it('migrates once every server is healthy, and starts ingest and API only after that succeeded', () => {
    const migrate = services.migrate;
    expect(migrate.command).toEqual(['node', 'schemas/clickhouse/dist/migrate.cli.js']);
    expect(migrate.depends_on).toEqual(
      Object.fromEntries(servers.map((name) => [name, { condition: 'service_healthy' }])),
    );
    for (const name of ['migrate', ...apps]) {
      const env = services[name].environment ?? {};
      expect(env.CLICKHOUSE_CLUSTER).toBe('lc');
      expect(servers).toContain(new URL(env.CLICKHOUSE_URL).hostname);
    }
    for (const name of apps) {
      expect(services[name].depends_on).toEqual({ migrate: { condition: 'service_completed_successfully' } });
      expect(services[name].healthcheck?.test.join(' ')).toContain(
        `127.0.0.1:${services[name].environment?.PORT}/readyz`,
      );
    }
    expect(services['ingest-1'].command).toEqual(['node', 'ingest/dist/main.js']);
    expect(services['ingest-2'].command).toEqual(['node', 'ingest/dist/main.js']);
    expect(services['api-1'].command).toEqual(['node', 'api/dist/main.js']);
    expect(services['api-2'].command).toEqual(['node', 'api/dist/main.js']);
  });

  it('routes /v1/ to the ingest replicas and /graphql, /export/ to the API replicas behind nginx', () => {
    const upstream = (name: string) =>
      all(new RegExp(`upstream ${name} \\{([^}]*)\\}`).exec(nginx)?.[1] ?? '', /server ([\w-]+:\d+);/g).sort();
    const listening = (prefix: string) =>
      apps.filter((name) => name.startsWith(prefix)).map((name) => `${name}:${services[name].environment?.PORT}`);
    expect(upstream('ingest')).toEqual(listening('ingest-'));
    expect(upstream('api')).toEqual(listening('api-'));
    const routes = Object.fromEntries(
      [...nginx.matchAll(/location ([^\s{]+) \{([^}]*)\}/g)].map(([, path, body]) => [
        path,
        /proxy_pass http:\/\/(\w+);/.exec(body)?.[1],
      ]),
    );
    expect(routes).toMatchObject({ '/v1/': 'ingest', '/graphql': 'api', '/export/': 'api' });
    expect(services.proxy.volumes).toContain(`${DOCKER}nginx.cluster.conf:/etc/nginx/conf.d/default.conf:ro`);
    expect(Object.keys(services.proxy.depends_on ?? {}).sort()).toEqual([...apps].sort());
  });

  it('keeps every node’s data in a named volume', () => {
    const mounted = Object.values(services)
      .flatMap((service) => service.volumes ?? [])
      .filter((volume) => !volume.startsWith('/'))
      .map((volume) => volume.split(':')[0]);
    expect(mounted.sort()).toEqual(Object.keys(volumes).sort());
    expect(Object.keys(volumes)).toEqual(expect.arrayContaining([...servers, ...keepers].map((n) => `${n}-data`)));
  });
});
