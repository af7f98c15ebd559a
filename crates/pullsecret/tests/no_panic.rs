//! Bad input never panics, hangs or yields malformed JSON: every text-taking entry point runs on
//! mutated versions of valid inputs (configs, legacy files, base64, Secrets in YAML and JSON,
//! ServiceAccounts), and on option texts built from fragments. In the wasm package a panic is a
//! trap that kills the module, so this is a property of the product, not only of the tests.

use proptest::prelude::*;
use pullsecret::*;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000)
}

const SEEDS: &[&str] = &[
    "{\"auths\":{\"quay.io\":{\"auth\":\"dTpw\",\"email\":\"a@b\"},\"https://index.docker.io/v1/\":{\"username\":\"u\",\"password\":\"p\"}},\"credsStore\":\"desktop\",\"credHelpers\":{\"gcr.io\":\"gcloud\"}}",
    "{\n  \"quay.io/org\": {\"auth\": \"dTpwcQ\"},\n  \"*.example.com\": {}\n}\n",
    "eyJhdXRocyI6eyJyLmlvIjp7ImF1dGgiOiJkVHB3In19fQ==\n",
    "apiVersion: v1\nkind: Secret\nmetadata:\n  name: pull\n  namespace: apps\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: eyJhdXRocyI6eyJyLmlvIjp7ImF1dGgiOiJkVHB3In19fQ==\n",
    "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: kubernetes.io/dockerconfigjson\nstringData:\n  .dockerconfigjson: |\n    {\"auths\": {\n      \"r.io\": {\"auth\": \"dTpw\"}\n    }}\n",
    "{\"kind\":\"Secret\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"j\"},\"data\":{\".dockercfg\":\"eyJyLmlvIjp7fX0=\"},\"type\":\"kubernetes.io/dockercfg\"}",
    "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: builder\n  namespace: apps\nsecrets:\n- name: builder-dockercfg-x\nimagePullSecrets:\n- name: a\n",
    "---\n- a: 'b''c'\n  d: \"\\u00e9\\n\"\n- &x [1, {e: f}]\n",
];

/// Characters that stress tokenisers: structure, quotes, escapes, line ends, BOM, NUL, non-ASCII.
const NOISE: &[&str] = &[
    "{", "}", "[", "]", "\"", ":", ",", "\\", "\\u", "\n", "\r", "\t", " ", "-", "|", ">", "'",
    "#", "&", "*", "!", "=", "\u{feff}", "\0", "é", "😀", "\u{2028}", "null", "1e999", "9", "/",
    "~",
];

fn mutated() -> impl Strategy<Value = String> {
    (
        0..SEEDS.len(),
        proptest::collection::vec(
            (any::<prop::sample::Index>(), 0usize..4, 0..NOISE.len()),
            0..6,
        ),
    )
        .prop_map(|(seed, edits)| {
            let mut s: Vec<char> = SEEDS[seed].chars().collect();
            for (at, kind, noise) in edits {
                let i = at.index(s.len() + 1);
                match kind {
                    0 => s.truncate(i),
                    1 if i < s.len() => {
                        s.remove(i);
                    }
                    _ => {
                        for (k, c) in NOISE[noise].chars().enumerate() {
                            s.insert((i + k).min(s.len()), c);
                        }
                    }
                }
            }
            s.into_iter().collect()
        })
}

fn json_ok(s: &str) {
    serde_json::from_str::<serde_json::Value>(s)
        .unwrap_or_else(|e| panic!("malformed JSON ({e}): {s}"));
}

/// A result serializes (as the bindings serialize it) to well-formed JSON.
fn ser<T: serde::Serialize>(v: &T) {
    json_ok(&serde_json::to_string(v).unwrap());
}

fn check_error(e: Error) {
    assert!(!e.message.is_empty());
    json_ok(&serde_json::to_string(&e.message).unwrap());
}

/// Options as the bindings read them (here from JSON text, through serde_json).
fn read<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, Error> {
    options::from("test", &mut serde_json::Deserializer::from_str(text))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn readers_never_panic(text in mutated()) {
        let report = validate(&text);
        ser(&report);
        match parse(&text) { Ok(d) => ser(&d), Err(e) => check_error(e) }
        for client in ["kubelet", "containers", "docker"] {
            let opts = read::<LookupOptions>(&format!("{{\"client\":\"{client}\"}}")).unwrap();
            for image in ["quay.io/org/app:1", "nginx", "localhost:5000/a@sha256:0000000000000000000000000000000000000000000000000000000000000000"] {
                match lookup(&text, image, &opts) { Ok(l) => ser(&l), Err(e) => check_error(e) }
            }
        }
        for to in ["auth.json", "config.json", "dockercfg", "rkt", "butane", "mesos"] {
            let opts = read::<ConvertOptions>(&format!("{{\"to\":\"{to}\"}}")).unwrap();
            match convert(&text, &opts) { Ok(c) => ser(&c), Err(e) => check_error(e) }
        }
        let secret = read::<SecretOptions>("{\"name\":\"x\",\"appendHash\":true}").unwrap();
        if let Err(e) = to_secret(&text, &secret) { check_error(e) }
        for style in ["preserve", "podman"] {
            let add_opts = read::<AddOptions>(&format!("{{\"registry\":\"quay.io\",\"username\":\"u\",\"password\":\"p:w\",\"style\":\"{style}\"}}")).unwrap();
            if let Err(e) = add(&text, &add_opts) { check_error(e) }
        }
        let rm = read::<RemoveOptions>("{\"aliases\":true}").unwrap();
        match remove(&text, "quay.io", &rm) { Ok(r) => ser(&r), Err(e) => check_error(e) }
        let mo = read::<MergeOptions>("{\"onConflict\":\"first\"}").unwrap();
        match merge(&[SEEDS[0], &text], &mo) { Ok(m) => ser(&m), Err(e) => check_error(e) }
        let link_opts = read::<LinkOptions>("{\"secrets\":[\"pull\"],\"for\":\"pull,mount\"}").unwrap();
        match link(&text, &link_opts) { Ok(s) => ser(&s), Err(e) => check_error(e) }
        let g = read::<GlobalPullSecretOptions>("{\"registry\":\"r.io\",\"authBasic\":\"u:p\"}").unwrap();
        match global_pull_secret(&text, &g) { Ok(s) => ser(&s), Err(e) => check_error(e) }
    }

    #[test]
    fn option_readers_never_panic(text in mutated(), which in 0usize..12) {
        // Options are JSON from JavaScript; a mutated manifest is as good a junk object as any.
        let r: Result<(), Error> = match which {
            0 => read::<CreateOptions>(&text).map(drop),
            1 => read::<SecretOptions>(&text).map(drop),
            2 => read::<LookupOptions>(&text).map(drop),
            3 => read::<ConvertOptions>(&text).map(drop),
            4 => read::<AddOptions>(&text).map(drop),
            5 => read::<MergeOptions>(&text).map(drop),
            6 => read::<LinkOptions>(&text).map(drop),
            7 => read::<RemoveOptions>(&text).map(drop),
            8 => read::<GrantOptions>(&text).and_then(|o| grant_pull(&o)).map(drop),
            9 => read::<WorkloadOptions>(&text).and_then(|o| pod_snippet(&o)).map(drop),
            10 => read::<DelegatedAuthOptions>(&text).and_then(|o| delegated_auth(&o)).map(drop),
            _ => read::<GlobalPullSecretOptions>(&text).map(drop),
        };
        if let Err(e) = r { check_error(e) }
    }
}
