/**
 * Issue 4 "Proof": paste the course's `kubectl apply -f - <<EOF` Deployment (extensions/v1beta1), see kubectl's
 * error and our fix; apply graphite and the apps/v1 Deployment, see pods Running, send traffic through the
 * NodePort, run the course's `$setElementOrder` patch, see the rollout to pods with a new template hash, and
 * see the new pods' `$(MY_NAMESPACE).$(MY_POD_NAME)` series next to the old pods' series in the graphite pod.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage, screenshot } from './browser';
import { hoveredBySeries, legendSeries, outputOf, paste, readyAndPaused, run, scrollback, showTargets, typeKeys } from './terminal-drive';

/** The course's manifest as written: extensions/v1beta1, no selector, the pod name from the downward API. */
function courseDeployment(apiVersion: string, selector: boolean, heredoc: string): string {
  return `kubectl apply -f - <<${heredoc}
apiVersion: ${apiVersion}
kind: Deployment
metadata:
  name: backend
spec:
  replicas: 2
${selector ? '  selector:\n    matchLabels:\n      app: backend\n' : ''}  template:
    metadata:
      labels:
        app: backend
    spec:
      containers:
      - name: backend
        image: example/flask-backend:1.0
        command: ["gunicorn", "-w", "2", "-b", "0.0.0.0:8000", "myproject:app"]
        env:
        - name: MY_POD_NAME
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
        - name: GUNICORN_CMD_ARGS
          value: "--statsd-host=graphite:8125 --statsd-prefix=$(MY_POD_NAME)"
        ports:
        - containerPort: 8000
EOF`;
}

const PATCH = `kubectl patch deployment backend --patch '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"backend"}],"containers":[{"name":"backend","$setElementOrder/env":[{"name":"MY_POD_NAME"},{"name":"MY_NAMESPACE"},{"name":"GUNICORN_CMD_ARGS"}],"env":[{"name":"MY_NAMESPACE","valueFrom":{"fieldRef":{"fieldPath":"metadata.namespace"}}},{"name":"GUNICORN_CMD_ARGS","value":"--statsd-host=graphite:8125 --statsd-prefix=$(MY_NAMESPACE).$(MY_POD_NAME)"}]}]}}}}'`;

const BACKEND_SERVICE = `kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Service
metadata:
  name: backend
spec:
  type: NodePort
  selector:
    app: backend
  ports:
  - port: 8000
    targetPort: 8000
    nodePort: 30800
EOF`;

/** Backend pods in `kubectl get pods` that are Running: name → template hash. */
function runningBackends(getPods: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of getPods.matchAll(/^(backend-([a-z0-9]+)-[a-z0-9]{5})\s+1\/1\s+Running\s/gm)) out.set(m[1]!, m[2]!);
  return out;
}

async function getPods(page: Page): Promise<string> {
  await run(page, 'kubectl get pods');
  return outputOf(await scrollback(page), 'kubectl get pods').split(/learner@laptop/)[0]!;
}

describe('Kubernetes: the course deployment, the fix, the patch and per-pod graphs (issue 4)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('extensions/v1beta1 fails with the fix; apps/v1 runs; the patch rolls out new pods whose names appear in Graphite', async () => {
    const page = await openPage(browser, '', { width: 1280, height: 900 });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await readyAndPaused(page);
    await typeKeys(page, 'kubectl get nodes');
    expect(outputOf(await scrollback(page), 'kubectl get nodes')).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\nminikube\s+Ready\s+control-plane/m);

    // 1. The course's manifest, pasted as written.
    await paste(page, courseDeployment('extensions/v1beta1', false, 'EOF'));
    let text = await scrollback(page);
    // An unquoted heredoc expands $(...): bash runs `MY_POD_NAME` as a command, as it would on a real laptop.
    expect(text).toContain('MY_POD_NAME: command not found');
    expect(text).toMatch(/Note \(playground\): with an unquoted <<EOF bash runs \$\(MY_POD_NAME\) as command substitution/);
    // kubectl's own words (k8s.io/kubectl pkg/cmd/apply: resource mapping not found …; apimachinery meta.NoKindMatchError).
    expect(text).toContain(
      'error: resource mapping not found for name: "backend" namespace: "" from "STDIN": no matches for kind "Deployment" in version "extensions/v1beta1"',
    );
    expect(text).toContain('ensure CRDs are installed first');
    // …and the playground's explanation and fix.
    expect(text).toMatch(/Use apiVersion: apps\/v1/);
    expect(text).toMatch(/spec\.selector is required/);
    await screenshot(page, 'kube-1-extensions-v1beta1');

    // 2. graphite + statsd, then the fixed Deployment (quoted heredoc so $(MY_POD_NAME) reaches Kubernetes) and its Service.
    await run(page, 'kubectl apply -f k8s/graphite.yaml');
    expect(outputOf(await scrollback(page), 'kubectl apply -f k8s/graphite.yaml')).toMatch(/deployment\.apps\/graphite created\nservice\/graphite created/);
    await paste(page, courseDeployment('apps/v1', true, "'EOF'"));
    expect(await scrollback(page)).toMatch(/^deployment\.apps\/backend created$/m);
    await paste(page, BACKEND_SERVICE);
    expect(await scrollback(page)).toMatch(/^service\/backend created$/m);
    await run(page, 'kubectl rollout status deployment/backend');
    expect(outputOf(await scrollback(page), 'kubectl rollout status deployment/backend')).toContain('deployment "backend" successfully rolled out');
    await run(page, 'kubectl rollout status deployment/graphite');

    const before = runningBackends(await getPods(page));
    expect(before.size).toBe(2);
    const oldHash = [...before.values()][0]!;
    expect(new Set(before.values())).toEqual(new Set([oldHash]));

    // 3. Traffic through the NodePort, and a flush.
    await run(page, 'hey -n 400 -c 10 http://192.168.49.2:30800/');
    expect(outputOf(await scrollback(page), 'hey -n 400 -c 10 http://192.168.49.2:30800/')).toMatch(/\[200\]\s+400 responses/);
    await run(page, 'sleep 10');

    // 4. The course's patch: a new env entry in a given order → a new pod template → new pods, new hash.
    await run(page, PATCH);
    expect(outputOf(await scrollback(page), PATCH)).toMatch(/^deployment\.apps\/backend patched$/m);
    await run(page, 'kubectl rollout status deployment/backend');
    await run(page, 'sleep 5'); // old pods finish terminating
    const after = runningBackends(await getPods(page));
    expect(after.size).toBe(2);
    const newHash = [...after.values()][0]!;
    expect(newHash).not.toBe(oldHash);
    for (const name of after.keys()) expect(before.has(name)).toBe(false);
    await run(page, 'kubectl exec deploy/backend -- env');
    const env = outputOf(await scrollback(page), 'kubectl exec deploy/backend -- env');
    expect(env).toMatch(/^MY_NAMESPACE=default$/m);
    expect(env).toMatch(new RegExp(`^GUNICORN_CMD_ARGS=--statsd-host=graphite:8125 --statsd-prefix=default\\.backend-${newHash}-[a-z0-9]{5}$`, 'm'));
    await screenshot(page, 'kube-2-rollout');

    await run(page, 'hey -n 400 -c 10 http://192.168.49.2:30800/');
    await run(page, 'sleep 10');
    await run(page, 'sleep 10');

    // 5. The graphite pod's Graphite: old pods under their bare names, new ones under default.<pod>.
    await page.getByRole('tab', { name: 'Graphs' }).click();
    const source = page.locator('#panel-graphs [role="toolbar"] label.source select'); // the Graphite source picker
    await expect.poll(async () => (await source.locator('option').allTextContents()).join('|'), { timeout: 15_000 }).toMatch(/graphite-/);
    const podOption = (await source.locator('option').allTextContents()).find((o) => /graphite-/.test(o))!;
    await source.selectOption({ label: podOption });
    await page.waitForTimeout(300); // the panels re-mount for the new source
    const panel = await showTargets(page, ['stats.counters.backend-*.gunicorn.requests.rate', 'stats.counters.default.*.gunicorn.requests.rate']);
    const want = [...[...before.keys()].map((p) => `stats.counters.${p}.gunicorn.requests.rate`), ...[...after.keys()].map((p) => `stats.counters.default.${p}.gunicorn.requests.rate`)];
    await expect.poll(async () => (await legendSeries(page, panel)).sort(), { timeout: 15_000 }).toEqual(want.sort());
    const values = await hoveredBySeries(page, panel);
    for (const name of want) expect(values.get(name)?.some((v) => v > 0), `${name} has a non-zero rate`).toBe(true);
    await screenshot(page, 'kube-3-graph-per-pod');
    expect(errors).toEqual([]);
  });
});
