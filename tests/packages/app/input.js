// A config with one broken entry: validate reports auth-not-base64 on line 3 and kubelet fails.
export const INPUT = '{\n  "auths": {\n    "quay.io": {"auth": "bad"},\n    "ghcr.io": {"auth": "dTpw"}\n  }\n}\n';
