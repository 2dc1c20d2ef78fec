//! The HTTP binding of the REST protocols, independent of the body codec: [`request`] writes
//! an operation's method, URI (labels, query), headers and payload around the document the
//! codec writes; [`response`] binds status code, headers and payload of a response (or of an
//! error) into the output structure the codec starts. restJson1 is the JSON map codec plus this
//! binding (`../rest_json.rs`); restXml will be the XML codec plus this binding.
//!
//! Timestamps default by location (Smithy `timestampFormat` rules): headers `http-date`, URI
//! labels and query parameters `date-time`; the member's `timestampFormat` overrides.

pub mod request;
pub mod response;

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::Service;
use crate::ir::{HttpLocation, Member, Scalar, ShapeKind, TimestampFormat};

/// The timestamp format of member `m` at `location`.
pub fn timestamp_format(m: &Member, location: &HttpLocation) -> TimestampFormat {
    m.timestamp_format.unwrap_or(match location {
        HttpLocation::Header(_) | HttpLocation::PrefixHeaders(_) => TimestampFormat::HttpDate,
        _ => TimestampFormat::DateTime,
    })
}

/// The runtime's name of a timestamp format (`crate::runtime::rest::TimestampFormat::…`).
pub fn runtime_format(format: TimestampFormat) -> TokenStream {
    match format {
        TimestampFormat::DateTime => quote!(crate::runtime::rest::TimestampFormat::DateTime),
        TimestampFormat::HttpDate => quote!(crate::runtime::rest::TimestampFormat::HttpDate),
        TimestampFormat::EpochSeconds => {
            quote!(crate::runtime::rest::TimestampFormat::EpochSeconds)
        }
    }
}

/// An expression of type `&str`: the text of `v` (an expression of type `&T`, `T` the value
/// type of a scalar, enum or int enum shape `target`) in a URI, query or header, at `location`
/// (for timestamp defaults) for member `m`.
pub fn text(
    svc: &Service<'_>,
    m: &Member,
    target: &crate::ir::ShapeId,
    location: &HttpLocation,
    v: &TokenStream,
) -> TokenStream {
    match &svc.model.shape(target).kind {
        ShapeKind::Enum(_) => quote!(#v.as_str()),
        ShapeKind::IntEnum(_) => quote!(&::std::string::ToString::to_string(&#v.value())),
        ShapeKind::Scalar(scalar) => match scalar {
            Scalar::String if m.is_json_value() && matches!(location, HttpLocation::Header(_)) => {
                quote!(&crate::runtime::Blob::new(#v.as_bytes()).to_base64())
            }
            Scalar::String | Scalar::BigInteger | Scalar::BigDecimal => quote!(#v.as_str()),
            Scalar::Boolean => quote!(if *#v { "true" } else { "false" }),
            Scalar::Byte | Scalar::Short | Scalar::Integer | Scalar::Long => {
                quote!(&::std::string::ToString::to_string(#v))
            }
            Scalar::Float => quote!(&crate::runtime::rest::float32(*#v)),
            Scalar::Double => quote!(&crate::runtime::rest::float(*#v)),
            Scalar::Blob => quote!(&#v.to_base64()),
            Scalar::Timestamp => match timestamp_format(m, location) {
                TimestampFormat::DateTime => quote!(&#v.to_date_time_string()),
                TimestampFormat::HttpDate => quote!(&#v.to_http_date_string()),
                TimestampFormat::EpochSeconds => quote!(&#v.to_epoch_seconds_string()),
            },
        },
        // Lowering and the binding rules leave only scalars here; a structure cannot be
        // written as text, so nothing is (the member is not sent).
        _ => quote!(""),
    }
}

/// Whether a text value of `target` is quoted in a header list when it holds `,` or `"`
/// (strings and enums; HTTP dates keep their comma unquoted).
pub fn quoted_in_lists(svc: &Service<'_>, target: &crate::ir::ShapeId) -> bool {
    matches!(
        svc.model.shape(target).kind,
        ShapeKind::Enum(_) | ShapeKind::Scalar(Scalar::String)
    )
}

/// An expression parsing `v` (a `&str` from header `name`) into the value type of `target`,
/// with `?` for an `InvalidResponse` (`status` in scope).
pub fn parse(
    svc: &Service<'_>,
    m: &Member,
    target: &crate::ir::ShapeId,
    location: &HttpLocation,
    name: &str,
    v: &TokenStream,
) -> TokenStream {
    let item = |f: TokenStream| quote!(crate::runtime::rest::parse_item(#v, #name, status, #f)?);
    match &svc.model.shape(target).kind {
        ShapeKind::Enum(_) => {
            let ty = svc.rust_type(target);
            quote!(<#ty as ::std::convert::From<::std::string::String>>::from(::std::borrow::ToOwned::to_owned(#v.trim())))
        }
        ShapeKind::IntEnum(_) => {
            let ty = svc.rust_type(target);
            let parse = item(quote!(str::parse::<i32>));
            quote!(<#ty as ::std::convert::From<i32>>::from(#parse))
        }
        ShapeKind::Scalar(scalar) => match scalar {
            Scalar::String if m.is_json_value() => {
                item(quote!(crate::runtime::rest::parse_json_value))
            }
            Scalar::String | Scalar::BigInteger | Scalar::BigDecimal => {
                quote!(::std::borrow::ToOwned::to_owned(#v))
            }
            Scalar::Boolean => item(quote!(crate::runtime::rest::parse_bool)),
            Scalar::Byte => item(quote!(str::parse::<i8>)),
            Scalar::Short => item(quote!(str::parse::<i16>)),
            Scalar::Integer => item(quote!(str::parse::<i32>)),
            Scalar::Long => item(quote!(str::parse::<i64>)),
            Scalar::Float => item(quote!(crate::runtime::rest::parse_f32)),
            Scalar::Double => item(quote!(crate::runtime::rest::parse_f64)),
            Scalar::Blob => item(quote!(crate::runtime::Blob::from_base64)),
            Scalar::Timestamp => {
                let format = runtime_format(timestamp_format(m, location));
                item(quote!(|s: &str| crate::runtime::rest::parse_timestamp(s, #format)))
            }
        },
        _ => quote!(::std::default::Default::default()),
    }
}

/// The list member's target of `target` when it is a list, else `None`.
pub fn list_item(svc: &Service<'_>, target: &crate::ir::ShapeId) -> Option<crate::ir::ShapeId> {
    match &svc.model.shape(target).kind {
        ShapeKind::List(l) => Some(l.member.target.clone()),
        _ => None,
    }
}

/// Whether `target` is a timestamp written as an HTTP date for member `m` at `location`.
pub fn is_http_date(
    svc: &Service<'_>,
    m: &Member,
    target: &crate::ir::ShapeId,
    location: &HttpLocation,
) -> bool {
    matches!(
        svc.model.shape(target).kind,
        ShapeKind::Scalar(Scalar::Timestamp)
    ) && timestamp_format(m, location) == TimestampFormat::HttpDate
}
