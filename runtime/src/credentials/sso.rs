//! A profile's SSO settings (IAM Identity Center): the access token that `aws sso login` left
//! in the token cache, traded for the role's credentials by the SSO portal's
//! `GetRoleCredentials`.
//!
//! `sso_session = NAME` reads `sso_start_url` and `sso_region` from the config file's
//! `[sso-session NAME]`, and the token from `~/.aws/sso/cache/<sha1(NAME)>.json`; the legacy
//! form has `sso_start_url` and `sso_region` in the profile, and the token file is named by the
//! SHA-1 of the start URL. Both need `sso_account_id` and `sso_role_name`. The token file's
//! `accessToken` is used until its `expiresAt`; refreshing it (SSO OIDC `CreateToken` with the
//! cached refresh token) is not done: an expired token is an error asking for `aws sso login`.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::SystemTime;

use crate::credentials::{Profile, SharedFiles};

/// What the SSO portal is asked for, and where its token file is.
#[derive(Debug)]
pub struct SsoProfile {
    /// The portal's region (`sso_region`).
    pub region: String,
    /// `sso_account_id`.
    pub account_id: String,
    /// `sso_role_name`.
    pub role_name: String,
    /// The token cache file.
    pub token_file: PathBuf,
}

/// The SSO settings of `profile`, or why they are incomplete.
pub fn sso_profile(
    files: &SharedFiles,
    profile: &Profile,
    env: &BTreeMap<String, String>,
) -> Result<SsoProfile, String> {
    let name = profile.name();
    let required = |settings: &BTreeMap<String, String>, key: &str, place: &str| {
        settings
            .get(key)
            .filter(|v| !v.is_empty())
            .cloned()
            .ok_or_else(|| format!("{place} has no {key}"))
    };
    let profile_settings: BTreeMap<String, String> = [
        "sso_start_url",
        "sso_region",
        "sso_account_id",
        "sso_role_name",
    ]
    .into_iter()
    .filter_map(|k| profile.get(k).map(|v| (k.to_owned(), v.to_owned())))
    .collect();
    let here = format!("profile `{name}`");
    let (region, cache_key) = match profile.get("sso_session") {
        Some(session) => {
            let section = files.config_section(&format!("sso-session {session}"));
            if section.is_empty() {
                return Err(format!(
                    "{here} names sso_session `{session}`, and the config file has no \
                     [sso-session {session}] section"
                ));
            }
            let place = format!("[sso-session {session}]");
            required(&section, "sso_start_url", &place)?;
            (
                required(&section, "sso_region", &place)?,
                session.to_owned(),
            )
        }
        None => (
            required(&profile_settings, "sso_region", &here)?,
            required(&profile_settings, "sso_start_url", &here)?,
        ),
    };
    let home = env
        .get("HOME")
        .or_else(|| env.get("USERPROFILE"))
        .filter(|h| !h.is_empty())
        .ok_or_else(|| "HOME is not set: no SSO token cache".to_owned())?;
    Ok(SsoProfile {
        region,
        account_id: required(&profile_settings, "sso_account_id", &here)?,
        role_name: required(&profile_settings, "sso_role_name", &here)?,
        token_file: PathBuf::from(home)
            .join(".aws")
            .join("sso")
            .join("cache")
            .join(format!("{}.json", sha1_hex(cache_key.as_bytes()))),
    })
}

/// The access token of the token file, if it has not expired.
pub fn access_token(token_file: &std::path::Path) -> Result<String, String> {
    let text = std::fs::read(token_file).map_err(|e| {
        format!(
            "cannot read the SSO token cache {} ({e}): run `aws sso login`",
            token_file.display()
        )
    })?;
    let document = crate::credentials::json_document::parse(&text)
        .map_err(|e| format!("SSO token cache {}: {e}", token_file.display()))?;
    let token = document
        .get("accessToken")
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            format!(
                "SSO token cache {} has no accessToken",
                token_file.display()
            )
        })?;
    let expires = document
        .get("expiresAt")
        .ok_or_else(|| format!("SSO token cache {} has no expiresAt", token_file.display()))?;
    let expiry = crate::credentials::json_document::parse_expiry(expires).ok_or_else(|| {
        format!(
            "SSO token cache {}: expiresAt is not an RFC 3339 timestamp: {expires:?}",
            token_file.display()
        )
    })?;
    if expiry <= SystemTime::now() {
        return Err(format!(
            "the SSO access token in {} expired at {expires}: run `aws sso login` (refreshing \
             it is not supported)",
            token_file.display()
        ));
    }
    Ok(token.to_owned())
}

/// SHA-1 of `data` as lowercase hex (FIPS 180-4): the token cache's file names. Not for
/// security: the SDKs name the files so.
pub fn sha1_hex(data: &[u8]) -> String {
    let mut h: [u32; 5] = [
        0x6745_2301,
        0xEFCD_AB89,
        0x98BA_DCFE,
        0x1032_5476,
        0xC3D2_E1F0,
    ];
    let mut message = data.to_vec();
    let bits = u64::try_from(data.len())
        .unwrap_or(u64::MAX)
        .wrapping_mul(8);
    message.push(0x80);
    while message.len() % 64 != 56 {
        message.push(0);
    }
    message.extend_from_slice(&bits.to_be_bytes());
    for block in message.chunks_exact(64) {
        // The message schedule, without indexing: word t from words t-3, t-8, t-14, t-16.
        let mut w: Vec<u32> = block
            .chunks_exact(4)
            .map(|word| {
                word.iter()
                    .fold(0u32, |acc, byte| (acc << 8) | u32::from(*byte))
            })
            .collect();
        while w.len() < 80 {
            let back = |n: usize| w.iter().rev().nth(n - 1).copied().unwrap_or(0);
            let next = (back(3) ^ back(8) ^ back(14) ^ back(16)).rotate_left(1);
            w.push(next);
        }
        let [mut a, mut b, mut c, mut d, mut e] = h;
        for (i, wi) in w.iter().enumerate() {
            let (f, k) = match i {
                0..=19 => ((b & c) | (!b & d), 0x5A82_7999),
                20..=39 => (b ^ c ^ d, 0x6ED9_EBA1),
                40..=59 => ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC),
                _ => (b ^ c ^ d, 0xCA62_C1D6),
            };
            let t = a
                .rotate_left(5)
                .wrapping_add(f)
                .wrapping_add(e)
                .wrapping_add(k)
                .wrapping_add(*wi);
            e = d;
            d = c;
            c = b.rotate_left(30);
            b = a;
            a = t;
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e]) {
            *x = x.wrapping_add(y);
        }
    }
    h.iter().map(|x| format!("{x:08x}")).collect()
}
