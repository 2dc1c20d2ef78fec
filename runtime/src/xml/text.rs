//! Text as written between markup and in attribute values, unescaped: the five predefined
//! entities and character references.

use std::borrow::Cow;

use super::shown;

pub(super) fn append<'a>(text: &mut Cow<'a, str>, piece: Cow<'a, str>) {
    if text.is_empty() {
        *text = piece;
    } else {
        text.to_mut().push_str(&piece);
    }
}

/// Appends `raw`, text as written between markup, to `out` with its references resolved and,
/// when `eols`, its line ends normalized. An error gives the offset in `raw` it is at.
pub(super) fn unescape_into(
    raw: &str,
    eols: bool,
    out: &mut String,
) -> Result<(), (usize, String)> {
    let mut rest = raw;
    loop {
        let special = if eols {
            rest.find(['&', '\r'])
        } else {
            rest.find('&')
        };
        let Some((plain, tail)) = special.and_then(|at| rest.split_at_checked(at)) else {
            out.push_str(rest);
            return Ok(());
        };
        out.push_str(plain);
        if let Some(after) = tail.strip_prefix('\r') {
            out.push('\n');
            rest = after.strip_prefix('\n').unwrap_or(after);
            continue;
        }
        let offset = raw.len().saturating_sub(tail.len());
        let (reference, after) = tail
            .get(1..)
            .and_then(|t| t.split_once(';'))
            .ok_or_else(|| (offset, "`&` that starts no reference".to_owned()))?;
        out.push(resolve(reference).map_err(|why| (offset, why))?);
        rest = after;
    }
}

/// An attribute value as written (between its quotes), with its references resolved and
/// normalized as XML 1.0 says: each white space character, and each `\r\n`, becomes a space.
pub(super) fn attribute_value(raw: &str) -> Result<String, String> {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    loop {
        let Some((plain, tail)) = rest
            .find(['&', '\r', '\n', '\t'])
            .and_then(|at| rest.split_at_checked(at))
        else {
            out.push_str(rest);
            return Ok(out);
        };
        out.push_str(plain);
        if let Some(after) = tail.strip_prefix('&') {
            let (reference, after) = after
                .split_once(';')
                .ok_or_else(|| "`&` that starts no reference".to_owned())?;
            out.push(resolve(reference)?);
            rest = after;
        } else {
            out.push(' ');
            rest = tail
                .strip_prefix("\r\n")
                .or_else(|| tail.get(1..))
                .unwrap_or_default();
        }
    }
}

/// The character a reference stands for: one of the five predefined entities or a character
/// reference; `reference` is what stands between `&` and `;`.
pub(super) fn resolve(reference: &str) -> Result<char, String> {
    let (digits, radix) = match reference {
        "lt" => return Ok('<'),
        "gt" => return Ok('>'),
        "amp" => return Ok('&'),
        "apos" => return Ok('\''),
        "quot" => return Ok('"'),
        _ => match reference.strip_prefix('#') {
            Some(hex) if hex.starts_with('x') => (hex.get(1..).unwrap_or_default(), 16),
            Some(decimal) => (decimal, 10),
            None => return Err(format!("unknown entity `&{};`", shown(reference))),
        },
    };
    let digits_only = !digits.is_empty() && digits.chars().all(|c| c.is_digit(radix));
    digits_only
        .then(|| u32::from_str_radix(digits, radix).ok())
        .flatten()
        .filter(|&code| code != 0)
        .and_then(char::from_u32)
        .ok_or_else(|| format!("`&{};` is not a character reference", shown(reference)))
}
