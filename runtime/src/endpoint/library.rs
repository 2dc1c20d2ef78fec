//! The standard library of the endpoint rules language, as botocore implements it:
//! `substring`, `uriEncode`, `parseURL`, `isValidHostLabel`, `aws.parseArn` and
//! `aws.isVirtualHostableS3Bucket` (`aws.partition` is in `partitions`).

use std::borrow::Cow;

use super::Value;

/// `substring(s, start, stop, reverse)`: the ASCII string's characters `start..stop` (counted
/// from the end when `reverse`), or `None` when out of range or not ASCII.
pub fn substring(s: &str, start: i64, stop: i64, reverse: bool) -> Option<&str> {
    let start = usize::try_from(start).ok()?;
    let stop = usize::try_from(stop).ok()?;
    if start >= stop || s.len() < stop || !s.is_ascii() {
        return None;
    }
    if reverse {
        s.get(s.len() - stop..s.len() - start)
    } else {
        s.get(start..stop)
    }
}

/// Percent-encodes every byte of the UTF-8 text except `A-Z a-z 0-9 - . _ ~` (`%XX`,
/// upper-case hex).
pub fn uri_encode(s: &str) -> String {
    encode(s, b"-._~")
}

fn encode(s: &str, safe: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || safe.contains(&b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            for nibble in [b >> 4, b & 0xf] {
                if let Some(&h) = HEX.get(usize::from(nibble)) {
                    out.push(char::from(h));
                }
            }
        }
    }
    out
}

/// What `parseURL` gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Url {
    /// `http` or `https`.
    pub scheme: String,
    /// Host and port (and user info, if any).
    pub authority: String,
    /// The path as given.
    pub path: String,
    /// The path without empty and dot segments, percent-encoded, ending in `/`.
    pub normalized_path: String,
    /// Whether the host is an IPv4 or IPv6 address.
    pub is_ip: bool,
}

impl Url {
    /// The rules language's object.
    pub fn into_value(self) -> Value<'static> {
        Value::Object(vec![
            (Cow::Borrowed("scheme"), Value::Str(Cow::Owned(self.scheme))),
            (
                Cow::Borrowed("authority"),
                Value::Str(Cow::Owned(self.authority)),
            ),
            (Cow::Borrowed("path"), Value::Str(Cow::Owned(self.path))),
            (
                Cow::Borrowed("normalizedPath"),
                Value::Str(Cow::Owned(self.normalized_path)),
            ),
            (Cow::Borrowed("isIp"), Value::Bool(self.is_ip)),
        ])
    }
}

/// `parseURL(s)`: an `http` or `https` URL without a query, or `None`.
pub fn parse_url(s: &str) -> Option<Url> {
    let (scheme, rest) = s.split_once("://")?;
    if scheme != "http" && scheme != "https" {
        return None;
    }
    // A fragment is dropped, as Python's urlparse does; a query is refused.
    let rest = rest.split_once('#').map_or(rest, |(before, _)| before);
    if rest.contains('?') {
        return None;
    }
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let (host, port) = if let Some(inner) = host_port.strip_prefix('[') {
        let (host, after) = inner.split_once(']')?;
        (host, after.strip_prefix(':'))
    } else {
        match host_port.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (host_port, None),
        }
    };
    if let Some(port) = port
        && !port.is_empty()
        && (!port.bytes().all(|b| b.is_ascii_digit()) || port.parse::<u32>().ok()? > 65535)
    {
        return None;
    }
    let is_ip = if host_port.starts_with('[') {
        !host.is_empty()
            && host
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.' || b == b'%')
            && host.contains(':')
    } else {
        is_ipv4(host)
    };
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    let mut normalized = String::from("/");
    for segment in &segments {
        normalized.push_str(&encode(segment, b"_.-~"));
        normalized.push('/');
    }
    Some(Url {
        scheme: scheme.to_owned(),
        authority: authority.to_owned(),
        path: path.to_owned(),
        normalized_path: normalized,
        is_ip,
    })
}

/// Four dot-separated groups of one to three digits.
fn is_ipv4(host: &str) -> bool {
    let groups: Vec<&str> = host.split('.').collect();
    groups.len() == 4
        && groups
            .iter()
            .all(|g| (1..=3).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()))
}

/// `isValidHostLabel(s, allowSubDomains)`: 1 to 63 letters, digits and `-`, not starting or
/// ending with `-`; with `allow_subdomains`, every dot-separated label so.
pub fn is_valid_host_label(s: &str, allow_subdomains: bool) -> bool {
    if allow_subdomains {
        s.split('.').all(label)
    } else {
        label(s)
    }
}

fn label(s: &str) -> bool {
    (1..=63).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// `aws.isVirtualHostableS3Bucket(s, allowSubDomains)`: a host label (or labels) of 3 to 63
/// characters, no upper case, not an IPv4 address.
pub fn is_virtual_hostable_s3_bucket(s: &str, allow_subdomains: bool) -> bool {
    (3..=63).contains(&s.len())
        && !s.bytes().any(|b| b.is_ascii_uppercase())
        && !is_ipv4(s)
        && is_valid_host_label(s, allow_subdomains)
}

/// What `aws.parseArn` gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arn {
    /// `aws`.
    pub partition: String,
    /// `s3`.
    pub service: String,
    /// The region, possibly empty.
    pub region: String,
    /// The account id, possibly empty.
    pub account_id: String,
    /// The resource, split at `:` and `/`.
    pub resource_id: Vec<String>,
}

impl Arn {
    /// The rules language's object.
    pub fn into_value(self) -> Value<'static> {
        Value::Object(vec![
            (
                Cow::Borrowed("partition"),
                Value::Str(Cow::Owned(self.partition)),
            ),
            (
                Cow::Borrowed("service"),
                Value::Str(Cow::Owned(self.service)),
            ),
            (Cow::Borrowed("region"), Value::Str(Cow::Owned(self.region))),
            (
                Cow::Borrowed("accountId"),
                Value::Str(Cow::Owned(self.account_id)),
            ),
            (
                Cow::Borrowed("resourceId"),
                Value::Array(
                    self.resource_id
                        .into_iter()
                        .map(|s| Value::Str(Cow::Owned(s)))
                        .collect(),
                ),
            ),
        ])
    }
}

/// `aws.parseArn(s)`: `arn:partition:service:region:account:resource` with partition, service
/// and resource not empty, or `None`.
pub fn parse_arn(s: &str) -> Option<Arn> {
    let rest = s.strip_prefix("arn:")?;
    let mut parts = rest.splitn(5, ':');
    let partition = parts.next()?;
    let service = parts.next()?;
    let region = parts.next()?;
    let account = parts.next()?;
    let resource = parts.next()?;
    if partition.is_empty() || service.is_empty() || resource.is_empty() {
        return None;
    }
    Some(Arn {
        partition: partition.to_owned(),
        service: service.to_owned(),
        region: region.to_owned(),
        account_id: account.to_owned(),
        resource_id: resource.split([':', '/']).map(str::to_owned).collect(),
    })
}
