import { describe, expect, it } from 'vitest';
import { explain, formatErrors, jsonSchemaFor, k8sSchemaIndex, knownKind, validateObject } from './index';

const deployment = () => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'app' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'app' } },
    template: {
      metadata: { labels: { app: 'app' } },
      spec: { containers: [{ name: 'app', image: 'app:1', ports: [{ containerPort: 8000 }] }] },
    },
  },
});

describe('validateObject (schemas generated from Kubernetes v1.35 OpenAPI)', () => {
  it('accepts a valid apps/v1 Deployment, Service, ConfigMap, Namespace, Pod', () => {
    expect(validateObject(deployment())).toEqual([]);
    expect(
      validateObject({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'graphite' }, spec: { type: 'NodePort', selector: { app: 'g' }, ports: [{ port: 8125, protocol: 'UDP', targetPort: 8125 }] } }),
    ).toEqual([]);
    expect(validateObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } })).toEqual([]);
    expect(validateObject({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns' } })).toEqual([]);
    expect(validateObject({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i', resources: { limits: { cpu: 1, memory: '1Gi' } } }] } })).toEqual([]);
  });

  it('unknown field with the API server path (strict decoding)', () => {
    const d = deployment() as any;
    d.spec.template.spec.containers[0].imagee = 'typo';
    const errs = validateObject(d);
    expect(errs).toEqual([{ path: 'spec.template.spec.containers[0].imagee', message: 'unknown field "spec.template.spec.containers[0].imagee"', type: 'decode' }]);
    expect(formatErrors(d, errs)).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].imagee"',
    );
  });

  it('wrong type, worded as encoding/json does', () => {
    const d = deployment() as any;
    d.spec.template.spec.containers[0].ports[0].containerPort = '8000';
    d.spec.template.spec.containers[0].env = [{ name: 'PORT', value: 8125 }];
    const msgs = validateObject(d).map((e) => e.message);
    expect(msgs).toContain('json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32');
    expect(msgs).toContain('json: cannot unmarshal number into Go struct field EnvVar.spec.template.spec.containers.env.value of type string');
  });

  it('apps/v1 Deployment without selector: Required value and `selector` does not match template `labels`', () => {
    const d = deployment() as any;
    delete d.spec.selector;
    const errs = validateObject(d);
    expect(errs.map((e) => `${e.path}: ${e.message}`)).toEqual([
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"app"}: `selector` does not match template `labels`',
    ]);
    expect(formatErrors(d, errs)).toContain('The Deployment "app" is invalid: \n* spec.selector: Required value');
  });

  it('selector not matching labels; missing container name; missing metadata.name', () => {
    const d = deployment() as any;
    d.spec.selector.matchLabels.app = 'other';
    delete d.spec.template.spec.containers[0].name;
    delete d.metadata.name;
    expect(validateObject(d).map((e) => `${e.path}: ${e.message}`)).toEqual([
      'metadata.name: Required value: name or generateName is required',
      'spec.template.spec.containers[0].name: Required value',
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"app"}: `selector` does not match template `labels`',
    ]);
  });

  it('removed and unknown kinds', () => {
    expect(knownKind('extensions/v1beta1', 'Deployment')).toBe('removed');
    expect(knownKind('apps/v1beta2', 'DaemonSet')).toBe('removed');
    expect(knownKind('apps/v1', 'Deployment')).toBe('ok');
    expect(knownKind('v1', 'Gadget')).toBe('unknown');
    const d = { ...deployment(), apiVersion: 'extensions/v1beta1' };
    expect(formatErrors(d, validateObject(d))).toBe('no matches for kind "Deployment" in version "extensions/v1beta1"');
  });

  it('never throws on bad input', () => {
    for (const bad of [null, 42, 'x', [], { kind: 'Deployment' }, { apiVersion: 'apps/v1' }, { apiVersion: 'apps/v1', kind: 'Deployment', spec: 'x' }]) {
      expect(() => validateObject(bad)).not.toThrow();
      expect(validateObject(bad).length).toBeGreaterThan(0);
    }
  });
});

describe('jsonSchemaFor / k8sSchemaIndex / explain', () => {
  it('one schema per supported kind, with descriptions and additionalProperties:false', () => {
    expect(k8sSchemaIndex.map((k) => `${k.apiVersion}/${k.kind}`).sort()).toEqual(
      ['apps/v1/Deployment', 'apps/v1/ReplicaSet', 'v1/ConfigMap', 'v1/Namespace', 'v1/Pod', 'v1/Secret', 'v1/Service'].sort(),
    );
    const s = jsonSchemaFor('apps/v1', 'Deployment') as any;
    expect(s.properties.kind.enum).toEqual(['Deployment']);
    expect(s.additionalProperties).toBe(false);
    expect(s.definitions['core.v1.Container'].properties.image.description).toMatch(/Container image name/);
    expect(s.definitions['core.v1.Container'].additionalProperties).toBe(false);
    expect(jsonSchemaFor('extensions/v1beta1', 'Deployment')).toBeNull();
  });

  it('explain deployment.spec.template', () => {
    const text = explain('deployment.spec.template')!;
    expect(text).toMatch(/^GROUP: {6}apps\nKIND: {7}Deployment\nVERSION: {4}v1\n\nFIELD: template <PodTemplateSpec> -required-\n\nDESCRIPTION:\n/);
    expect(text).toContain('  spec\t<PodSpec>');
    expect(explain('pods.spec.containers')).toContain('  image\t<string>');
    expect(explain('svc.spec.ports')).toContain('  port\t<integer> -required-');
    expect(explain('deployment.spec.nope')).toBeNull();
    expect(explain('widgets')).toBeNull();
  });
});
