//! The flexible checksums of `httpChecksum`, for every protocol alike: `build_request` adds the
//! request body's `x-amz-checksum-<algorithm>` (the algorithm member's choice, else CRC32) and
//! asks for the response's checksum (`x-amz-checksum-mode: ENABLED`), and `parse_response`
//! checks a success response's body against the checksum its headers carry — botocore
//! 1.44.5's defaults (`request_checksum_calculation` and `response_checksum_validation` both
//! `when_supported`).

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::Service;
use crate::ir::{HttpLocation, Member, Operation, ShapeKind};
use crate::naming;

/// The input member `name` and its field, if the input has it.
fn input_member<'s>(
    svc: &'s Service<'_>,
    op: &Operation,
    name: &str,
) -> Option<(&'s Member, &'s str)> {
    let ShapeKind::Structure(s) = &svc.model.shape(&op.input).kind else {
        return None;
    };
    let fields = svc.names.fields(&op.input);
    let i = s.members.iter().position(|m| m.name == name)?;
    Some((&s.members[i], fields[i].as_str()))
}

/// Statements (on `request`, which must be `mut`, and `input`; `?` gives `InvalidRequest`)
/// adding the request's flexible checksum and the response validation mode, for an operation
/// whose `httpChecksum` names a request algorithm member or a validation mode member.
pub fn request(svc: &Service<'_>, op: &Operation) -> Option<TokenStream> {
    let checksum = op.http_checksum.as_ref()?;
    let flexible = checksum.request_algorithm_member.as_ref().map(|name| {
        let Some((member, field)) = input_member(svc, op, name) else {
            unreachable!(
                "the checksum algorithm member `{name}` of `{}` was validated",
                op.name
            )
        };
        let field = naming::to_ident(field);
        let value = match svc.model.shape(&member.target).kind {
            ShapeKind::Enum(_) => quote!(input.#field.as_ref().map(|v| v.as_str())),
            _ => quote!(input.#field.as_deref()),
        };
        let header = match &member.http {
            HttpLocation::Header(h) => {
                let h = h.to_ascii_lowercase();
                quote!(::std::option::Option::Some(#h))
            }
            _ => quote!(::std::option::Option::None),
        };
        let flexible =
            quote!(crate::runtime::checksum::flexible(&mut request, #value, #header, #name)?;);
        match svc.streaming_payload(&op.input) {
            // A body the caller streams is not here to hash: its checksum goes in a trailer
            // (see `checksum::streamed`).
            Some(body) => quote! {
                if input.#body.as_ref().is_some_and(|b| b.as_bytes().is_none()) {
                    crate::runtime::checksum::streamed(&mut request, #value, #header, #name)?;
                } else {
                    #flexible
                }
            },
            None => flexible,
        }
    });
    let mode =
        checksum
            .request_validation_mode_member
            .as_ref()
            .and_then(|name| match &input_member(svc, op, name)?.0.http {
                HttpLocation::Header(h) => {
                    let h = h.to_ascii_lowercase();
                    Some(quote!(crate::runtime::checksum::enable_validation(&mut request, #h);))
                }
                // Only a header can be set after serialization; no model binds it elsewhere.
                _ => None,
            });
    if flexible.is_none() && mode.is_none() {
        return None;
    }
    Some(quote!(#flexible #mode))
}

/// Whether `op` gets `Content-MD5`: it requires a checksum and names no algorithm member (with
/// one, the flexible checksum stands in for it, as in botocore 1.44.5).
pub fn content_md5(op: &Operation) -> bool {
    op.checksum_required
        && op
            .http_checksum
            .as_ref()
            .is_none_or(|c| c.request_algorithm_member.is_none())
}

/// A statement for the start of `parse_response` (with `status`, `headers`, `body`) that checks
/// a success response's body against its checksum, for an operation with response algorithms
/// this runtime computes (`MD5` and `XXHASH*` are skipped, as botocore without the CRT skips
/// them). Not for event-stream outputs, whose body is not all there.
pub fn response(svc: &Service<'_>, op: &Operation) -> Option<TokenStream> {
    // An event stream's body is not all there; a streaming blob's is checked as it is read
    // (`attach_body`, see `response_stream`).
    if svc.output_stream(op).is_some() || svc.streaming_payload(&op.output).is_some() {
        return None;
    }
    let algorithms = response_algorithms(op);
    if algorithms.is_empty() {
        return None;
    }
    Some(quote! {
        if (200..300).contains(&status) {
            crate::runtime::checksum::validate_response(status, headers, body, &[#(#algorithms),*])?;
        }
    })
}

/// For an operation whose output is a streaming blob (S3 `GetObject`) with response
/// algorithms: an expression of the attached `body` (a `Box<dyn BodySource>`, with the
/// response's `headers`) that checks the checksum when the caller has read it to the end.
pub fn response_stream(op: &Operation) -> Option<TokenStream> {
    let algorithms = response_algorithms(op);
    if algorithms.is_empty() {
        return None;
    }
    Some(quote! {
        crate::runtime::checksum::validating(headers, &[#(#algorithms),*], body)
    })
}

/// The `Algorithm`s of `op`'s `responseAlgorithms` this runtime computes.
fn response_algorithms(op: &Operation) -> Vec<TokenStream> {
    let Some(checksum) = op.http_checksum.as_ref() else {
        return Vec::new();
    };
    let mut algorithms: Vec<TokenStream> = Vec::new();
    for name in &checksum.response_algorithms {
        let variant = match name.to_ascii_uppercase().as_str() {
            "CRC32" => quote!(Crc32),
            "CRC32C" => quote!(Crc32c),
            "CRC64NVME" => quote!(Crc64Nvme),
            "SHA1" => quote!(Sha1),
            "SHA256" => quote!(Sha256),
            "SHA512" => quote!(Sha512),
            _ => continue,
        };
        algorithms.push(quote!(crate::runtime::checksum::Algorithm::#variant));
    }
    algorithms
}
