/**
 * The Kubernetes files the learner starts with, in ~/myproject/k8s/. They are current (apps/v1) versions of
 * the course's manifests; the editor opens them and lessons apply them.
 */
export const K8S_DIR = '/home/learner/myproject/k8s';

export const GRAPHITE_YAML = `# Graphite + statsd in one pod (the graphiteapp/graphite-statsd image), and a NodePort Service.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: graphite
  labels:
    app: graphite
spec:
  replicas: 1
  selector:
    matchLabels:
      app: graphite
  template:
    metadata:
      labels:
        app: graphite
    spec:
      containers:
        - name: graphite
          image: graphiteapp/graphite-statsd:1.1.10-5
          ports:
            - name: http
              containerPort: 80
            - name: statsd
              containerPort: 8125
              protocol: UDP
            - name: statsd-admin
              containerPort: 8126
            - name: carbon
              containerPort: 2003
---
apiVersion: v1
kind: Service
metadata:
  name: graphite
  labels:
    app: graphite
spec:
  type: NodePort
  selector:
    app: graphite
  ports:
    - name: http
      port: 80
      targetPort: 80
      nodePort: 30080
    - name: statsd
      port: 8125
      targetPort: 8125
      protocol: UDP
`;

export const BACKEND_YAML = `# The Flask app under gunicorn. Each pod reports to statsd under its own name (downward API).
apiVersion: apps/v1
kind: Deployment
metadata:
  name: backend
  labels:
    app: backend
spec:
  replicas: 2
  selector:
    matchLabels:
      app: backend
  template:
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
            # $(MY_POD_NAME) works because MY_POD_NAME is defined above this entry.
            - name: GUNICORN_CMD_ARGS
              value: "--statsd-host=graphite:8125 --statsd-prefix=$(MY_POD_NAME)"
          ports:
            - containerPort: 8000
---
apiVersion: v1
kind: Service
metadata:
  name: backend
  labels:
    app: backend
spec:
  type: NodePort
  selector:
    app: backend
  ports:
    - port: 8000
      targetPort: 8000
      nodePort: 30800
`;

/** Strategic merge patch: add MY_NAMESPACE before GUNICORN_CMD_ARGS and use it in the prefix. */
export const PATCH_JSON = `{
  "spec": {
    "template": {
      "spec": {
        "$setElementOrder/containers": [{ "name": "backend" }],
        "containers": [
          {
            "name": "backend",
            "$setElementOrder/env": [
              { "name": "MY_POD_NAME" },
              { "name": "MY_NAMESPACE" },
              { "name": "GUNICORN_CMD_ARGS" }
            ],
            "env": [
              { "name": "MY_NAMESPACE", "valueFrom": { "fieldRef": { "fieldPath": "metadata.namespace" } } },
              { "name": "GUNICORN_CMD_ARGS", "value": "--statsd-host=graphite:8125 --statsd-prefix=$(MY_NAMESPACE).$(MY_POD_NAME)" }
            ]
          }
        ]
      }
    }
  }
}
`;

export const K8S_FILES: Record<string, string> = {
  [`${K8S_DIR}/graphite.yaml`]: GRAPHITE_YAML,
  [`${K8S_DIR}/backend-deployment.yaml`]: BACKEND_YAML,
  [`${K8S_DIR}/patch.json`]: PATCH_JSON,
};
