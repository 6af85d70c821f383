import { describe, expect, it } from 'vitest';
import { expandVars, expand, mappingFuncFor, resolveCommand, resolveEnv, resolveEnvDetailed } from './index';

// k8s.io/kubernetes third_party/forked/golang/expansion/expand_test.go, doExpansionTest cases (TestMapping context).
const context = { VAR_A: 'A', VAR_B: 'B', VAR_C: 'C', VAR_REF: '$(VAR_A)', VAR_EMPTY: '' };
const cases: [string, string, string][] = [
  ['whole string', '$(VAR_A)', 'A'],
  ['repeat', '$(VAR_A)-$(VAR_A)', 'A-A'],
  ['beginning', '$(VAR_A)-1', 'A-1'],
  ['middle', '___$(VAR_B)___', '___B___'],
  ['end', '___$(VAR_C)', '___C'],
  ['compound', '$(VAR_A)_$(VAR_B)_$(VAR_C)', 'A_B_C'],
  ['escape & expand', '$$(VAR_B)_$(VAR_A)', '$(VAR_B)_A'],
  ['compound escape', '$$(VAR_A)_$$(VAR_B)', '$(VAR_A)_$(VAR_B)'],
  ['mixed in escapes', 'f000-$$VAR_A', 'f000-$VAR_A'],
  ['backslash escape ignored', 'foo\\$(VAR_C)bar', 'foo\\Cbar'],
  ['backslash escape ignored (2)', 'foo\\\\$(VAR_C)bar', 'foo\\\\Cbar'],
  ['lots of backslashes', 'foo\\\\\\\\$(VAR_A)bar', 'foo\\\\\\\\Abar'],
  ['nested var references', '$(VAR_A$(VAR_B))', '$(VAR_A$(VAR_B))'],
  ['nested var references second type', '$(VAR_A$(VAR_B)', '$(VAR_A$(VAR_B)'],
  ['value is a reference', '$(VAR_REF)', '$(VAR_A)'],
  ['value is a reference x 2', '%%$(VAR_REF)--$(VAR_REF)%%', '%%$(VAR_A)--$(VAR_A)%%'],
  ['empty var', 'foo$(VAR_EMPTY)bar', 'foobar'],
  ['unterminated expression', 'foo$(VAR_Awhoops!', 'foo$(VAR_Awhoops!'],
  ['expression without operator', 'f00__(VAR_A)__', 'f00__(VAR_A)__'],
  ['shell special vars pass through', '$?_boo_$!', '$?_boo_$!'],
  ['bare operators are ignored', '$VAR_A', '$VAR_A'],
  ['undefined vars are passed through', '$(VAR_DNE)', '$(VAR_DNE)'],
  ['multiple (even) operators, var undefined', '$$$$$$(BIG_MONEY)', '$$$(BIG_MONEY)'],
  ['multiple (even) operators, var defined', '$$$$$$(VAR_A)', '$$$(VAR_A)'],
  ['multiple (odd) operators, var undefined', '$$$$$$$(GOOD_ODDS)', '$$$$(GOOD_ODDS)'],
  ['multiple (odd) operators, var defined', '$$$$$$$(VAR_A)', '$$$A'],
  ['missing open expression', '$VAR_A)', '$VAR_A)'],
  ['shell syntax ignored', '${VAR_A}', '${VAR_A}'],
  ['trailing incomplete expression not consumed', '$(VAR_B)_______$(A', 'B_______$(A'],
  ['trailing incomplete expression, no content, is not consumed', '$(VAR_C)_______$(', 'C_______$('],
  ['operator at end of input string is preserved', '$(VAR_A)foobarzab$', 'Afoobarzab$'],
  ['shell escaped incomplete expr', 'foo-\\$(VAR_A', 'foo-\\$(VAR_A'],
  ['lots of $( in middle', '--$($($($($--', '--$($($($($--'],
  ['lots of $( in beginning', '$($($($($--foo$(', '$($($($($--foo$('],
  ['lots of $( at end', 'foo0--$($($($(', 'foo0--$($($($('],
  ['escaped operators in variable names are not escaped', '$(foo$$var)', '$(foo$$var)'],
  ['newline not expanded', '\n', '\n'],
];

describe('expand_test.go TestMapping / TestMappingDual', () => {
  for (const [name, input, expected] of cases) {
    it(name, () => {
      expect(expandVars(input, context)).toBe(expected);
      const dual = mappingFuncFor({ VAR_A: 'A', VAR_EMPTY: '' }, { VAR_B: 'B', VAR_C: 'C', VAR_REF: '$(VAR_A)' });
      expect(expand(input, dual)).toBe(expected);
    });
  }
  it('TestMapReference: each env var sees only the ones before it', () => {
    const env = resolveEnv({ name: 'c', env: [{ name: 'FOO', value: 'bar' }, { name: 'ZOO', value: '$(FOO)-1' }, { name: 'BLU', value: '$(ZOO)-2' }] }, {});
    expect(env).toEqual({ FOO: 'bar', ZOO: 'bar-1', BLU: 'bar-1-2' });
  });
});

const pod = {
  metadata: { name: 'app-7d4b9c8f6-x2kqz', namespace: 'default', uid: 'u-1', labels: { app: 'app' }, annotations: { team: 'obs' } },
  spec: { nodeName: 'node-1', serviceAccountName: 'default' },
  status: { podIP: '10.244.0.7', podIPs: [{ ip: '10.244.0.7' }, { ip: 'fd00::7' }], hostIP: '172.18.0.2' },
};

describe('resolveEnv (kubelet makeEnvironmentVariables)', () => {
  it('downward API fieldRef, later references, forward references left as written', () => {
    const env = resolveEnv(
      {
        name: 'backend',
        env: [
          { name: 'EARLY', value: 'prefix=$(MY_POD_NAME)' },
          { name: 'MY_POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'NS', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
          { name: 'UID', valueFrom: { fieldRef: { fieldPath: 'metadata.uid' } } },
          { name: 'APP', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
          { name: 'TEAM', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['team']" } } },
          { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
          { name: 'SA', valueFrom: { fieldRef: { fieldPath: 'spec.serviceAccountName' } } },
          { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
          { name: 'POD_IPS', valueFrom: { fieldRef: { fieldPath: 'status.podIPs' } } },
          { name: 'HOST_IP', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } },
          { name: 'GUNICORN_ARGS', value: '--statsd-host=graphite:8125 --statsd-prefix=$(MY_POD_NAME) $$(HOME)' },
        ],
      },
      pod,
    );
    expect(env.EARLY).toBe('prefix=$(MY_POD_NAME)');
    expect(env.MY_POD_NAME).toBe('app-7d4b9c8f6-x2kqz');
    expect([env.NS, env.UID, env.APP, env.TEAM, env.NODE, env.SA]).toEqual(['default', 'u-1', 'app', 'obs', 'node-1', 'default']);
    expect([env.POD_IP, env.POD_IPS, env.HOST_IP]).toEqual(['10.244.0.7', '10.244.0.7,fd00::7', '172.18.0.2']);
    expect(env.GUNICORN_ARGS).toBe('--statsd-host=graphite:8125 --statsd-prefix=app-7d4b9c8f6-x2kqz $(HOME)');
  });

  it('valueFrom results are not expanded; envFrom with prefix; configMapKeyRef optional', () => {
    const r = resolveEnvDetailed(
      {
        name: 'c',
        envFrom: [{ configMapRef: { name: 'cfg' }, prefix: 'CFG_' }],
        env: [
          { name: 'RAW', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'tmpl' } } },
          { name: 'OPT', valueFrom: { configMapKeyRef: { name: 'missing', key: 'k', optional: true } } },
          { name: 'PW', valueFrom: { secretKeyRef: { name: 's', key: 'pw' } } },
          { name: 'USE', value: '$(CFG_host):$(CFG_port)' },
          { name: 'BAD', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'nope' } } },
        ],
      },
      pod,
      { configMaps: { cfg: { host: 'graphite', port: '8125', tmpl: '$(CFG_host)', 'has space': 'x' } }, secrets: { s: { pw: 'hunter2' } } },
    );
    expect(r.env).toEqual({ CFG_host: 'graphite', CFG_port: '8125', CFG_tmpl: '$(CFG_host)', RAW: '$(CFG_host)', PW: 'hunter2', USE: 'graphite:8125' });
    expect(r.errors).toEqual(["couldn't find key nope in ConfigMap default/cfg"]);
  });

  it('resourceFieldRef rounds up like the kubelet (cpu in divisor millis, memory in divisor units)', () => {
    const env = resolveEnv(
      {
        name: 'c',
        resources: { limits: { cpu: '250m', memory: '100Mi' }, requests: { cpu: '0.1', memory: '1' } },
        env: [
          { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
          { name: 'CPU_M', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1m' } } },
          { name: 'MEM_MI', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
          { name: 'MEM_M', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1M' } } },
          { name: 'REQ_CPU_M', valueFrom: { resourceFieldRef: { resource: 'requests.cpu', divisor: '1m' } } },
          { name: 'NODE_MEM', valueFrom: { resourceFieldRef: { resource: 'limits.ephemeral-storage', divisor: '1Gi' } } },
        ],
      },
      pod,
      { node: { allocatable: { 'ephemeral-storage': '10G' } } },
    );
    expect(env).toEqual({ CPU: '1', CPU_M: '250', MEM_MI: '100', MEM_M: '105', REQ_CPU_M: '100', NODE_MEM: '10' });
  });

  it('command and args are expanded against the final env', () => {
    const env = { MY_POD_NAME: 'web-1' };
    expect(resolveCommand({ name: 'c', command: ['gunicorn'], args: ['--statsd-prefix=$(MY_POD_NAME)', '$(NOPE)', '$$(MY_POD_NAME)'] }, env)).toEqual({
      command: ['gunicorn'],
      args: ['--statsd-prefix=web-1', '$(NOPE)', '$(MY_POD_NAME)'],
    });
  });

  it('unsupported fieldPath is reported, not thrown', () => {
    const r = resolveEnvDetailed({ name: 'c', env: [{ name: 'X', valueFrom: { fieldRef: { fieldPath: 'metadata.labels' } } }] }, pod);
    expect(r.errors).toEqual(['unsupported fieldPath: metadata.labels']);
    expect(r.env).toEqual({});
  });
});
