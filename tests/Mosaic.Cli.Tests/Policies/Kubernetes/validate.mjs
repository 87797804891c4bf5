// Validates every document of a multi-document YAML file as a Kubernetes NetworkPolicy (networking.k8s.io/v1):
// the API's schema through kubernetes-models, plus the field names, which that schema leaves open but the API
// server refuses under strict validation. Prints one line per problem and a summary; exits 1 on any problem.
// Usage: node validate.mjs FILE
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";

const selector = { matchLabels: null, matchExpressions: null };
const peer = { podSelector: selector, namespaceSelector: selector, ipBlock: null };
const port = { protocol: null, port: null, endPort: null };
const fields = {
  apiVersion: null,
  kind: null,
  metadata: { name: null, namespace: null, labels: null, annotations: null },
  spec: {
    podSelector: selector,
    policyTypes: null,
    ingress: [{ from: [peer], ports: [port] }],
    egress: [{ to: [peer], ports: [port] }],
  },
};

function unknownFields(value, shape, path, found) {
  if (shape === null || value === null || typeof value !== "object") return found;
  if (Array.isArray(shape)) {
    if (Array.isArray(value)) value.forEach((item, i) => unknownFields(item, shape[0], `${path}/${i}`, found));
    return found;
  }
  for (const [key, inner] of Object.entries(value)) {
    if (!(key in shape)) found.push(`${path}/${key} is not a field of a NetworkPolicy`);
    else unknownFields(inner, shape[key], `${path}/${key}`, found);
  }
  return found;
}

const problems = [];
let count = 0;
for (const doc of parseAllDocuments(readFileSync(process.argv[2], "utf8"))) {
  if (doc.errors.length > 0) {
    problems.push(`YAML: ${doc.errors[0].message}`);
    continue;
  }
  const object = doc.toJS();
  if (object === null) continue;
  count++;
  const name = object?.metadata?.name ?? `document ${count}`;
  if (object.apiVersion !== "networking.k8s.io/v1" || object.kind !== "NetworkPolicy") {
    problems.push(`${name}: not a networking.k8s.io/v1 NetworkPolicy (${object.apiVersion} ${object.kind})`);
    continue;
  }
  try {
    new NetworkPolicy(object).validate();
  } catch (e) {
    problems.push(`${name}: ${e.message}`);
  }
  for (const problem of unknownFields(object, fields, "", [])) problems.push(`${name}: ${problem}`);
}
for (const problem of problems) console.log(problem);
console.log(`${count} NetworkPolicies, ${problems.length} problem(s)`);
process.exit(problems.length > 0 || count === 0 ? 1 : 0);
