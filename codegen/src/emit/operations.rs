//! One module per operation: its documentation, its input and output structures (synthesized
//! from the model's input and output shapes, so every operation has its own), and its error
//! enum.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{Doc, code};
use super::errors::emit_operation_error;
use super::structs::{StructSpec, emit_struct};
use super::{Service, names::Names};
use crate::ir::{Constraints, Operation, Shape, ShapeId, ShapeKind, Structure};

/// Emits the items of `op`'s module (module docs included, as inner attributes).
pub fn emit_operation(svc: &Service<'_>, op: &Operation) -> TokenStream {
    let names = svc.names.operation(&op.name);
    let mut doc = Doc::from_html(op.docs.as_deref(), || {
        format!("The {} operation.", code(&op.name))
    });
    if let Some(uid) = &svc.model.service.uid {
        doc.paragraph(&format!(
            "See also the [AWS API reference](https://docs.aws.amazon.com/goto/WebAPI/{uid}/{}).",
            op.name
        ));
    }
    if let (Some(_), Some(_), Some(_)) = (&op.paginator, &op.input, &op.output) {
        let names = svc.names.operation(&op.name);
        doc.paragraph(&format!(
            "**Paginated.** After each response, `{input}::next_page(&output)` gives the input \
             of the next page (or `None` after the last one), and `{output}::items()` the \
             items of the page.",
            input = names.input,
            output = names.output,
        ));
    }
    if let Some(d) = &op.deprecated {
        doc.paragraph(&format!(
            "**Deprecated.** {}",
            d.message
                .as_deref()
                .unwrap_or("The service marks this operation deprecated.")
        ));
    }
    let module_doc = doc.inner_attrs();

    let input = io_struct(
        svc,
        op.input.as_ref(),
        &names.input,
        &format!("The input of the {} operation.", code(&op.name)),
    );
    let output = io_struct(
        svc,
        op.output.as_ref(),
        &names.output,
        &format!("The output of the {} operation.", code(&op.name)),
    );
    let error = emit_operation_error(svc, op);
    let paginator = super::paginators::emit_paginator(svc, op);
    quote! {
        #module_doc
        #input
        #output
        #error
        #paginator
    }
}

fn io_struct(svc: &Service<'_>, shape: Option<&ShapeId>, name: &str, summary: &str) -> TokenStream {
    let empty_shape;
    let empty_structure = Structure::default();
    let (shape, structure, fields) = match shape {
        Some(id) => {
            let shape = svc.model.shape(id);
            match &shape.kind {
                ShapeKind::Structure(s) => (shape, s, svc.names.fields(id)),
                _ => unreachable!("operation I/O `{id}` was validated to be a structure"),
            }
        }
        None => {
            empty_shape = Shape {
                id: ShapeId::new(name),
                kind: ShapeKind::Structure(Structure::default()),
                docs: None,
                deprecated: None,
                sensitive: false,
                error: None,
                constraints: Constraints::default(),
                unsupported: None,
            };
            (&empty_shape, &empty_structure, Names::no_fields())
        }
    };
    let mut doc = Doc::text(summary);
    if let Some(html) = shape.docs.as_deref() {
        let model_doc = Doc::from_html(Some(html), String::new);
        doc = model_doc;
        doc.paragraph(summary);
    }
    emit_struct(
        svc,
        &StructSpec {
            shape,
            structure,
            fields,
            name: name.to_owned(),
            builder: format!("{name}Builder"),
            doc,
            error_meta: false,
        },
    )
}
