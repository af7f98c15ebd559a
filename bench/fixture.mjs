// The benchmark input: a 1 MB config.json with 7,000 entries, like a large cluster's merged
// global pull secret: mostly host keys, one in eight a namespace key and one in eight with a
// scheme (both draw an info diagnostic), every fourth entry also with username/password as
// kubectl writes them, every fifth with an email (another diagnostic).
export function bigConfig(entries = 7000) {
  const auths = {};
  for (let i = 0; i < entries; i++) {
    const user = `robot$team${i}+puller`;
    const pass = `p${(i * 2654435761 >>> 0).toString(36)}:${'x'.repeat(8 + (i % 17))}`;
    const key = i % 8 === 1 ? `quay.io/org-${i}` : i % 8 === 2 ? `https://r${i}.example.net` : `registry-${i}.example.com:5000`;
    const e = { auth: Buffer.from(`${user}:${pass}`).toString('base64') };
    if (i % 4 === 0) Object.assign(e, { username: user, password: pass });
    if (i % 5 === 0) e.email = `team${i}@example.com`;
    auths[key] = e;
  }
  return JSON.stringify({ auths }, null, '\t');
}

/** What a console writes by hand: JSON.parse and one base64 decode per entry. */
export function handWritten(text) {
  const cfg = JSON.parse(text);
  const out = [];
  for (const [registry, e] of Object.entries(cfg.auths ?? {})) {
    let username;
    let hasPassword = false;
    if (e.auth) {
      const s = Buffer.from(e.auth, 'base64').toString('utf8');
      const i = s.indexOf(':');
      if (i >= 0) {
        username = s.slice(0, i);
        hasPassword = i + 1 < s.length;
      }
    }
    out.push({ registry, username, hasPassword });
  }
  return out;
}

/** A typical pull secret (about 2 KB): OpenShift's global pull secret with five registries. */
export function smallConfig() {
  const token = (seed, n) => Buffer.from(`${seed}:${'k'.repeat(n)}`).toString('base64');
  const auths = {
    'cloud.openshift.com': { auth: token('b3Blbn', 180), email: 'ops@example.com' },
    'quay.io': { auth: token('openshift-release-dev+ocm_access_1a2b', 200), email: 'ops@example.com' },
    'registry.connect.redhat.com': { auth: token('uhc-pool-1234', 260), email: 'ops@example.com' },
    'registry.redhat.io': { auth: token('uhc-pool-1234', 260), email: 'ops@example.com' },
    'registry.example.com:5000': { auth: token('robot$ci', 24) },
  };
  return JSON.stringify({ auths });
}
