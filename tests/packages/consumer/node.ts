// @pullsecret/node's declarations as a TypeScript user gets them (strict; node16, nodenext, bundler).
import { validate, lookup, toSecret, create, PullSecretError, type Report, type Lookup } from '@pullsecret/node';
import { runCli } from '@pullsecret/node/cli';

const report: Report = validate('{"auths":{}}');
const first: number = report.objects[0].line;
const found: Lookup = lookup('{"auths":{}}', 'nginx', { client: 'kubelet' });
const yaml: string = toSecret(create({ username: 'u', password: 'p' }), { name: 'x', labels: ['app=web'], annotations: { a: 'b' } });
const status: number = runCli(['--version']);
try {
  create({ username: 'u', password: 'p' });
} catch (e) {
  if (e instanceof PullSecretError) console.log(e.code, e.line);
}
console.log(first, found.status, yaml.length, status);
