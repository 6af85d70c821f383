import { describe, expect, it } from 'vitest';
import { combinedKubeSchema, withEnums, type SchemaFile } from './editor-schema';

import schemaJson from '../../sim/kube/schema/k8s-schemas.json';

const file = schemaJson as SchemaFile;

describe('editor schema', () => {
  it('checks each document against its own kind (if apiVersion+kind then $ref)', () => {
    const s = combinedKubeSchema(file) as { allOf: { if: unknown; then: { $ref: string } }[]; definitions: Record<string, unknown> };
    const dep = s.allOf.find((a) => JSON.stringify(a.if).includes('"apps/v1"') && JSON.stringify(a.if).includes('"Deployment"'));
    expect(dep!.then.$ref).toBe('#/definitions/apps.v1.Deployment');
    for (const a of s.allOf) expect(s.definitions[a.then.$ref.replace('#/definitions/', '')]).toBeDefined();
  });

  it('adds the +enum values without touching the input', () => {
    const before = JSON.stringify(file.definitions['core.v1.ServiceSpec']);
    const d = withEnums(file.definitions) as Record<string, { properties: Record<string, { enum?: string[] }> }>;
    expect(d['core.v1.ServiceSpec']!.properties.type!.enum).toEqual(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']);
    expect(d['core.v1.ContainerPort']!.properties.protocol!.enum).toEqual(['TCP', 'UDP', 'SCTP']);
    expect(JSON.stringify(file.definitions['core.v1.ServiceSpec'])).toBe(before);
  });
});
