// Uses every function of the pullsecret API with correctly typed arguments, plus `@ts-expect-error`
// lines that must stay errors (an unused directive is itself an error, TS2578), so the check fails
// when the declarations get looser as well as when they break. Called for each package and entry
// point from esm.ts and cjs.cts; the return type makes the compiler list any exported function
// that is not exercised here.
import type * as Api from '@pullsecret/node';
import type { Code, Diagnostic, Document, ErrorCode, Outcome, Report, Severity, ValidateOptions, VerifyReport } from '@pullsecret/node';

/** The API as both packages export it (the ES entry of @pullsecret/node adds a default export). */
export type Module = Omit<typeof Api, 'default'>;
/** The names of the exported functions (classes and the default export are not callable). */
export type FunctionName = { [K in keyof Module]: Module[K] extends (...args: never[]) => unknown ? K : never }[keyof Module];

const config = '{"auths":{"quay.io":{"auth":"dTpw"}}}';

export function exercise(api: Module): { [K in FunctionName]: () => void } {
  return {
    validate() {
      const report: Report = api.validate(config);
      api.validate({ auths: {} });
      const valid: boolean = report.valid;
      const d: Diagnostic | undefined = report.diagnostics[0];
      if (d !== undefined) {
        const code: Code = d.code;
        const severity: Severity = d.severity;
        const line: number | undefined = d.inner?.line;
        if (code === 'auth-not-base64' && severity === 'error') void line;
        // @ts-expect-error not a diagnostic code
        if (d.code === 'auth-not-base65') void valid;
      }
      // @ts-expect-error not a diagnostic code
      const wrong: Code = 'no-such-code';
      void wrong;
      const version: 1 = report.schemaVersion;
      void version;
      for (const o of report.objects) {
        const where: [number, number | undefined, string | undefined] = [o.index, o.item, o.name];
        void where;
        for (const e of o.entries) {
          const status: 'used' | 'anonymous' | 'ignored' | 'fails-registry' | 'fails-all' = e.clients.kubelet.status;
          void status;
        }
        void o.diagnostics[0]?.code;
      }
      // @ts-expect-error validate needs an input
      api.validate();
      // Tokens' expiry as at a time (seconds since the epoch) and within a window (seconds).
      const options: ValidateOptions = { now: Date.now() / 1000, expiryWindow: 3600 };
      const atNow: Report = api.validate(config, options);
      void atNow;
      api.validate(config, {});
      // @ts-expect-error now is a number, not a Date
      api.validate(config, { now: new Date() });
      // @ts-expect-error unknown option (the core refuses unknown fields too)
      api.validate(config, { nowSeconds: 1 });
    },
    parse() {
      const doc: Document = api.parse({ auths: {} });
      const password: string | undefined = doc.entries[0]?.password;
      void password;
      // @ts-expect-error a Document has no diagnostics
      void doc.diagnostics;
    },
    create() {
      const text: string = api.create({ username: 'u', password: 'p', server: 'quay.io' });
      void text;
      // @ts-expect-error `password` is required
      api.create({ username: 'u' });
      // @ts-expect-error unknown option (the core refuses unknown fields too)
      api.create({ username: 'u', password: 'p', passwd: 'p' });
    },
    toSecret() {
      const yaml: string = api.toSecret(config, { name: 'pull', namespace: 'ns', output: 'json', labels: { a: 'b' } });
      void yaml;
      // @ts-expect-error `output` is yaml or json
      api.toSecret(config, { name: 'pull', output: 'xml' });
    },
    lookup() {
      const r = api.lookup(config, 'quay.io/org/app:1.2', { client: 'containers' });
      const status: 'credentials' | 'anonymous' | 'none' | 'fails' | 'helper' = r.status;
      const registry: string | undefined = r.matches[0]?.registry;
      void status, registry;
      // @ts-expect-error not a client family
      api.lookup(config, 'nginx', { client: 'crio' });
    },
    readPullSecret() {
      const secret: Api.PullSecret = api.readPullSecret(config);
      api.readPullSecret({ auths: {} });
      const r = secret.lookup('quay.io/org/app:1.2', { client: 'kubelet' });
      const same: Api.Lookup = r;
      void same;
      // @ts-expect-error not a client family
      secret.lookup('nginx', { client: 'crio' });
    },
    convert() {
      const c = api.convert(config, { to: 'rkt' });
      const content: string | Uint8Array | undefined = c.files[0]?.content;
      void content;
      // @ts-expect-error `to` is required
      api.convert(config, {});
    },
    add() {
      const text: string = api.add(config, { registry: 'quay.io', username: 'u', password: 'p', style: 'podman' });
      void text;
    },
    remove() {
      const removed: string[] = api.remove(config, 'quay.io').removed;
      api.remove(config, 'quay.io', { aliases: true });
      void removed;
    },
    merge() {
      const m = api.merge([config, { auths: {} }], { onConflict: 'error' });
      const kept: number | undefined = m.conflicts[0]?.kept;
      void kept;
      // @ts-expect-error not a conflict policy
      api.merge([config], { onConflict: 'newest' });
    },
    link() {
      const r = api.link(null, { serviceAccount: 'default', secrets: ['pull'], for: 'pull' });
      const changed: boolean = r.changed;
      void changed;
    },
    grantPull() {
      const command: string = api.grantPull({ fromNamespace: 'a', namespace: 'b', group: true }).command;
      void command;
      // @ts-expect-error `fromNamespace` is required
      api.grantPull({ namespace: 'b' });
    },
    podSnippet() {
      const pod: string = api.podSnippet({ name: 'p', image: 'nginx', secrets: 'a,b' });
      void pod;
    },
    workflowSnippet() {
      const wf: string = api.workflowSnippet({ generateName: 'w-', secrets: ['a'] });
      void wf;
    },
    delegatedAuth() {
      const r = api.delegatedAuth({
        authServer: 'sso.example.com', registry: 'registry.example.com', username: 'u', password: 'p',
        authSecretName: 'sso', registrySecretName: 'registry',
      });
      const name: string | undefined = r.secrets[0]?.name;
      void name;
    },
    globalPullSecret() {
      const r = api.globalPullSecret(null, { logins: [{ registry: 'quay.io', authBasic: 'u:p' }], variant: 'hypershift' });
      const added: string[] = r.added;
      void added;
    },
    explain() {
      const e = api.explain('kind: Pod\nspec: {containers: [{image: nginx}]}\n', { namespace: 'web', events: '' });
      const image = e.workloads[0]?.images[0];
      if (image !== undefined) {
        const fix: string = image.fix;
        // @ts-expect-error not a pull status
        if (image.status === 'maybe') void fix;
      }
      const event = e.events[0];
      if (event?.event === 'missingSecrets') void event.names;
      // @ts-expect-error events is a string
      api.explain('', { events: 1 });
    },
    fix() {
      const f = api.fix('{"auths":{"q.io":{"auth":"dTpwcQ"}}}', { codes: ['auth-unpadded'] });
      const text: string = f.text;
      const first = f.fixes[0];
      if (first !== undefined && first.code === 'auth-unpadded') void first.line;
      void text;
      // @ts-expect-error not a code
      api.fix('', { codes: ['no-such-code'] });
    },
    verify() {
      const p: Promise<VerifyReport> = api.verify(config, { images: ['quay.io/org/app:1.2'], client: 'docker', timeoutMs: 2000 });
      void p.then((r) => {
        const ok: boolean = r.ok;
        const first = r.results[0];
        if (first !== undefined) {
          const outcome: Outcome = first.outcome;
          const line: number | undefined = first.line;
          const sent: 'none' | 'basic' | 'bearer' | 'refresh-token' | undefined = first.requests[0]?.sent;
          // @ts-expect-error not an outcome
          if (first.outcome === 'fine') void outcome;
          void [ok, line, sent];
        }
      });
      // @ts-expect-error images is a list
      void api.verify(config, { images: 'quay.io/a' });
    },
    verifyCommand() {
      const line: string = api.verifyCommand('pull-secret.json', { images: ['nginx'], client: 'kubelet' });
      void line;
      // @ts-expect-error not a client
      api.verifyCommand('f', { client: 'podman' });
    },
  };
}

/** `PullSecretError` is a real `Error` with a typed `code`. */
export function handle(api: Module, e: unknown): void {
  if (e instanceof api.PullSecretError) {
    const error: Error = e;
    const code: ErrorCode | 'not-initialized' = e.code;
    const line: number | undefined = e.line;
    if (code === 'missing-option' || code === 'auth-not-base64') void error, line;
    // @ts-expect-error not an error code
    if (e.code === 'no-such-error') void code;
  }
}
