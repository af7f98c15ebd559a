//! Expiring tokens: a credential that is a token with a readable expiry, checked against a time
//! the caller gives.
//!
//! Why it exists: many registries hand out short-lived tokens as passwords or identity tokens
//! (Azure ACR refresh tokens and most registry tokens are JWTs, Amazon ECR's `AWS` login lasts
//! 12 hours, Google's `oauth2accesstoken` about one hour). A pull secret made from one works
//! the day it is written and fails later with `unauthorized`, which no client explains. The
//! expiry is readable without the key that signed the token, so the file can say when.
//!
//! What it reads, per entry: the password (from `auth` when it decodes to `user:password`, else
//! `password`), `identitytoken` and `registrytoken`. Recognised:
//!
//! - a JWT: three base64url segments, the header a JSON object with `alg`, the payload a JSON
//!   object with a numeric `exp` (seconds since the epoch). The signature is not checked (no key
//!   is at hand, and an expired token fails whatever its signature);
//! - an ECR token: user `AWS`, the password standard base64 of a JSON object with a numeric
//!   `expiration` (seconds since the epoch);
//! - a Google OAuth access token (user `oauth2accesstoken`, password `ya29.…`): it carries no
//!   expiry, so only an info that it is short-lived, never a guessed date.
//!
//! Rules it keeps: the core never reads a clock (the time is [`Clock::now`], given by the caller;
//! without one nothing here runs, so `validate(text)` is unchanged); no network; the token never
//! appears in a message, only the field's name, the expiry's date and how far it is from `now`.
//! Work is linear and bounded: a value longer than [`MAX_TOKEN`] is not read, the JSON inside is
//! read by the core's depth-limited reader.
//!
//! May use: `syntax` (the JSON reader), `go` (base64), `diagnostics`, `model` (the entry),
//! `rules::verdict`.

use crate::diagnostics::{Code, Diagnostic};
use crate::go::base64::{self as b64, AuthDecoding};
use crate::model::config::{Entry, Field};
use crate::rules::verdict::{v, Status, Verdict};
use crate::syntax::json::{self, Span, Value};

/// The longest value read as a token (64 KiB): real JWTs are under 8 KiB and ECR tokens about
/// 2 KiB; a longer value is left unread, so a hostile 10 MB password costs one length check.
pub const MAX_TOKEN: usize = 64 * 1024;

/// The latest expiry read as a date: 9999-12-31T23:59:59Z (a later one is not a real expiry).
const MAX_TIME: i64 = 253_402_300_799;

/// The time to check against and how far ahead a token counts as expiring, in seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Clock {
    pub now: i64,
    pub window: i64,
}

/// The user Amazon ECR's `get-login-password` logins use.
const ECR_USER: &str = "AWS";
/// The user of Google's access-token logins (`gcloud auth print-access-token`).
const GCP_USER: &str = "oauth2accesstoken";

/// Why a client's pulls fail when the credential it sends is an expired token.
const EXPIRED: &str =
    "the credential is an expired token: the registry refuses it, so pulls from this registry fail";

/// What kind of token a value is, with its expiry when it has one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token {
    Jwt(i64),
    Ecr(i64),
    GoogleAccess,
}

impl Token {
    fn name(self) -> &'static str {
        match self {
            Token::Jwt(_) => "a JWT",
            Token::Ecr(_) => "an Amazon ECR token",
            Token::GoogleAccess => "a Google OAuth access token",
        }
    }
}

/// One credential field of an entry, with who reads it.
struct Place<'a> {
    /// How the message names it (`the password in \`auth\``).
    what: &'static str,
    field: &'static str,
    value: &'a str,
    span: Span,
    /// The username beside it (ECR and Google logins are recognised by it).
    user: Option<&'a str>,
    /// Which of kubelet, containers/image and docker send this field.
    readers: [bool; 3],
}

/// Every expiry finding of entry `e` at `clock`; lowers the verdicts of the clients that send an
/// expired token.
pub(crate) fn check(
    e: &Entry<'_>,
    clock: Clock,
    verdicts: &mut [Verdict; 3],
    diags: &mut Vec<Diagnostic>,
) {
    // `auth` is decoded again only when it can hold a token short enough to read (its base64
    // is 4/3 of `user:password`; the rest leaves room for a long username).
    let short_auth = nonempty(e.auth).filter(|a| a.value.len() <= 4 * MAX_TOKEN);
    let decoded = short_auth.and_then(|a| match b64::classify_auth(a.value) {
        AuthDecoding::Std(b) | AuthDecoding::Unpadded(b) => String::from_utf8(b).ok(),
        _ => None,
    });
    let mut places = Vec::new();
    if let (Some(a), Some(text)) = (nonempty(e.auth), decoded.as_deref()) {
        if let Some((u, p)) = text.split_once(':') {
            places.push(Place {
                what: "the password in `auth`",
                field: "auth",
                value: p,
                span: a.span,
                user: Some(u),
                readers: [true; 3],
            });
        }
    } else if let Some(p) = nonempty(e.password).filter(|_| nonempty(e.auth).is_none()) {
        places.push(Place {
            what: "`password`",
            field: "password",
            value: p.value,
            span: p.span,
            user: e.username.map(|u| u.value),
            // containers/image does not read `password` (reported as missing-auth).
            readers: [true, false, true],
        });
    }
    if let Some(t) = nonempty(e.identity_token) {
        places.push(Place {
            what: "`identitytoken`",
            field: "identitytoken",
            value: t.value,
            span: t.span,
            user: None,
            // kubelet ignores identity tokens.
            readers: [false, true, true],
        });
    }
    if let Some(t) = nonempty(e.registry_token) {
        places.push(Place {
            what: "`registrytoken`",
            field: "registrytoken",
            value: t.value,
            span: t.span,
            user: None,
            // Only docker/cli's `AuthConfig` has a registry token.
            readers: [false, false, true],
        });
    }
    for p in places {
        let Some(token) = recognise(p.value, p.user) else {
            continue;
        };
        let pointer = format!("{}/{}", e.pointer, p.field);
        let exp = match token {
            Token::Jwt(exp) | Token::Ecr(exp) => exp,
            Token::GoogleAccess => {
                diags.push(Diagnostic::new(
                    Code::TokenShortLived,
                    format!(
                        "{} is {} (user `{GCP_USER}`, `ya29.`): such tokens last about an hour and carry no expiry to check; this file stops working soon after it was written",
                        p.what,
                        token.name()
                    ),
                    pointer,
                    p.span,
                ));
                continue;
            }
        };
        let kind = match token {
            Token::Ecr(_) => " (ECR tokens last 12 hours)",
            _ => "",
        };
        if exp <= clock.now {
            diags.push(Diagnostic::new(
                Code::TokenExpired,
                format!(
                    "{} is {}{kind} that expired at {} ({} ago): the registry refuses it",
                    p.what,
                    token.name(),
                    iso8601(exp),
                    duration(clock.now - exp)
                ),
                pointer,
                p.span,
            ));
            for (verdict, reads) in verdicts.iter_mut().zip(p.readers) {
                if reads && verdict.status == Status::Used {
                    *verdict = v(Status::FailsRegistry, EXPIRED);
                }
            }
        } else if exp - clock.now <= clock.window {
            diags.push(Diagnostic::new(
                Code::TokenExpiring,
                format!(
                    "{} is {}{kind} that expires at {} (in {}): pulls fail from then on",
                    p.what,
                    token.name(),
                    iso8601(exp),
                    duration(exp - clock.now)
                ),
                pointer,
                p.span,
            ));
        }
    }
}

/// A field that is given and not empty.
fn nonempty(f: Option<Field<'_>>) -> Option<Field<'_>> {
    f.filter(|f| !f.value.is_empty())
}

/// What kind of token `value` is (with `user` beside it), if it is one this module knows.
fn recognise(value: &str, user: Option<&str>) -> Option<Token> {
    if value.len() > MAX_TOKEN {
        return None;
    }
    match user {
        Some(ECR_USER) => {
            if let Some(exp) = ecr_expiration(value) {
                return Some(Token::Ecr(exp));
            }
        }
        Some(GCP_USER) if value.starts_with("ya29.") => return Some(Token::GoogleAccess),
        _ => {}
    }
    jwt_exp(value).map(Token::Jwt)
}

/// A JWT's `exp`: `header.payload.signature`, each base64url (unpadded, or padded as some
/// writers do), the header a JSON object with `alg`, the payload a JSON object with a numeric
/// `exp`. `None` for anything else (a JWT without `exp` never expires).
fn jwt_exp(token: &str) -> Option<i64> {
    let mut parts = token.split('.');
    let (header, payload, signature) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || header.is_empty() || payload.is_empty() {
        return None;
    }
    let url_safe = |s: &str| {
        s.trim_end_matches('=')
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
    };
    if ![header, payload, signature].iter().all(|s| url_safe(s)) {
        return None;
    }
    let header = b64::decode_go(&b64::URL_SAFE_ANY, header)?;
    let header = std::str::from_utf8(&header).ok()?;
    member(&json::parse(header).ok()?.value, "alg")?;
    let payload = b64::decode_go(&b64::URL_SAFE_ANY, payload)?;
    let payload = std::str::from_utf8(&payload).ok()?;
    seconds(member(&json::parse(payload).ok()?.value, "exp")?)
}

/// An ECR password's `expiration`: standard base64 of a JSON object with a numeric
/// `expiration` (what `aws ecr get-login-password` prints).
fn ecr_expiration(password: &str) -> Option<i64> {
    if !password.starts_with('e') {
        // Base64 of a JSON object (`{`) starts with `e`: anything else is not decoded.
        return None;
    }
    let bytes = b64::decode_go(&b64::STD, password)?;
    let text = std::str::from_utf8(&bytes).ok()?;
    seconds(member(&json::parse(text).ok()?.value, "expiration")?)
}

/// The last member `name` of a JSON object (Go keeps the last of repeated keys).
fn member<'v, 'a>(object: &'v Value<'a>, name: &str) -> Option<&'v Value<'a>> {
    object
        .as_object()?
        .iter()
        .rev()
        .find(|m| m.key == name)
        .map(|m| &m.value.value)
}

/// A JSON number as whole seconds since the epoch (NumericDate may have a fraction or an
/// exponent: the fraction is dropped), within the years 1970 to 9999. Read digit by digit
/// rather than as an `f64`: the float parser and its tables would add about 15 KiB to the
/// WebAssembly package for this one number.
fn seconds(v: &Value<'_>) -> Option<i64> {
    let Value::Number(n) = v else { return None };
    let (mantissa, exp) = match n.find(['e', 'E']) {
        Some(i) => (&n[..i], n[i + 1..].parse::<i64>().ok()?),
        None => (&n[..], 0),
    };
    if mantissa.starts_with('-') {
        return None;
    }
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = || int.bytes().chain(frac.bytes());
    // How many digits stand before the decimal point once the exponent has moved it.
    let whole = (int.len() as i64).saturating_add(exp);
    if digits().all(|d| d == b'0') || whole <= 0 {
        return Some(0);
    }
    if whole > 12 {
        // More than 12 digits: after the year 9999 (`MAX_TIME` has 12).
        return None;
    }
    let padded = digits().chain(std::iter::repeat(b'0'));
    let t = padded
        .take(whole as usize)
        .fold(0i64, |t, d| t * 10 + i64::from(d - b'0'));
    (t <= MAX_TIME).then_some(t)
}

/// `t` (seconds since the epoch, at most [`MAX_TIME`]) as ISO 8601 UTC:
/// `2026-01-02T03:04:05Z`. Written here rather than with a date crate: the core formats this
/// one kind of timestamp, with no time zone or parsing, and the civil-from-days conversion is a
/// few lines (Howard Hinnant's `civil_from_days`), where a date crate would add its weight to
/// the WebAssembly package.
pub(crate) fn iso8601(t: i64) -> String {
    let (days, secs) = (t.div_euclid(86_400), t.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// A non-negative number of seconds in its largest whole unit: `3 days`, `1 hour`, `45 seconds`.
fn duration(s: i64) -> String {
    let (n, unit) = match s {
        s if s >= 86_400 => (s / 86_400, "day"),
        s if s >= 3600 => (s / 3600, "hour"),
        s if s >= 60 => (s / 60, "minute"),
        s => (s, "second"),
    };
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    // Through `validate`, as users meet it (a test-only use of the module above this one).
    use crate::diagnostics::Severity;
    use crate::rules::validate::{validate, validate_with, ValidateOptions};
    use crate::rules::verdict::Client;
    use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
    use base64::Engine as _;

    /// 2026-01-01T00:00:00Z.
    const NOW: i64 = 1_767_225_600;
    const DAY: i64 = 86_400;

    fn jwt(payload: &str) -> String {
        let seg = |s: &str| URL_SAFE_NO_PAD.encode(s);
        format!(
            "{}.{}.c2lnbmF0dXJl",
            seg(r#"{"alg":"RS256","typ":"JWT"}"#),
            seg(payload)
        )
    }

    fn exp(t: i64) -> String {
        jwt(&format!(r#"{{"sub":"robot","exp":{t}}}"#))
    }

    /// `{"auths":{"r.example.com":{"auth": base64(user:password)}}}`.
    fn config(user: &str, password: &str) -> String {
        let auth = STANDARD.encode(format!("{user}:{password}"));
        format!(r#"{{"auths":{{"r.example.com":{{"auth":"{auth}"}}}}}}"#)
    }

    fn at(now: i64) -> ValidateOptions {
        ValidateOptions {
            now: Some(now),
            ..Default::default()
        }
    }

    /// The token codes of `text` checked at `NOW`, with their messages.
    fn findings(text: &str) -> Vec<(Code, String)> {
        validate_with(text, &at(NOW))
            .all_diagnostics()
            .filter(|d| {
                matches!(
                    d.code,
                    Code::TokenExpired | Code::TokenExpiring | Code::TokenShortLived
                )
            })
            .map(|d| (d.code, d.message.to_string()))
            .collect()
    }

    #[test]
    fn dates_are_iso_8601_utc() {
        assert_eq!(iso8601(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso8601(NOW), "2026-01-01T00:00:00Z");
        assert_eq!(iso8601(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(iso8601(1_767_323_045), "2026-01-02T03:04:05Z");
        assert_eq!(iso8601(MAX_TIME), "9999-12-31T23:59:59Z");
        assert_eq!(duration(0), "0 seconds");
        assert_eq!(duration(61), "1 minute");
        assert_eq!(duration(2 * DAY + 5), "2 days");
    }

    #[test]
    fn numeric_dates_are_read_without_floats() {
        let n = |t: &str| seconds(&Value::Number(t));
        assert_eq!(n("1767225600"), Some(NOW));
        assert_eq!(n("1767225600.999"), Some(NOW));
        assert_eq!(n("1.7672256E9"), Some(NOW));
        assert_eq!(n("1.7672256e+9"), Some(NOW));
        assert_eq!(n("17672256000e-1"), Some(NOW));
        assert_eq!(n("0"), Some(0));
        assert_eq!(n("0.5"), Some(0));
        assert_eq!(n("5e-7"), Some(0));
        assert_eq!(n("0e99999999999999999"), Some(0));
        assert_eq!(n("253402300799"), Some(MAX_TIME));
        for bad in [
            "253402300800",
            "1e12",
            "1e400",
            "1e99999999999999999999",
            "-5",
            "-0",
        ] {
            assert_eq!(n(bad), None, "{bad}");
        }
    }

    #[test]
    fn an_expired_jwt_is_an_error_and_its_registry_fails() {
        let text = config("robot", &exp(NOW - 31 * DAY));
        let r = validate_with(&text, &at(NOW));
        let d = r
            .all_diagnostics()
            .find(|d| d.code == Code::TokenExpired)
            .unwrap();
        assert_eq!(
            d.message,
            "the password in `auth` is a JWT that expired at 2025-12-01T00:00:00Z (31 days ago): the registry refuses it"
        );
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(d.pointer, "/auths/r.example.com/auth");
        assert_eq!((d.line, d.column), (1, 35)); // the value, as every `auth` finding
        assert!(!r.valid);
        let e = &r.objects[0].entries[0];
        for c in Client::ALL {
            assert_eq!(e.verdicts.get(c).status, Status::FailsRegistry);
        }
        // Without a time, nothing is said: `validate` never reads a clock.
        assert!(validate(&text).valid);
    }

    #[test]
    fn expiring_within_the_window_is_a_warning() {
        let text = config("robot", &exp(NOW + 2 * DAY));
        assert_eq!(
            findings(&text),
            [(
                Code::TokenExpiring,
                String::from("the password in `auth` is a JWT that expires at 2026-01-03T00:00:00Z (in 2 days): pulls fail from then on")
            )]
        );
        // A window of one day: not yet.
        let opts = ValidateOptions {
            now: Some(NOW),
            expiry_window: DAY,
        };
        assert_eq!(validate_with(&text, &opts).warnings, 0);
        // The boundary: exactly `now` is expired, exactly the window is expiring.
        assert_eq!(findings(&config("u", &exp(NOW)))[0].0, Code::TokenExpired);
        assert_eq!(
            findings(&config("u", &exp(NOW + 7 * DAY)))[0].0,
            Code::TokenExpiring
        );
        assert!(findings(&config("u", &exp(NOW + 7 * DAY + 1))).is_empty());
    }

    #[test]
    fn far_future_and_non_tokens_say_nothing() {
        assert!(findings(&config("u", &exp(NOW + 365 * DAY))).is_empty());
        for p in [
            "p",
            "not.a.jwt",
            "a.b",
            "a.b.c.d",
            "....",
            // Valid segments, but the header has no `alg`.
            &format!(
                "{}.{}.",
                URL_SAFE_NO_PAD.encode(r#"{"typ":"JWT"}"#),
                URL_SAFE_NO_PAD.encode(format!(r#"{{"exp":{NOW}}}"#))
            ),
            // No `exp`, a string `exp`, a payload that is not an object.
            &jwt(r#"{"sub":"x"}"#),
            &jwt(&format!(r#"{{"exp":"{NOW}"}}"#)),
            &jwt("[1,2]"),
            &jwt("not json"),
            &jwt(r#"{"exp":1e400}"#),
            &jwt(r#"{"exp":-5}"#),
            // Malformed base64 in a segment.
            "eyJhbGciOiJub25lIn0.!!!.x",
            "eyJhbGciOiJub25lIn0.e30=x.x",
        ] {
            assert!(findings(&config("u", p)).is_empty(), "{p}");
        }
    }

    #[test]
    fn every_field_is_read_and_named() {
        let old = exp(NOW - DAY);
        let text = format!(
            r#"{{"auths":{{"a.io":{{"username":"u","password":"{old}"}},"b.io":{{"auth":"dTo=","identitytoken":"{old}"}},"c.io":{{"auth":"dTpw","registrytoken":"{old}"}}}}}}"#
        );
        let r = validate_with(&text, &at(NOW));
        let expired: Vec<&str> = r
            .all_diagnostics()
            .filter(|d| d.code == Code::TokenExpired)
            .map(|d| d.pointer.as_str())
            .collect();
        assert_eq!(
            expired,
            [
                "/auths/a.io/password",
                "/auths/b.io/identitytoken",
                "/auths/c.io/registrytoken"
            ]
        );
        let status = |i: usize| Client::ALL.map(|c| r.objects[0].entries[i].verdicts.get(c).status);
        use Status::*;
        // `password` without `auth`: containers/image ignores it already.
        assert_eq!(status(0), [FailsRegistry, Ignored, FailsRegistry]);
        // kubelet never reads an identity token; only docker a registry token.
        assert_eq!(status(1)[1..], [FailsRegistry, FailsRegistry]);
        assert_eq!(status(2), [Used, Used, FailsRegistry]);
        // A pointer into the Secret or a message never holds the token.
        for d in r.all_diagnostics() {
            assert!(!d.message.contains(&old[..20]));
        }
    }

    #[test]
    fn ecr_tokens_and_google_access_tokens() {
        let ecr = |t: i64| {
            STANDARD.encode(format!(
                r#"{{"payload":"cGF5bG9hZA==","datakey":"a2V5","version":"2","type":"DATA_KEY","expiration":{t}}}"#
            ))
        };
        assert_eq!(
            findings(&config("AWS", &ecr(NOW - 3600))),
            [(
                Code::TokenExpired,
                String::from("the password in `auth` is an Amazon ECR token (ECR tokens last 12 hours) that expired at 2025-12-31T23:00:00Z (1 hour ago): the registry refuses it")
            )]
        );
        assert_eq!(
            findings(&config("AWS", &ecr(NOW + 11 * 3600)))[0].0,
            Code::TokenExpiring
        );
        // The same payload under another user is not an ECR login.
        assert!(findings(&config("robot", &ecr(NOW - 3600))).is_empty());
        let g = findings(&config("oauth2accesstoken", "ya29.a0AfH6SMBx"));
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].0, Code::TokenShortLived);
        assert!(!g[0].1.contains("a0AfH6SMBx"));
        assert!(findings(&config("oauth2accesstoken", "other")).is_empty());
    }

    #[test]
    fn hostile_tokens_cost_little_and_never_panic() {
        // A 10 MB password that looks like a JWT: not read at all.
        let huge = format!("eyJ{}.eyJ{}.x", "A".repeat(5 << 20), "A".repeat(5 << 20));
        let start = std::time::Instant::now();
        assert!(findings(&config("u", &huge)).is_empty());
        assert!(findings(&config("AWS", &STANDARD.encode(&huge))).is_empty());
        // Just under the limit: read, linear.
        let big = jwt(&format!(
            r#"{{"pad":"{}","exp":{NOW}}}"#,
            "x".repeat(40_000)
        ));
        assert!(big.len() < MAX_TOKEN);
        assert_eq!(findings(&config("u", &big))[0].0, Code::TokenExpired);
        // Deeply nested payloads and headers: the depth-limited reader refuses them.
        for depth in [100, 1_000, 1_001, 20_000] {
            let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
            let nested = format!(r#"{{"a":{deep},"exp":{NOW}}}"#);
            let f = findings(&config("u", &jwt(&nested)));
            assert!(f.len() <= 1, "{depth}");
        }
        assert!(start.elapsed().as_secs() < 10, "{:?}", start.elapsed());
    }
}
